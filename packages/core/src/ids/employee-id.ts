import { DIGIT, expectClass, firstError, fixedLength, invalid, noSeparators, valid } from './id-check.js';
import type { IdCheck } from './id-check.js';
import { mod97CheckDigits, twoDigits } from './mod97.js';

/**
 * INSZ (national register) or BIS number, 11 digits: the last two are the mod-97 check digits of the
 * first 9 (born before 2000) or of 2000000000 + the first 9 (born from 2000). Either rule passing
 * is enough: the birth year is not knowable from the 2-digit year alone. The special values
 * 00000000097 (external technician, C-29) and 00000000029 (robot user) pass by these same rules.
 * The birth-date part is not checked: BIS numbers and unknown birth dates give months and days
 * outside the calendar.
 */
export function checkEmployeeId(v: string): IdCheck {
  const chars = fixedLength(v, 11);
  if (!Array.isArray(chars)) return invalid(chars.reason);
  const e = firstError(
    () => noSeparators(chars),
    () => expectClass(chars, 0, 11, DIGIT, 'an INSZ or BIS number is 11 digits'),
  );
  if (e) return invalid(e.reason);
  const body = Number(v.slice(0, 9));
  const check = Number(v.slice(9));
  const before2000 = mod97CheckDigits(body);
  const from2000 = mod97CheckDigits(2_000_000_000 + body);
  if (check === before2000 || check === from2000) return valid(v);
  return invalid(
    `check digits ${v.slice(9)} are wrong: expected ${twoDigits(before2000)} (born before 2000) ` +
      `or ${twoDigits(from2000)} (born from 2000)`,
  );
}
