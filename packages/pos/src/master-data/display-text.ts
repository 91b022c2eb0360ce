import { ok, type Result } from '@gks/core';
import { posError, type PosError } from '../register/pos-error.js';

// Unicode's "other" category: controls (ESC would drive the printer), format characters (bidi
// overrides would reorder a ticket), surrogates, private use and unassigned code points.
const notPrintable = /\p{C}/u;

export function isPrintable(text: string): boolean {
  return !notPrintable.test(text);
}

/**
 * A name shown on screens and printed (floor, printer, terminal, kitchen note): trimmed, then
 * 1..max printable characters. Answers the trimmed text.
 */
export function checkDisplayText(value: unknown, field: string, max: number): Result<string, PosError> {
  if (typeof value !== 'string') return posError('BAD_INPUT', `${field} must be text`, { field });
  const text = value.trim();
  if (text.length < 1 || text.length > max)
    return posError('BAD_INPUT', `${field} must be 1..${max} characters`, { field });
  if (!isPrintable(text))
    return posError('BAD_INPUT', `${field} may hold only printable characters`, { field });
  return ok(text);
}

/** An id chosen by the manager (T12, KITCHEN-1): 1..40 letters, digits, '-', '_' or '.'. */
export function checkId(value: unknown, field: string): Result<string, PosError> {
  if (typeof value !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/.test(value))
    return posError('BAD_INPUT', `${field} must be 1..40 letters, digits, '.', '-' or '_'`, { field });
  return ok(value);
}
