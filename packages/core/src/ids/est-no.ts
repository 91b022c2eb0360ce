import { DIGIT, expectClass, firstError, fixedLength, invalid, noSeparators, valid } from './id-check.js';
import type { IdCheck } from './id-check.js';
import { checkTrailingMod97 } from './mod97.js';

/** Establishment unit number: 10 digits, the first 2..8, mod-97 check digits on the first 8. */
export function checkEstNo(v: string): IdCheck {
  const chars = fixedLength(v, 10);
  if (!Array.isArray(chars)) return invalid(chars.reason);
  const e = firstError(
    () => noSeparators(chars),
    () => expectClass(chars, 0, 10, DIGIT, 'the establishment number is 10 digits'),
  );
  if (e) return invalid(e.reason);
  const first = chars[0] ?? '';
  if (first < '2' || first > '8') return invalid(`the first digit must be 2..8, got ${first}`);
  const checksum = checkTrailingMod97(v);
  return checksum ? invalid(checksum) : valid(v);
}
