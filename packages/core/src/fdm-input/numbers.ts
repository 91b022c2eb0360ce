import { eurosToCents } from '../money/money.js';
import type { Findings } from './findings.js';
import { limits } from './limits.js';
import type { FdmInputSubCode } from './sub-codes.js';

/**
 * An API amount (Float euros) as integer cents, or undefined after reporting why it is not one.
 * All money comparisons happen on the returned cents, never on the floats.
 */
export function readAmount(findings: Findings, field: string, euros: number): number | undefined {
  const cents = eurosToCents(euros);
  if (cents.ok) return cents.value;
  findings.add(
    'INVALID_AMOUNT',
    field,
    `${field} must be a euro amount with at most 2 decimals: ${cents.error.message}`,
  );
  return undefined;
}

/** An Int field within [min, max]; returns the value when it passed. */
export function readInteger(
  findings: Findings,
  subCode: FdmInputSubCode,
  field: string,
  value: number,
  min: number,
  max: number = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (Number.isInteger(value) && value >= min && value <= max) return value;
  const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `${min} to ${max}`;
  findings.add(subCode, field, `${field} must be an integer ${range}, got ${String(value)}.`);
  return undefined;
}

/** A count in a report (tickets, corrections, drawer openings): an integer >= 0. */
export const readCount = (findings: Findings, field: string, value: number): number | undefined =>
  readInteger(findings, 'INVALID_COUNT', field, value, 0);

/** A product quantity: any finite number of bounded size, decimals allowed (kilograms). */
export function readQuantity(findings: Findings, field: string, value: number): number | undefined {
  if (Number.isFinite(value) && Math.abs(value) <= limits.maxAbsQuantity) return value;
  findings.add(
    'INVALID_QUANTITY',
    field,
    `${field} must be a finite number between -${limits.maxAbsQuantity} and ${limits.maxAbsQuantity}, got ${String(value)}.`,
  );
  return undefined;
}

/** A list no longer than the limit; beyond it the items are not looked at (bounded cost). */
export function checkListSize(
  findings: Findings,
  field: string,
  list: readonly unknown[],
  max: number = limits.maxListItems,
): boolean {
  if (list.length <= max) return true;
  findings.add('TOO_MANY_LINES', field, `${field} has ${list.length} items; at most ${max} are allowed.`);
  return false;
}

/** Cents as a euro string for messages, e.g. -1234 -> "-12.34". */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
