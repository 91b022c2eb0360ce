import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkEmployeeId } from './employee-id.js';
import { mod97CheckDigits, twoDigits } from './mod97.js';

describe('checkEmployeeId (INSZ / BIS, C-29)', () => {
  it.each([
    ['80113078968', 'born before 2000'],
    ['84022899837', 'born before 2000'],
    ['75061189702', 'born before 2000'],
    ['00000000097', 'external technician (C-29)'],
    ['00000000029', 'robot user, valid only by the from-2000 rule'],
    ['05010112345'.slice(0, 9) + twoDigits(mod97CheckDigits(2_000_000_000 + 50101123)), 'born in 2005'],
  ])('accepts %s (%s)', (v) => {
    expect(checkEmployeeId(v)).toEqual({ ok: true, value: v });
  });

  it.each<[string, RegExp]>([
    ['', /^is empty$/],
    [' 80113078968', /whitespace/],
    ['80113078968 ', /whitespace/],
    ['8011307896', /11 characters long, got 10/],
    ['801130789680', /11 characters long, got 12/],
    ['80.11.30-789.68', /character 3 is a separator \('\.'\)/],
    ['801130 78968', /character 7 is a separator/],
    ['80113O78968', /character 6 \('O'\) must be a digit/],
    ['8011307896A', /character 11 \('A'\) must be a digit/],
    ['８0113078968', /character 1 .*U\+FF18.* must be a digit/],
    ['80113078969', /check digits 69 are wrong: expected 68 \(born before 2000\) or 97 \(born from 2000\)/],
    ['80113078986', /check digits 86 are wrong/],
    ['00000000000', /check digits 00 are wrong: expected 97 .* or 29/],
    ['00000000098', /check digits 98 are wrong/],
    ['00000000028', /check digits 28 are wrong/],
    ['12345678901', /check digits 01 are wrong/],
  ])('refuses %j: %s', (v, reason) => {
    const r = checkEmployeeId(v);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.reason).toMatch(reason);
  });

  it('accepts both checksum rules and nothing else (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999_999 }),
        fc.integer({ min: 0, max: 99 }),
        (body, check) => {
          const v = `${String(body).padStart(9, '0')}${twoDigits(check)}`;
          const expected =
            check === mod97CheckDigits(body) || check === mod97CheckDigits(2_000_000_000 + body);
          expect(checkEmployeeId(v).ok).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
