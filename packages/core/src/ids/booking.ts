import {
  LOWER_HEX,
  expectClass,
  expectLiteral,
  firstError,
  fixedLength,
  invalid,
  valid,
} from './id-check.js';
import type { IdCheck } from './id-check.js';
import { parseCalendarDate } from './date-time.js';

/**
 * bookingPeriodId: a lower-case GUID with dashes, 8-4-4-4-12 hex digits. Any version and variant:
 * the POS may generate it however it likes, as long as the form is canonical.
 */
export function checkBookingPeriodId(v: string): IdCheck {
  const chars = fixedLength(v, 36, false);
  if (!Array.isArray(chars)) return invalid(`${chars.reason} (a GUID is 8-4-4-4-12 hex digits with dashes)`);
  const groups: [number, number][] = [
    [0, 8],
    [9, 13],
    [14, 18],
    [19, 23],
    [24, 36],
  ];
  const e = firstError(
    ...[8, 13, 18, 23].map((at) => () => expectLiteral(chars, at, '-', 'GUID groups are 8-4-4-4-12')),
    ...groups.map(
      ([from, to]) =>
        () =>
          expectClass(chars, from, to, LOWER_HEX, 'a GUID is lower-case hex'),
    ),
  );
  return e ? invalid(e.reason) : valid(v);
}

/** bookingDate: YYYY-MM-DD, a real calendar date (the accounting day of the booking period). */
export function checkBookingDate(v: string): IdCheck {
  const chars = fixedLength(v, 10, false);
  if (!Array.isArray(chars)) return invalid(`${chars.reason} (YYYY-MM-DD)`);
  const date = parseCalendarDate(chars);
  return 'reason' in date ? invalid(date.reason) : valid(v);
}
