import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brusselsOffsetMinutes, formatFdmDateTime, formatPosDateTime } from './brussels.js';

const intlOffset = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Brussels',
  timeZoneName: 'longOffset',
});

/** Offset of Europe/Brussels per the ICU time-zone database, for cross-checking our own rule. */
function tzdbOffsetMinutes(instant: Date): number {
  const name = intlOffset.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const m = /^GMT([+-])(\d\d):(\d\d)$/.exec(name);
  if (!m) throw new Error(`unexpected zone name ${name}`);
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

const at = (iso: string): Date => new Date(iso);

describe('brusselsOffsetMinutes', () => {
  it.each<[string, 60 | 120]>([
    // 2026: summer time from Sunday 29 March 01:00 UTC to Sunday 25 October 01:00 UTC
    ['2026-03-29T00:59:59.999Z', 60],
    ['2026-03-29T01:00:00.000Z', 120],
    ['2026-10-25T00:59:59.999Z', 120],
    ['2026-10-25T01:00:00.000Z', 60],
    ['2026-01-01T00:00:00Z', 60],
    ['2026-07-29T11:00:00Z', 120],
    ['2025-12-31T23:30:00Z', 60],
    // 2027: 28 March, 31 October (the last day of the month is a Sunday)
    ['2027-03-28T00:59:59Z', 60],
    ['2027-03-28T01:00:00Z', 120],
    ['2027-10-31T00:59:59Z', 120],
    ['2027-10-31T01:00:00Z', 60],
    // 2029: 25 March, 28 October; 2032 (leap year): 28 March, 31 October
    ['2029-03-25T01:00:00Z', 120],
    ['2029-03-24T23:00:00Z', 60],
    ['2032-10-31T00:00:00Z', 120],
    ['2032-10-31T01:00:00Z', 60],
  ])('%s is +%d minutes', (iso, offset) => {
    expect(brusselsOffsetMinutes(at(iso))).toBe(offset);
  });

  it('agrees with the time-zone database on both sides of every switch 1996..2037', () => {
    for (let year = 1996; year <= 2037; year++) {
      for (const month of [3, 10]) {
        // every 30 minutes across the last 8 days of the month
        const from = Date.UTC(year, month - 1, 24);
        for (let t = from; t < from + 8 * 86_400_000; t += 1_800_000) {
          for (const probe of [t - 1, t]) {
            expect(brusselsOffsetMinutes(new Date(probe)), new Date(probe).toISOString()).toBe(
              tzdbOffsetMinutes(new Date(probe)),
            );
          }
        }
      }
    }
  });

  it('agrees with the time-zone database at random instants 1996..2037 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1996, 0, 1), max: Date.UTC(2037, 11, 31) }), (t) => {
        expect(brusselsOffsetMinutes(new Date(t))).toBe(tzdbOffsetMinutes(new Date(t)));
      }),
      { numRuns: 5000 },
    );
  });

  it('throws on an invalid Date (a bug in the caller)', () => {
    expect(() => brusselsOffsetMinutes(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('formatPosDateTime', () => {
  it.each<[string, string]>([
    ['2026-07-29T11:00:00Z', '2026-07-29T13:00:00.000+02:00'],
    ['2026-01-15T08:05:09.007Z', '2026-01-15T09:05:09.007+01:00'],
    ['2026-12-31T23:30:00Z', '2027-01-01T00:30:00.000+01:00'],
    ['2024-02-28T23:00:00Z', '2024-02-29T00:00:00.000+01:00'],
    ['2026-03-29T00:59:59.999Z', '2026-03-29T01:59:59.999+01:00'],
    ['2026-03-29T01:00:00Z', '2026-03-29T03:00:00.000+02:00'],
    ['2026-10-25T00:30:00Z', '2026-10-25T02:30:00.000+02:00'],
    ['2026-10-25T01:30:00Z', '2026-10-25T02:30:00.000+01:00'],
  ])('%s -> %s', (iso, text) => {
    expect(formatPosDateTime(at(iso))).toBe(text);
  });

  it('names the same instant it was given (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) }), (t) => {
        expect(new Date(formatPosDateTime(new Date(t))).getTime()).toBe(t);
      }),
    );
  });

  it.each([new Date(Number.NaN), new Date(Date.UTC(10000, 0, 1)), new Date('-000001-06-01T00:00:00Z')])(
    'throws on %s (not representable)',
    (d) => {
      expect(() => formatPosDateTime(d)).toThrow(RangeError);
    },
  );
});

describe('formatFdmDateTime', () => {
  it.each<[string, string]>([
    ['2026-07-29T11:00:00Z', '2026-07-29T11:00:00Z'],
    ['2026-07-29T11:00:08.999Z', '2026-07-29T11:00:08Z'],
    ['0050-01-02T03:04:05Z', '0050-01-02T03:04:05Z'],
  ])('%s -> %s', (iso, text) => {
    expect(formatFdmDateTime(at(iso))).toBe(text);
  });

  it.each([new Date(Number.NaN), new Date(Date.UTC(10000, 0, 1))])('throws on %s', (d) => {
    expect(() => formatFdmDateTime(d)).toThrow(RangeError);
  });
});
