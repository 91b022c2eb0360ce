import type { Result } from '../result/result.js';
import type { Findings } from './findings.js';
import type { FdmInputSubCode } from './sub-codes.js';

/** One of the identifier checks of ../ids (vatNo, posId, posDateTime ...). */
export type FormatCheck = (value: string) => Result<string, { reason: string }>;

/**
 * Runs a format check and reports its reason with what was expected. Non-strings are refused
 * here too, since a caller outside GraphQL could hand us anything.
 */
export function checkFormat(
  findings: Findings,
  subCode: FdmInputSubCode,
  field: string,
  value: string,
  check: FormatCheck,
  expected: string,
): boolean {
  if (typeof value !== 'string') {
    findings.add(subCode, field, `${field} must be a string: ${expected}.`);
    return false;
  }
  const checked = check(value);
  if (checked.ok) return true;
  findings.add(subCode, field, `${field} is invalid (${checked.error.reason}); expected ${expected}.`);
  return false;
}

/** What each identifier looks like, for messages. */
export const expected = {
  vatNo: 'BE followed by 10 digits, the first 0 or 1, the last two 97 - (first 8 mod 97)',
  estNo: '10 digits, the first 2 to 8, the last two 97 - (first 8 mod 97)',
  posId: "14 characters CXXXNNNPPPPPPP: 'C', 3 letters, 3 digits, 7 letters or digits",
  posDateTime:
    'local Belgian time in RFC 3339 with offset +01:00 or +02:00, e.g. 2025-06-12T14:03:11+02:00 (Z is refused)',
  fdmDateTime: 'UTC time in RFC 3339 ending in Z, e.g. 2024-07-29T11:00:08Z',
  fdmId: '3 letters and 8 digits, e.g. FOD01000001',
  bookingPeriodId: 'a lowercase GUID with dashes',
  date: 'a date YYYY-MM-DD',
  employeeId: 'an INSZ or BIS number: 11 digits with a valid mod-97 check',
} as const;
