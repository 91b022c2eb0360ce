import { err, ok, type Result } from '../result/result.js';

/** The VAT code letters of the generation-1 circular (C-43), as printed on tickets and PLU records. */
export const circularVatCodeValues = ['A', 'B', 'C', 'D'] as const;
export type CircularVatCode = (typeof circularVatCodeValues)[number];

const ratePercentOf: Readonly<Record<CircularVatCode, number>> = Object.freeze({ A: 21, B: 12, C: 6, D: 0 });

export function isCircularVatCode(value: unknown): value is CircularVatCode {
  return typeof value === 'string' && (circularVatCodeValues as readonly string[]).includes(value);
}

/** C-43 both ways: letter to rate and rate to letter (only 21, 12, 6 and 0 % have a letter). */
export const circularVatCodes = Object.freeze({
  ratePercentOf,
  codeForRate(ratePercent: number): Result<CircularVatCode, { reason: string }> {
    const code = circularVatCodeValues.find((c) => ratePercentOf[c] === ratePercent);
    return code === undefined
      ? err({ reason: `no VAT code for ${ratePercent} %: only 21, 12, 6 and 0 % have one (C-43)` })
      : ok(code);
  },
});
