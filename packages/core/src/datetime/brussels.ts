import { formatUtcFields, utcMillis } from './calendar.js';

/** 01:00 UTC on the last Sunday of a month (1..12): the EU's summer-time switch instant. */
function lastSundayAt0100Utc(year: number, month: number): number {
  const lastDay = new Date(utcMillis(year, month + 1, 0));
  const sunday = lastDay.getUTCDate() - lastDay.getUTCDay();
  return utcMillis(year, month, sunday, 1);
}

/**
 * Belgian civil time offset at an instant, in minutes east of UTC. EU rule (directive 2000/84/EC,
 * the same since 1996): summer time (+02:00) from the last Sunday of March 01:00 UTC up to, not
 * including, the last Sunday of October 01:00 UTC; +01:00 otherwise. Applied to every year, also
 * before 1996 (where history differs) because POS and FDM clocks never show such dates.
 */
export function brusselsOffsetMinutes(instant: Date): 60 | 120 {
  const t = instant.getTime();
  if (Number.isNaN(t)) throw new RangeError('invalid Date');
  const year = instant.getUTCFullYear();
  const summerStart = lastSundayAt0100Utc(year, 3);
  const summerEnd = lastSundayAt0100Utc(year, 10);
  return t >= summerStart && t < summerEnd ? 120 : 60;
}

/** "2026-07-29T13:00:00.000+02:00": Brussels local time with the offset in force at that instant. */
export function formatPosDateTime(instant: Date): string {
  const offset = brusselsOffsetMinutes(instant);
  const local = new Date(instant.getTime() + offset * 60_000);
  const ms = String(local.getUTCMilliseconds()).padStart(3, '0');
  return `${formatUtcFields(local)}.${ms}+0${offset / 60}:00`;
}

/** "2026-07-29T11:00:00Z": UTC to the second, milliseconds dropped (the FDM prints seconds, C-38). */
export function formatFdmDateTime(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError('invalid Date');
  return `${formatUtcFields(instant)}Z`;
}
