import { err, ok, type Result } from '../../result/result.js';
import { assembleReceipt } from '../assemble.js';
import type { VatTicketInput } from '../inputs.js';
import { banners, type Receipt, type ReceiptBlock } from '../model.js';
import { Problems, type ReceiptProblem } from '../problems.js';
import { checkIssueContext, checkSaleContent } from './check-input.js';
import { readSignedFacts } from './signed-facts.js';
import { headerBlocks, saleBodyBlocks, tailBlocks } from './sections.js';
import { checkVatCalcAgrees } from './vat-rows.js';

/**
 * The VAT ticket of an N event (sale or refund), with every C-42 mention in the order C-42 lists
 * them. Built only from a signed answer (C-32); the VAT table is the FDM's vatCalc, which must
 * agree with the lines to the cent, or the ticket would show what the FDM did not sign.
 */
export function buildVatTicket(input: VatTicketInput): Result<Receipt, ReceiptProblem[]> {
  const problems = new Problems();
  const issuedAt = checkIssueContext(problems, input);
  checkSaleContent(problems, input);
  const facts = readSignedFacts(problems, input.signResult, input, { labels: ['N'] });
  if (facts !== undefined) {
    if (facts.vatCalc === undefined) problems.add('signResult.vatCalc', 'is missing: an N event has one');
    else if (!problems.any) checkVatCalcAgrees(problems, input.lines, facts.vatCalc);
  }
  if (problems.any || issuedAt === undefined || facts === undefined) return err(problems.list);

  const top: ReceiptBlock[] = [{ kind: 'banner', text: banners.vatTicket }];
  if (input.lines.some((l) => l.kind === 'refund')) top.push({ kind: 'banner', text: banners.refund });
  return ok(
    assembleReceipt('vat-ticket', [
      ...top,
      ...headerBlocks(input, issuedAt),
      ...saleBodyBlocks(input, facts.vatCalc),
      ...tailBlocks(input, facts, { lines: input.lines, qr: true }),
    ]),
  );
}
