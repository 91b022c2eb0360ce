import { err, ok, type Result } from '../../result/result.js';
import { assembleReceipt } from '../assemble.js';
import type { TrainingTicketInput } from '../inputs.js';
import { banners, type Receipt, type ReceiptBlock } from '../model.js';
import { Problems, type ReceiptProblem } from '../problems.js';
import { checkIssueContext, checkSaleContent } from './check-input.js';
import { headerBlocks, saleBodyBlocks, tailBlocks } from './sections.js';
import { readSignedFacts } from './signed-facts.js';
import { vatRowsOf } from './vat-rows.js';

/**
 * A T event's print: laid out like a VAT ticket so staff can practise, TRAINING on top and at the
 * bottom (C-27), no signature and no QR (C-32), the closing line last.
 */
export function buildTrainingTicket(input: TrainingTicketInput): Result<Receipt, ReceiptProblem[]> {
  const problems = new Problems();
  const issuedAt = checkIssueContext(problems, input);
  checkSaleContent(problems, input);
  const facts = readSignedFacts(problems, input.signResult, input, { labels: ['T'] });
  if (problems.any || issuedAt === undefined || facts === undefined) return err(problems.list);
  const vatRows = vatRowsOf(problems, input.lines, facts.vatCalc);
  if (problems.any) return err(problems.list);
  const banner: ReceiptBlock = { kind: 'banner', text: banners.training };
  return ok(
    assembleReceipt('training', [
      banner,
      ...headerBlocks(input, issuedAt),
      ...saleBodyBlocks(input, vatRows),
      ...tailBlocks(input, facts, { lines: input.lines, qr: false }),
      banner,
    ]),
  );
}
