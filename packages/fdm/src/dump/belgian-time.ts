import { brusselsOffsetMinutes } from '@gks/core';

const two = (n: number) => String(n).padStart(2, '0');

function brusselsFields(instant: Date) {
  const local = new Date(instant.getTime() + brusselsOffsetMinutes(instant) * 60_000);
  return {
    year: String(local.getUTCFullYear()).padStart(4, '0'),
    month: two(local.getUTCMonth() + 1),
    day: two(local.getUTCDate()),
    time: `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())}`,
  };
}

/** `dd/mm/yyyy;hh:mm:ss` in Belgian civil time: the C-75 RTC timestamp format. */
export function rtcTimestamp(instant: Date): string {
  const f = brusselsFields(instant);
  return `${f.day}/${f.month}/${f.year};${f.time}`;
}

/** The Belgian calendar date (YYYY-MM-DD) of an instant: what dump periods are counted in. */
export function belgianDateOf(instant: Date): string {
  const f = brusselsFields(instant);
  return `${f.year}-${f.month}-${f.day}`;
}
