import { err, ok, type Result } from '../../result/result.js';
import { assembleReceipt } from '../assemble.js';
import type { ProFormaOperation, ProFormaTicketInput } from '../inputs.js';
import { banners, type Receipt, type ReceiptBlock } from '../model.js';
import { Problems, type ReceiptProblem } from '../problems.js';
import { checkIssueContext, checkSaleContent } from './check-input.js';
import { headerBlocks, saleBodyBlocks, tailBlocks } from './sections.js';
import { readSignedFacts } from './signed-facts.js';

const operations: readonly ProFormaOperation[] = ['order', 'pre-bill', 'cost-center-change'];

const subtitle: Readonly<Record<ProFormaOperation, ReceiptBlock>> = {
  order: { kind: 'text', text: 'BESTELLING', align: 'center', bold: true },
  'pre-bill': { kind: 'banner', text: banners.preBill },
  'cost-center-change': { kind: 'text', text: 'OVERDRACHT', align: 'center', bold: true },
};

/**
 * A P event's print (order, interim bill, table transfer): PRO FORMA on top (C-27), amounts but
 * no VAT table, control data without the signature (C-32), the closing line last.
 */
export function buildProFormaTicket(input: ProFormaTicketInput): Result<Receipt, ReceiptProblem[]> {
  const problems = new Problems();
  if (!operations.includes(input.operation)) {
    problems.add('operation', `must be one of ${operations.join(', ')}, got ${String(input.operation)}`);
  }
  const issuedAt = checkIssueContext(problems, input);
  checkSaleContent(problems, input);
  const facts = readSignedFacts(problems, input.signResult, input, { labels: ['P'] });
  if (problems.any || issuedAt === undefined || facts === undefined) return err(problems.list);
  return ok(
    assembleReceipt('pro-forma', [
      { kind: 'banner', text: banners.proForma },
      subtitle[input.operation],
      ...headerBlocks(input, issuedAt),
      ...saleBodyBlocks(input),
      ...tailBlocks(input, facts, { lines: input.lines, qr: false }),
    ]),
  );
}
