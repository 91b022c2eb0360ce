import { describe, expect, it } from 'vitest';
import { checkEstNo } from './est-no.js';

describe('checkEstNo', () => {
  it.each(['2000000042', '8789456149', '2123456791'])('accepts %s', (v) => {
    expect(checkEstNo(v)).toEqual({ ok: true, value: v });
  });

  it.each<[string, RegExp]>([
    ['', /^is empty$/],
    [' 2000000042', /whitespace/],
    ['2000000042\t', /whitespace/],
    ['200000004', /10 characters long, got 9/],
    ['20000000420', /10 characters long, got 11/],
    ['2.000.000.042', /character 2 is a separator/],
    ['2000 000 042', /separator/],
    ['200000004A', /character 10 \('A'\) must be a digit/],
    ['２000000042', /character 1 .*U\+FF12.* must be a digit/],
    ['BE2000000042', /10 characters long/],
    ['0000000097', /first digit must be 2\.\.8, got 0/],
    ['1000000076', /first digit must be 2\.\.8, got 1/],
    ['9000000000', /first digit must be 2\.\.8, got 9/],
    ['2000000043', /check digits 43 are wrong: 97 - \(20000000 mod 97\) = 42/],
    ['8789456194', /check digits 94 are wrong/],
    ['2000000000', /check digits 00 are wrong/],
  ])('refuses %j: %s', (v, reason) => {
    const r = checkEstNo(v);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.reason).toMatch(reason);
  });
});
