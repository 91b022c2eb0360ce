import { brusselsOffsetMinutes } from '../../datetime/brussels.js';

const two = (n: number): string => String(n).padStart(2, '0');

/** An instant as printed on Belgian tickets: "12/06/2025" and "14:03:11", local time. */
export function brusselsDateAndTime(instant: Date): { date: string; time: string } {
  const local = new Date(instant.getTime() + brusselsOffsetMinutes(instant) * 60_000);
  return {
    date: `${two(local.getUTCDate())}/${two(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`,
    time: `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())}`,
  };
}
