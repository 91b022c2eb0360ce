/** Proleptic Gregorian calendar arithmetic in UTC, valid for the years 0000..9999 of RFC 3339. */

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** month is 1..12 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Epoch milliseconds of a UTC wall time; month is 1..12. Unlike Date.UTC, years 0..99 stay as given. */
export function utcMillis(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  millisecond = 0,
): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, millisecond);
  return d.getTime();
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** "YYYY-MM-DDTHH:MM:SS" of the UTC fields of a Date; throws for years outside RFC 3339's 0000..9999. */
export function formatUtcFields(d: Date): string {
  const year = d.getUTCFullYear();
  if (Number.isNaN(year) || year < 0 || year > 9999) {
    throw new RangeError(`cannot format ${String(d)} as RFC 3339: year outside 0000..9999`);
  }
  return (
    `${pad(year, 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}` +
    `T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`
  );
}
