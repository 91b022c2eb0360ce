import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mod97CheckDigits, twoDigits } from './mod97.js';
import { checkVatNo } from './vat-no.js';

describe('checkVatNo', () => {
  it.each(['BE0000000097', 'BE0308357159', 'BE0203201340', 'BE1000000021'])('accepts %s', (v) => {
    expect(checkVatNo(v)).toEqual({ ok: true, value: v });
  });

  it.each<[string, RegExp]>([
    ['', /^is empty$/],
    [' BE0308357159', /leading or trailing whitespace/],
    ['BE0308357159 ', /leading or trailing whitespace/],
    ['BE0308357159\n', /leading or trailing whitespace/],
    ['\u00a0BE0308357159', /leading or trailing whitespace/],
    ['BE030835715', /12 characters long, got 11/],
    ['BE03083571590', /12 characters long, got 13/],
    ['0308357159', /12 characters long, got 10/],
    ['BE 0308.357.159', /character 3 is a separator \(a space\)/],
    ['BE0308.357.159', /character 7 is a separator \('\.'\)/],
    ['BE-0308357159', /separator/],
    ['BE0308-357159', /separator/],
    ['be0308357159', /character 1 .*'B'.*letter case is significant/],
    ['Be0308357159', /character 2 .*'E'.*letter case is significant/],
    ['NL0308357159', /character 1 \('N'\) must be 'B'/],
    ['BEO308357159', /character 3 \('O'\) must be a digit/],
    ['BE030835715X', /character 12 \('X'\) must be a digit/],
    ['BE０３０８３５７１５９', /character 3 \('０' \(U\+FF10\)\) must be a digit/],
    ['BE٠٣٠٨٣٥٧١٥٩', /character 3 .*U\+0660.* must be a digit/],
    ['BE03083571５9', /character 11 .*must be a digit/],
    ['BE2308357159', /first digit after BE must be 0 or 1, got 2/],
    ['BE9308357159', /first digit after BE must be 0 or 1, got 9/],
    ['BE0308357158', /check digits 58 are wrong: 97 - \(03083571 mod 97\) = 59/],
    ['BE0308357160', /check digits 60 are wrong/],
    ['BE0000000000', /check digits 00 are wrong: .* = 97/],
    ['BE0000000001', /check digits 01 are wrong/],
    ['BE0380357159', /check digits 59 are wrong/], // swapped digits
  ])('refuses %j: %s', (v, reason) => {
    const r = checkVatNo(v);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.reason).toMatch(reason);
  });

  it('refuses a non-string at run time', () => {
    const r = checkVatNo(308357159 as unknown as string);
    expect(r.ok ? 'ok' : r.error.reason).toMatch(/must be a string/);
  });

  it('accepts every well-formed number and refuses any single changed check digit (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 19_999_999 }), fc.integer({ min: 1, max: 9 }), (body, delta) => {
        const first8 = String(body).padStart(8, '0');
        const check = mod97CheckDigits(body);
        const good = `BE${first8}${twoDigits(check)}`;
        expect(checkVatNo(good).ok).toBe(true);
        const wrong = `BE${first8}${twoDigits((check + delta) % 100)}`;
        expect(checkVatNo(wrong).ok).toBe(false);
      }),
    );
  });
});
