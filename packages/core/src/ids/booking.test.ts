import { describe, expect, it } from 'vitest';
import { checkBookingDate, checkBookingPeriodId } from './booking.js';

describe('checkBookingPeriodId', () => {
  it.each([
    '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    crypto.randomUUID(),
  ])('accepts %s', (v) => {
    expect(checkBookingPeriodId(v)).toEqual({ ok: true, value: v });
  });

  it.each<[string, RegExp]>([
    ['', /^is empty/],
    [' 3f2504e0-4f89-11d3-9a0c-0305e82c3301', /whitespace/],
    ['3f2504e0-4f89-11d3-9a0c-0305e82c3301\n', /whitespace/],
    ['3f2504e04f8911d39a0c0305e82c3301', /36 characters long, got 32.*8-4-4-4-12/],
    ['{3f2504e0-4f89-11d3-9a0c-0305e82c3301}', /36 characters long, got 38/],
    ['3f2504e0-4f89-11d3-9a0c-0305e82c330', /36 characters long, got 35/],
    [
      '3F2504E0-4F89-11D3-9A0C-0305E82C3301',
      /character 2 \('F'\) must be a lower-case hexadecimal digit.*case/,
    ],
    ['3f2504e0-4f89-11d3-9a0c-0305e82c330A', /character 36 \('A'\).*case/],
    ['3f2504e0-4f89-11d3-9a0c-0305e82c330g', /character 36 \('g'\) must be a lower-case hexadecimal digit/],
    ['3f2504e0_4f89-11d3-9a0c-0305e82c3301', /character 9 \('_'\) must be '-'/],
    ['3f2504e04-f89-11d3-9a0c-0305e82c3301', /character 9 \('4'\) must be '-'/],
    ['3f2504e0-4f89-11d3-9a0c-0305e82c33-1', /character 35 \('-'\) must be a lower-case hexadecimal/],
    ['3f2504e0 4f89 11d3 9a0c 0305e82c3301', /character 9 \(a space\) must be '-'/],
    ['3f2504e0-4f89-11d3-9a0c-0305e82c330０', /36 characters long|U\+FF10/],
  ])('refuses %j: %s', (v, reason) => {
    const r = checkBookingPeriodId(v);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.reason).toMatch(reason);
  });
});

describe('checkBookingDate', () => {
  it.each(['2026-07-29', '2024-02-29', '2000-02-29', '2026-12-31', '2026-01-01', '2025-04-30', '0001-01-01'])(
    'accepts %s',
    (v) => {
      expect(checkBookingDate(v)).toEqual({ ok: true, value: v });
    },
  );

  it.each<[string, RegExp]>([
    ['', /^is empty/],
    [' 2026-07-29', /whitespace/],
    ['2026-07-29 ', /whitespace/],
    ['2026-7-29', /10 characters long, got 9/],
    ['26-07-29', /10 characters long, got 8/],
    ['2026-07-29T00:00:00', /10 characters long, got 19/],
    ['20260729', /10 characters long, got 8/],
    ['2026/07/29', /character 5 \('\/'\) must be '-'/],
    ['29-07-2026', /character 3 \('-'\) must be a digit/],
    ['2026-07-3x', /character 10 \('x'\) must be a digit/],
    ['２０２６-07-29', /character 1 .*U\+FF12/],
    ['2026-00-10', /month 00 is not 01\.\.12/],
    ['2026-13-10', /month 13 is not 01\.\.12/],
    ['2026-07-00', /day 00 does not exist in July 2026/],
    ['2026-07-32', /day 32 does not exist in July 2026/],
    ['2026-04-31', /day 31 does not exist in April 2026/],
    ['2026-06-31', /day 31 does not exist in June 2026/],
    ['2025-02-29', /day 29 does not exist in February 2025 \(2025 is not a leap year\)/],
    ['1900-02-29', /1900 is not a leap year/],
    ['2100-02-29', /2100 is not a leap year/],
    ['2024-02-30', /day 30 does not exist in February 2024/],
  ])('refuses %j: %s', (v, reason) => {
    const r = checkBookingDate(v);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.reason).toMatch(reason);
  });
});
