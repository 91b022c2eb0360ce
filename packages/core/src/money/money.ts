import { err, ok, type Result } from '../result/result.js';

/** A safe integer number of euro cents. All arithmetic on money happens in this unit. */
export type Cents = number;

export interface MoneyError {
  readonly reason: 'NOT_A_NUMBER' | 'NOT_FINITE' | 'TOO_MANY_DECIMALS' | 'OUT_OF_RANGE';
  readonly message: string;
}

/**
 * 1e13 cents = EUR 100 billion. No ticket, report or yearly turnover of one operator comes near it,
 * so anything larger is a bug or an attack. The bound also keeps every amount 900 times below
 * Number.MAX_SAFE_INTEGER, so sums of many amounts stay exact integers, and keeps the float
 * spacing of `euros * 100` (about 0.002 cents at the bound) far below one cent, so a third decimal
 * is still detectable.
 */
export const MAX_ABS_CENTS: number = 1e13;

/**
 * Absolute slack, in cents, for an amount that is the float representation of a 2-decimal number
 * (0.1 + 0.2 = 0.30000000000000004 means 30 cents). Relative slack covers large amounts, whose
 * float spacing after scaling exceeds 1e-9; it stays below 0.02 cents even at MAX_ABS_CENTS, far
 * from the 0.1 cent that a real third decimal adds.
 */
const ABSOLUTE_SLACK_CENTS = 1e-9;
const RELATIVE_SLACK = 8 * Number.EPSILON;

/** Converts the API's Float euros to integer cents; refuses more than 2 decimals. */
export function eurosToCents(euros: number): Result<Cents, MoneyError> {
  // Values arrive from JSON at the boundary: guard the type even though TS says number.
  if (typeof euros !== 'number' || Number.isNaN(euros)) {
    return err({ reason: 'NOT_A_NUMBER', message: `not a number: ${String(euros)}` });
  }
  if (!Number.isFinite(euros)) {
    return err({ reason: 'NOT_FINITE', message: `amount must be finite, got ${euros}` });
  }
  if (Math.abs(euros) > MAX_ABS_CENTS / 100) {
    return err({
      reason: 'OUT_OF_RANGE',
      message: `amount ${euros} is beyond the maximum of ±${MAX_ABS_CENTS / 100} euro`,
    });
  }
  const scaled = euros * 100;
  const cents = Math.round(scaled);
  const slack = Math.max(ABSOLUTE_SLACK_CENTS, Math.abs(scaled) * RELATIVE_SLACK);
  if (Math.abs(scaled - cents) > slack) {
    return err({
      reason: 'TOO_MANY_DECIMALS',
      message: `amount ${euros} has more than 2 decimals`,
    });
  }
  // -0 would print as "-0,00" and compare oddly with Object.is.
  return ok(cents === 0 ? 0 : cents);
}

function assertCents(cents: Cents): void {
  if (!Number.isSafeInteger(cents) || Math.abs(cents) > MAX_ABS_CENTS) {
    throw new RangeError(`not a valid amount of cents: ${String(cents)}`);
  }
}

/** Integer cents to Float euros for the GraphQL boundary. A non-integer is a bug: it throws. */
export function centsToEuros(cents: Cents): number {
  assertCents(cents);
  const euros = cents / 100;
  return euros === 0 ? 0 : euros;
}

/** "12,50", "-1,56", "0,05": no grouping, always two decimals. A non-integer is a bug: it throws. */
export function formatCents(cents: Cents, decimalSeparator: ',' | '.' = ','): string {
  assertCents(cents);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const fraction = String(abs % 100).padStart(2, '0');
  return `${sign}${whole}${decimalSeparator}${fraction}`;
}
