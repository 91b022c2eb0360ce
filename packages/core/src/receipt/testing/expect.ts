import type { Result } from '../../result/result.js';
import type { Receipt } from '../model.js';
import type { ReceiptProblem } from '../problems.js';

/** The receipt of a build that must succeed; the problems in the message otherwise. */
export function built(result: Result<Receipt, ReceiptProblem[]>): Receipt {
  if (!result.ok) throw new Error(`expected a receipt, got problems: ${JSON.stringify(result.error)}`);
  return result.value;
}

/** The fields of a build that must fail. */
export function problemFields(result: Result<Receipt, ReceiptProblem[]>): string[] {
  if (result.ok) throw new Error('expected problems, got a receipt');
  return result.error.map((p) => p.field);
}

/** How a banner reads in renderText: letter-spaced, two columns per character. */
export const spaced = (text: string): string => [...text].join(' ');

/** Asserts every needle occurs in `text`, each after the previous one; returns the first missing. */
export function firstOutOfOrder(text: string, needles: readonly string[]): string | undefined {
  let from = 0;
  for (const needle of needles) {
    const at = text.indexOf(needle, from);
    if (at < 0) return needle;
    from = at + needle.length;
  }
  return undefined;
}
