import type { SignResult } from '../../fdm-api/types.js';
import { err, ok, type Result } from '../../result/result.js';
import { assembleReceipt } from '../assemble.js';
import type { IssueContext } from '../inputs.js';
import type { Receipt, ReceiptBlock } from '../model.js';
import { Problems, type ReceiptProblem } from '../problems.js';
import { checkCents, checkIssueContext, checkText } from './check-input.js';
import { headerBlocks, sumCents, tailBlocks } from './sections.js';
import { readSignedFacts } from './signed-facts.js';

export type FinancialOperation = 'money-in-out' | 'drawer-open' | 'drawer-declaration' | 'payment-correction';

export interface FinancialLine {
  /** "Wisselgeld", "Contant", "Bancontact" ... */
  readonly name: string;
  /** Money in is positive, money out negative; for a declaration the amount counted. */
  readonly amountCents: number;
}

/** An F event: money in or out, a drawer opened without a sale, a drawer count, a payment correction. */
export interface FinancialSlipInput extends IssueContext {
  readonly operation: FinancialOperation;
  /** None for drawer-open. */
  readonly lines: readonly FinancialLine[];
  readonly drawer?: string;
  readonly reason?: string;
  readonly signResult: SignResult;
}

const titles: Readonly<Record<FinancialOperation, string>> = {
  'money-in-out': 'GELD IN/UIT',
  'drawer-open': 'LADE GEOPEND',
  'drawer-declaration': 'LADETELLING',
  'payment-correction': 'BETAALCORRECTIE',
};

/** The slip of an F event: what moved, the total, control data and the closing line. */
export function buildFinancialSlip(input: FinancialSlipInput): Result<Receipt, ReceiptProblem[]> {
  const problems = new Problems();
  const title = Object.hasOwn(titles, input.operation) ? titles[input.operation] : undefined;
  if (title === undefined) {
    problems.add(
      'operation',
      `must be one of ${Object.keys(titles).join(', ')}, got ${String(input.operation)}`,
    );
  }
  const issuedAt = checkIssueContext(problems, input);
  if (!Array.isArray(input.lines as unknown)) problems.add('lines', 'must be a list');
  else {
    if (input.operation === 'drawer-open' && input.lines.length > 0) {
      problems.add('lines', 'a drawer opened without a sale moves no money');
    }
    if (input.operation !== 'drawer-open' && input.lines.length === 0) problems.add('lines', 'is empty');
    input.lines.forEach((line, i) => {
      checkText(problems, `lines[${i}].name`, line.name);
      checkCents(problems, `lines[${i}].amountCents`, line.amountCents);
    });
  }
  if (input.drawer !== undefined) checkText(problems, 'drawer', input.drawer);
  if (input.reason !== undefined) checkText(problems, 'reason', input.reason);
  const facts = readSignedFacts(problems, input.signResult, input, { labels: ['F'] });
  if (problems.any || issuedAt === undefined || facts === undefined || title === undefined) {
    return err(problems.list);
  }
  const blocks: ReceiptBlock[] = [
    { kind: 'text', text: title, align: 'center', bold: true },
    ...headerBlocks(input, issuedAt),
  ];
  if (input.drawer !== undefined) blocks.push({ kind: 'field', label: 'Lade', value: input.drawer });
  if (input.reason !== undefined) blocks.push({ kind: 'field', label: 'Reden', value: input.reason });
  if (input.lines.length > 0) {
    blocks.push(
      { kind: 'separator' },
      ...input.lines.map((l): ReceiptBlock => ({
        kind: 'amount',
        label: l.name,
        amountCents: l.amountCents,
        emphasis: false,
      })),
      { kind: 'amount', label: 'TOTAAL', amountCents: sumCents(input.lines), emphasis: true },
    );
  }
  return ok(assembleReceipt('financial-slip', [...blocks, ...tailBlocks(input, facts, { qr: false })]));
}
