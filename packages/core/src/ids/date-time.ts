import { err, ok, type Result } from '../result/result.js';
import { brusselsOffsetMinutes } from '../datetime/brussels.js';
import { daysInMonth, utcMillis } from '../datetime/calendar.js';
import {
  DIGIT,
  describeChar,
  expectClass,
  expectLiteral,
  firstError,
  invalid,
  shape,
  valid,
} from './id-check.js';
import type { IdCheck, IdError } from './id-check.js';

const MONTHS = 'January February March April May June July August September October November December'.split(
  ' ',
);

export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const num = (chars: readonly string[], from: number, to: number): number =>
  Number(chars.slice(from, to).join(''));

/** The YYYY-MM-DD at the start of chars (at least 10 of them), or why it is no calendar date. */
export function parseCalendarDate(chars: readonly string[]): CalendarDate | IdError {
  const e = firstError(
    () => expectClass(chars, 0, 4, DIGIT, 'YYYY-MM-DD: the year'),
    () => expectLiteral(chars, 4, '-', 'YYYY-MM-DD'),
    () => expectClass(chars, 5, 7, DIGIT, 'YYYY-MM-DD: the month'),
    () => expectLiteral(chars, 7, '-', 'YYYY-MM-DD'),
    () => expectClass(chars, 8, 10, DIGIT, 'YYYY-MM-DD: the day'),
  );
  if (e) return e;
  const year = num(chars, 0, 4);
  const month = num(chars, 5, 7);
  const day = num(chars, 8, 10);
  if (month < 1 || month > 12) return { reason: `month ${chars.slice(5, 7).join('')} is not 01..12` };
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) {
    const leap = month === 2 && day === 29 ? ` (${year} is not a leap year)` : '';
    return {
      reason: `day ${chars.slice(8, 10).join('')} does not exist in ${MONTHS[month - 1] ?? ''} ${year}${leap}`,
    };
  }
  return { year, month, day };
}

interface LocalDateTime extends CalendarDate {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
  /** everything after the seconds and milliseconds: the zone designator */
  readonly zone: string;
}

/** YYYY-MM-DDTHH:MM:SS[.mmm] followed by anything (the zone, judged by the caller). */
function parseLocalDateTime(v: string): LocalDateTime | IdError {
  const chars = shape(v);
  if (!Array.isArray(chars)) return chars;
  const date = parseCalendarDate(chars);
  if ('reason' in date) return date;
  const t = chars[10];
  if (t === undefined) return { reason: 'the time is missing after the date (YYYY-MM-DDTHH:MM:SS)' };
  if (t !== 'T') {
    return {
      reason:
        `character 11 (${describeChar(t)}) must be 'T' between date and time` +
        (t === 't' ? '; letter case is significant' : ''),
    };
  }
  const e = firstError(
    () => expectClass(chars, 11, 13, DIGIT, 'HH:MM:SS: the hour'),
    () => expectLiteral(chars, 13, ':', 'HH:MM:SS'),
    () => expectClass(chars, 14, 16, DIGIT, 'HH:MM:SS: the minutes'),
    () => (chars[16] === ':' ? undefined : { reason: 'the seconds are missing: the time must be HH:MM:SS' }),
    () => expectLiteral(chars, 16, ':', 'HH:MM:SS'),
    () => expectClass(chars, 17, 19, DIGIT, 'HH:MM:SS: the seconds'),
  );
  if (e) return e;
  const hour = num(chars, 11, 13);
  const minute = num(chars, 14, 16);
  const second = num(chars, 17, 19);
  if (hour > 23) return { reason: `hour ${hour} is not 00..23 (24:00 is written 00:00 of the next day)` };
  if (minute > 59) return { reason: `minute ${minute} is not 00..59` };
  if (second > 59) return { reason: `second ${second} is not 00..59 (leap seconds are not accepted)` };
  let at = 19;
  let millisecond = 0;
  if (chars[at] === '.' || chars[at] === ',') {
    if (chars[at] === ',') return { reason: "the fraction of a second must follow a '.', not ','" };
    let end = at + 1;
    while (end < chars.length && DIGIT.test(chars[end] ?? '')) end++;
    if (end - at - 1 !== 3) {
      return {
        reason: `the fraction of a second must be exactly 3 digits (milliseconds), got ${end - at - 1}`,
      };
    }
    millisecond = num(chars, at + 1, end);
    at = end;
  }
  return { ...date, hour, minute, second, millisecond, zone: chars.slice(at).join('') };
}

const localMillis = (d: LocalDateTime): number =>
  utcMillis(d.year, d.month, d.day, d.hour, d.minute, d.second, d.millisecond);

const OFFSET = /^([+-])([0-9]{2}):([0-9]{2})$/;

/**
 * posDateTime: Brussels local time, YYYY-MM-DDTHH:MM:SS[.mmm]+01:00|+02:00. The offset must be the
 * one Brussels actually has at that instant, so a local time in the hour skipped at the start of
 * summer time never passes, while both readings of the repeated October hour do (they are two
 * different instants). Returns the instant.
 */
export function parsePosDateTime(v: string): Result<Date, IdError> {
  const local = parseLocalDateTime(v);
  if ('reason' in local) return err(local);
  const { zone } = local;
  if (zone === '')
    return err({ reason: 'the offset is missing: end with +01:00 (winter) or +02:00 (summer)' });
  if (zone === 'Z' || zone === 'z') {
    return err({ reason: "'Z' (UTC) is refused: posDateTime is Brussels local time with +01:00 or +02:00" });
  }
  const m = OFFSET.exec(zone);
  if (!m) return err({ reason: `the offset '${zone}' must be written +HH:MM, +01:00 or +02:00` });
  if (zone !== '+01:00' && zone !== '+02:00') {
    return err({ reason: `the offset ${zone} is not Belgian time: it must be +01:00 or +02:00` });
  }
  const offset = zone === '+01:00' ? 60 : 120;
  const instant = new Date(localMillis(local) - offset * 60_000);
  const actual = brusselsOffsetMinutes(instant);
  if (actual === offset) return ok(instant);
  const other = offset === 60 ? 120 : 60;
  const shown = v.slice(0, 16).replace('T', ' ');
  if (brusselsOffsetMinutes(new Date(localMillis(local) - other * 60_000)) !== other) {
    return err({
      reason: `local time ${shown} does not exist in Brussels: clocks jump from 02:00 to 03:00 that night`,
    });
  }
  return err({
    reason: `the offset ${zone} is wrong for ${shown}: Brussels is then at +0${other / 60}:00 (${
      other === 120 ? 'summer' : 'winter'
    } time)`,
  });
}

/** fdmDateTime: UTC, YYYY-MM-DDTHH:MM:SS[.mmm]Z. Returns the instant. */
export function parseFdmDateTime(v: string): Result<Date, IdError> {
  const local = parseLocalDateTime(v);
  if ('reason' in local) return err(local);
  const { zone } = local;
  if (zone === 'Z') return ok(new Date(localMillis(local)));
  if (zone === '') return err({ reason: "the zone is missing: fdmDateTime is UTC and ends with 'Z'" });
  if (zone === 'z') return err({ reason: "the zone must be upper-case 'Z'" });
  return err({ reason: `the zone '${zone}' is refused: fdmDateTime is UTC and ends with 'Z'` });
}

export function checkPosDateTime(v: string): IdCheck {
  const r = parsePosDateTime(v);
  return r.ok ? valid(v) : invalid(r.error.reason);
}

export function checkFdmDateTime(v: string): IdCheck {
  const r = parseFdmDateTime(v);
  return r.ok ? valid(v) : invalid(r.error.reason);
}
