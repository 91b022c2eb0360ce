import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFdmDateTime, formatPosDateTime } from '../datetime/brussels.js';
import { checkFdmDateTime, checkPosDateTime, parseFdmDateTime, parsePosDateTime } from './date-time.js';

const refuses = (check: (v: string) => { ok: boolean }, v: string, reason: RegExp): void => {
  const r = check(v) as ReturnType<typeof checkPosDateTime>;
  expect(r.ok, v).toBe(false);
  if (!r.ok) expect(r.error.reason).toMatch(reason);
};

/** Refusals both kinds share: everything before the zone designator. */
const malformed: [string, RegExp][] = [
  ['', /^is empty$/],
  ['2026', /ends after 4 characters: expected '-'/],
  ['2026-07-29', /time is missing/],
  ['2026-07-29T', /ends after 11 characters: expected a digit/],
  ['2026-07-29 13:00:00ZONE', /character 11 \(a space\) must be 'T'/],
  ['2026-07-29t13:00:00ZONE', /character 11 \('t'\) must be 'T'.*case/],
  ['2026-07-29_13:00:00ZONE', /character 11 \('_'\) must be 'T'/],
  ['2026-07-29T13:00ZONE', /seconds are missing/],
  ['2026-07-29T13:00', /seconds are missing/],
  ['2026-07-29T13ZONE', /character 14 .* must be ':'/],
  ['2026-07-29T1:00:00ZONE', /character 13 \(':'\) must be a digit/],
  ['2026-07-29T13.00.00ZONE', /character 14 \('\.'\) must be ':'/],
  ['2026-07-29T24:00:00ZONE', /hour 24 is not 00\.\.23 \(24:00 is written 00:00 of the next day\)/],
  ['2026-07-29T25:00:00ZONE', /hour 25/],
  ['2026-07-29T13:60:00ZONE', /minute 60 is not 00\.\.59/],
  ['2026-07-29T13:00:60ZONE', /second 60 is not 00\.\.59 \(leap seconds/],
  ['2026-07-29T13:00:00.1ZONE', /exactly 3 digits \(milliseconds\), got 1/],
  ['2026-07-29T13:00:00.12ZONE', /exactly 3 digits \(milliseconds\), got 2/],
  ['2026-07-29T13:00:00.1234ZONE', /exactly 3 digits \(milliseconds\), got 4/],
  ['2026-07-29T13:00:00.123456ZONE', /got 6/],
  ['2026-07-29T13:00:00.ZONE', /got 0/],
  ['2026-07-29T13:00:00,123ZONE', /must follow a '\.', not ','/],
  ['2026-07-29T１3:00:00ZONE', /character 12 .*U\+FF11.* must be a digit/],
  ['2026-13-29T13:00:00ZONE', /month 13 is not 01\.\.12/],
  ['2025-02-29T13:00:00ZONE', /day 29 does not exist in February 2025 \(2025 is not a leap year\)/],
  ['2026-04-31T13:00:00ZONE', /day 31 does not exist in April 2026/],
  ['26-07-29T13:00:00ZONE', /character 3 \('-'\) must be a digit/],
  ['2026-07-29T13:00:00ZONE ', /whitespace/],
  [' 2026-07-29T13:00:00ZONE', /whitespace/],
];

describe('checkPosDateTime', () => {
  it.each([
    '2026-07-29T13:00:00+02:00',
    '2026-07-29T13:00:00.000+02:00',
    '2026-07-29T13:00:00.999+02:00',
    '2026-01-15T09:05:09.007+01:00',
    '2025-11-03T15:35:54+01:00',
    '2024-02-29T23:59:59+01:00', // leap day
    '2026-12-31T23:59:59.999+01:00',
    '2027-01-01T00:00:00+01:00',
    // March 2026: clocks go 02:00 -> 03:00 on Sunday 29 March
    '2026-03-29T01:59:59+01:00',
    '2026-03-29T01:59:59.999+01:00',
    '2026-03-29T03:00:00+02:00',
    '2026-03-28T02:30:00+01:00', // the day before: normal winter night
    '2026-03-30T02:30:00+02:00',
    // October 2026: clocks go 03:00 -> 02:00 on Sunday 25 October; 02:xx happens twice
    '2026-10-25T01:59:59+02:00',
    '2026-10-25T02:00:00+02:00',
    '2026-10-25T02:59:59.999+02:00',
    '2026-10-25T02:00:00+01:00',
    '2026-10-25T02:30:00+01:00',
    '2026-10-25T03:00:00+01:00',
    '2026-10-24T02:30:00+02:00',
    // 2027: 28 March and 31 October
    '2027-03-28T03:00:00+02:00',
    '2027-10-31T02:30:00+01:00',
  ])('accepts %s', (v) => {
    expect(checkPosDateTime(v)).toEqual({ ok: true, value: v });
  });

  it.each<[string, RegExp]>([
    ...malformed.map(([v, r]): [string, RegExp] => [v.replace('ZONE', '+02:00'), r]),
    ['2026-07-29T13:00:00Z', /'Z' \(UTC\) is refused/],
    ['2026-07-29T13:00:00.000Z', /'Z' \(UTC\) is refused/],
    ['2026-07-29T13:00:00z', /'Z' \(UTC\) is refused/],
    ['2026-07-29T13:00:00', /offset is missing/],
    ['2026-07-29T13:00:00.123', /offset is missing/],
    ['2026-07-29T13:00:00+0200', /'\+0200' must be written \+HH:MM/],
    ['2026-07-29T13:00:00+02', /must be written \+HH:MM/],
    ['2026-07-29T13:00:00 +02:00', /' \+02:00' must be written/],
    ['2026-07-29T13:00:00+02:00:00', /must be written/],
    ['2026-07-29T13:00:00−02:00', /must be written/], // U+2212 minus
    ['2026-07-29T13:00:00+00:00', /\+00:00 is not Belgian time/],
    ['2026-07-29T13:00:00-02:00', /-02:00 is not Belgian time/],
    ['2026-07-29T13:00:00+03:00', /\+03:00 is not Belgian time/],
    ['2026-07-29T13:00:00+01:30', /not Belgian time/],
    // wrong offset for the instant
    [
      '2026-07-29T13:00:00+01:00',
      /offset \+01:00 is wrong for 2026-07-29 13:00: Brussels is then at \+02:00 \(summer/,
    ],
    ['2026-01-15T09:05:09+02:00', /offset \+02:00 is wrong .* \+01:00 \(winter/],
    ['2026-03-29T01:59:59+02:00', /offset \+02:00 is wrong/],
    ['2026-03-29T03:00:00+01:00', /offset \+01:00 is wrong/],
    ['2026-10-25T01:59:59+01:00', /offset \+01:00 is wrong/],
    ['2026-10-25T03:00:00+02:00', /offset \+02:00 is wrong/],
    ['2026-12-31T23:59:59+02:00', /offset \+02:00 is wrong/],
    // the skipped hour of 29 March 2026 (and 28 March 2027) exists with neither offset
    ['2026-03-29T02:00:00+01:00', /local time 2026-03-29 02:00 does not exist in Brussels/],
    ['2026-03-29T02:00:00+02:00', /does not exist/],
    ['2026-03-29T02:30:00+01:00', /does not exist/],
    ['2026-03-29T02:59:59.999+02:00', /does not exist/],
    ['2027-03-28T02:15:00+01:00', /does not exist/],
  ])('refuses %j: %s', (v, reason) => {
    refuses(checkPosDateTime, v, reason);
  });

  it('parses to the instant it names', () => {
    const r = parsePosDateTime('2026-07-29T13:00:00.250+02:00');
    expect(r.ok && r.value.toISOString()).toBe('2026-07-29T11:00:00.250Z');
    const twice = ['2026-10-25T02:30:00+02:00', '2026-10-25T02:30:00+01:00'].map((v) => {
      const p = parsePosDateTime(v);
      return p.ok ? p.value.toISOString() : p.error.reason;
    });
    expect(twice).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z']);
  });

  it('accepts what formatPosDateTime writes, as the same instant (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1996, 0, 1), max: Date.UTC(2099, 11, 31) }), (t) => {
        const text = formatPosDateTime(new Date(t));
        const r = parsePosDateTime(text);
        expect(r.ok && r.value.getTime()).toBe(t);
      }),
      { numRuns: 5000 },
    );
  });

  it('accepts the other offset only where the time-zone database agrees (property)', () => {
    const zone = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Brussels',
      timeZoneName: 'longOffset',
    });
    const tzdb = (ms: number): string =>
      zone.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? '';
    // Bias towards the switch nights, where the interesting answers are.
    const nearSwitch = fc
      .tuple(
        fc.integer({ min: 1996, max: 2037 }),
        fc.constantFrom(3, 10),
        fc.integer({ min: 0, max: 4 * 3_600_000 }),
      )
      .map(([year, month, ms]) => {
        const lastDay = new Date(Date.UTC(year, month, 0));
        return Date.UTC(year, month - 1, lastDay.getUTCDate() - lastDay.getUTCDay()) - 3_600_000 + ms;
      });
    fc.assert(
      fc.property(
        fc.oneof(nearSwitch, fc.integer({ min: Date.UTC(1996, 0, 1), max: Date.UTC(2037, 11, 31) })),
        (t) => {
          const text = formatPosDateTime(new Date(t));
          const flipped = text.endsWith('+02:00')
            ? text.replace(/\+02:00$/, '+01:00')
            : text.replace(/\+01:00$/, '+02:00');
          const flippedOffsetMs = flipped.endsWith('+02:00') ? 7_200_000 : 3_600_000;
          const localMs = t + (text.endsWith('+02:00') ? 7_200_000 : 3_600_000);
          const expected = tzdb(localMs - flippedOffsetMs) === `GMT${flipped.slice(-6)}`;
          expect(checkPosDateTime(flipped).ok, flipped).toBe(expected);
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe('checkFdmDateTime', () => {
  it.each([
    '2024-07-29T11:00:08Z',
    '2024-07-29T11:00:08.123Z',
    '2026-03-29T02:30:00Z', // UTC has no DST gap
    '2024-02-29T00:00:00Z',
    '2026-12-31T23:59:59.999Z',
  ])('accepts %s', (v) => {
    expect(checkFdmDateTime(v)).toEqual({ ok: true, value: v });
  });

  it.each<[string, RegExp]>([
    ...malformed.map(([v, r]): [string, RegExp] => [v.replace('ZONE', 'Z'), r]),
    ['2024-07-29T11:00:08', /zone is missing/],
    ['2024-07-29T11:00:08z', /upper-case 'Z'/],
    ['2024-07-29T11:00:08+00:00', /zone '\+00:00' is refused/],
    ['2024-07-29T13:00:08+02:00', /zone '\+02:00' is refused/],
    ['2024-07-29T11:00:08ZZ', /zone 'ZZ' is refused/],
    ['2024-07-29T11:00:08 Z', /zone ' Z' is refused/],
    ['2024-07-29T11:00:08.1Z', /exactly 3 digits/],
  ])('refuses %j: %s', (v, reason) => {
    refuses(checkFdmDateTime, v, reason);
  });

  it('parses to the UTC instant and round-trips formatFdmDateTime (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2099, 11, 31) }), (t) => {
        const r = parseFdmDateTime(formatFdmDateTime(new Date(t)));
        expect(r.ok && r.value.getTime()).toBe(t - (t % 1000));
      }),
    );
  });
});
