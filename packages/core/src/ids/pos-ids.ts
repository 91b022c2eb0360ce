import {
  DIGIT,
  UPPER,
  UPPER_OR_DIGIT,
  describeChar,
  expectClass,
  firstError,
  fixedLength,
  invalid,
  noSeparators,
  valid,
} from './id-check.js';
import type { IdCheck } from './id-check.js';

/** The 14-character layout shared by posId and the C-23 production number after the type letter. */
function check14(v: string, types: readonly string[], typeMeaning: string): IdCheck {
  const chars = fixedLength(v, 14);
  if (!Array.isArray(chars)) return invalid(chars.reason);
  const type = chars[0] ?? '';
  if (!types.includes(type)) {
    const caseOnly = types.includes(type.toUpperCase());
    return invalid(
      `character 1 (${describeChar(type)}) must be ${types.map((t) => `'${t}'`).join(' or ')} (${typeMeaning})` +
        (caseOnly ? '; letter case is significant' : ''),
    );
  }
  const e = firstError(
    () => noSeparators(chars),
    () => expectClass(chars, 1, 4, UPPER, 'characters 2-4 are the maker id'),
    () => expectClass(chars, 4, 7, DIGIT, 'characters 5-7 are the model number'),
    () => expectClass(chars, 7, 14, UPPER_OR_DIGIT, 'characters 8-14 are the serial number'),
  );
  return e ? invalid(e.reason) : valid(v);
}

/** FDM 2.0 posId CXXXNNNPPPPPPP: 'C', maker A-Z x3, model 0-9 x3, serial [A-Z0-9] x7. */
export function checkPosId(v: string): IdCheck {
  return check14(v, ['C'], 'the FDM 2.0 POS type');
}

/** C-23 production number: AXXXCCCPPPPPPP (electronic register) or BXXXCCCPPPPPPP (PC-POS). */
export function checkPosProductionNo(v: string): IdCheck {
  return check14(v, ['A', 'B'], 'A = electronic register, B = PC-POS');
}
