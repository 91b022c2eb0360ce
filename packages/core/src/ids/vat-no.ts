import {
  DIGIT,
  expectClass,
  expectLiteral,
  firstError,
  fixedLength,
  invalid,
  noSeparators,
  valid,
} from './id-check.js';
import type { IdCheck } from './id-check.js';
import { checkTrailingMod97 } from './mod97.js';

/** Belgian VAT number as the FDM wants it: BE + 10 digits, first 0 or 1, mod-97 check digits. */
export function checkVatNo(v: string): IdCheck {
  const chars = fixedLength(v, 12);
  if (!Array.isArray(chars)) return invalid(chars.reason);
  const e = firstError(
    () => noSeparators(chars),
    () => expectLiteral(chars, 0, 'B', 'country code BE'),
    () => expectLiteral(chars, 1, 'E', 'country code BE'),
    () => expectClass(chars, 2, 12, DIGIT, 'the 10 digits after BE'),
  );
  if (e) return invalid(e.reason);
  if (chars[2] !== '0' && chars[2] !== '1') {
    return invalid(`the first digit after BE must be 0 or 1, got ${chars[2] ?? ''}`);
  }
  const checksum = checkTrailingMod97(v.slice(2));
  return checksum ? invalid(checksum) : valid(v);
}
