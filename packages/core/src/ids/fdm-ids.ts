import {
  DIGIT,
  UPPER,
  UPPER_OR_DIGIT,
  expectClass,
  expectLiteral,
  firstError,
  fixedLength,
  invalid,
  shape,
  valid,
} from './id-check.js';
import type { IdCheck, IdError } from './id-check.js';

/** The 11-character AAABBNNNNNN: producer id A-Z x3, model 0-9 x2, serial 0-9 x6. */
function check11(chars: readonly string[]): IdError | undefined {
  return firstError(
    () => expectClass(chars, 0, 3, UPPER, 'characters 1-3 are the producer id'),
    () => expectClass(chars, 3, 5, DIGIT, 'characters 4-5 are the model number'),
    () => expectClass(chars, 5, 11, DIGIT, 'characters 6-11 are the serial number'),
  );
}

/** fdmId: 3 letters A-Z + 8 digits, e.g. FOD01000001 (the C-59 number without its version suffix). */
export function checkFdmId(v: string): IdCheck {
  if (typeof v === 'string' && v.length > 11 && checkFdmProductionNo(v).ok) {
    return invalid(`this is an FDM production number (C-59); the fdmId is its first 11 characters`);
  }
  const chars = fixedLength(v, 11);
  if (!Array.isArray(chars)) return invalid(chars.reason);
  const e = check11(chars);
  return e ? invalid(e.reason) : valid(v);
}

/** S is "numeric from 1"; 3 digits is our bound, far above any protocol version in use. */
const MAX_VSC_PROTOCOL_DIGITS = 3;

/**
 * C-59 AAABBNNNNNN_vP.S, e.g. BMC01000042_v2.1: the 11 characters above, '_v', P = POS-FDM protocol
 * version (one character A-Z or 0-9; upper case only, ours, so that it never reads as the literal
 * 'v'), '.', S = FDM-VSC protocol version, a number from 1 without leading zeros.
 */
export function checkFdmProductionNo(v: string): IdCheck {
  const chars = shape(v);
  if (!Array.isArray(chars)) return invalid(chars.reason);
  const e = firstError(
    () => check11(chars),
    () => expectLiteral(chars, 11, '_', 'separator before the version'),
    () => expectLiteral(chars, 12, 'v', 'literal v for version'),
    () => expectClass(chars, 13, 14, UPPER_OR_DIGIT, 'character 14 is the POS-FDM protocol version'),
    () => expectLiteral(chars, 14, '.', 'separator between the protocol versions'),
    () =>
      chars.length > 15 ? undefined : { reason: 'the FDM-VSC protocol version after the last . is missing' },
    () =>
      chars.length <= 15 + MAX_VSC_PROTOCOL_DIGITS
        ? undefined
        : { reason: `the FDM-VSC protocol version has more than ${MAX_VSC_PROTOCOL_DIGITS} digits` },
    () => expectClass(chars, 15, chars.length, DIGIT, 'the FDM-VSC protocol version is a number'),
  );
  if (e) return invalid(e.reason);
  if (chars[15] === '0') return invalid('the FDM-VSC protocol version starts at 1 and has no leading zero');
  return valid(v);
}
