import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { centsToEuros, eurosToCents, formatCents, MAX_ABS_CENTS, type MoneyError } from './money.js';

describe('eurosToCents', () => {
  it.each<[number, number]>([
    [0, 0],
    [12.5, 1250],
    [-1.56, -156],
    [0.05, 5],
    [0.1 + 0.2, 30], // 0.30000000000000004: the float of a 2-decimal sum
    [1.15, 115], // 1.15 * 100 = 114.99999999999999
    [4.35, 435], // 4.35 * 100 = 434.99999999999994
    [0.29, 29],
    [1.01, 101],
    [19.99, 1999],
    [-8.96, -896],
    [1234567.89, 123456789],
    [MAX_ABS_CENTS / 100, MAX_ABS_CENTS],
    [-MAX_ABS_CENTS / 100, -MAX_ABS_CENTS],
    [99999999999.99, 9999999999999],
  ])('%d euro is %d cents', (euros, cents) => {
    expect(eurosToCents(euros)).toEqual({ ok: true, value: cents });
  });

  it('turns -0 into +0', () => {
    const r = eurosToCents(-0);
    expect(r.ok && Object.is(r.value, 0)).toBe(true);
    // Float noise around zero is zero, by the same 1e-9 cent rule as 0.1 + 0.2.
    expect(eurosToCents(0.1 + 0.2 - 0.3)).toEqual({ ok: true, value: 0 });
    expect(eurosToCents(-Number.MIN_VALUE)).toEqual({ ok: true, value: 0 });
  });

  it.each<[unknown, MoneyError['reason']]>([
    [Number.NaN, 'NOT_A_NUMBER'],
    ['12.50', 'NOT_A_NUMBER'],
    [null, 'NOT_A_NUMBER'],
    [undefined, 'NOT_A_NUMBER'],
    [Number.POSITIVE_INFINITY, 'NOT_FINITE'],
    [Number.NEGATIVE_INFINITY, 'NOT_FINITE'],
    [12.345, 'TOO_MANY_DECIMALS'],
    [1.005, 'TOO_MANY_DECIMALS'], // 100.5 cents, whatever its float looks like
    [0.001, 'TOO_MANY_DECIMALS'],
    [-0.009, 'TOO_MANY_DECIMALS'],
    [0.125, 'TOO_MANY_DECIMALS'],
    [1e-9, 'TOO_MANY_DECIMALS'],
    [1 / 3, 'TOO_MANY_DECIMALS'],
    [99999999999.001, 'TOO_MANY_DECIMALS'],
    [-12345678.905, 'TOO_MANY_DECIMALS'],
    [MAX_ABS_CENTS / 100 + 0.01, 'OUT_OF_RANGE'],
    [-(MAX_ABS_CENTS / 100 + 0.01), 'OUT_OF_RANGE'],
    [Number.MAX_SAFE_INTEGER, 'OUT_OF_RANGE'],
    [-Number.MAX_SAFE_INTEGER, 'OUT_OF_RANGE'],
    [1e300, 'OUT_OF_RANGE'],
    [Number.MAX_VALUE, 'OUT_OF_RANGE'],
  ])('refuses %s with %s', (euros, reason) => {
    const r = eurosToCents(euros as number);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.reason).toBe(reason);
      expect(r.error.message.length).toBeGreaterThan(0);
    }
  });

  it('round-trips every integer amount of cents in range (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_ABS_CENTS, max: MAX_ABS_CENTS }), (c) => {
        expect(eurosToCents(centsToEuros(c))).toEqual({ ok: true, value: c === 0 ? 0 : c });
      }),
      { numRuns: 20_000 },
    );
  });

  it('accepts the float sum of any few 2-decimal amounts as the exact sum in cents (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1_000_000, max: 1_000_000 }), { maxLength: 20 }), (parts) => {
        const floatSum = parts.reduce((sum, c) => sum + c / 100, 0);
        const exact = parts.reduce((sum, c) => sum + c, 0);
        expect(eurosToCents(floatSum)).toEqual({ ok: true, value: exact === 0 ? 0 : exact });
      }),
    );
  });

  it('refuses any amount with a real third decimal (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -999_999_999, max: 999_999_999 }),
        fc.integer({ min: 1, max: 9 }),
        (cents, thousandth) => {
          const euros = (cents * 10 + Math.sign(cents || 1) * thousandth) / 1000;
          const r = eurosToCents(euros);
          expect(r.ok ? r.value : r.error.reason).toBe('TOO_MANY_DECIMALS');
        },
      ),
    );
  });
});

describe('centsToEuros', () => {
  it('divides by 100', () => {
    expect(centsToEuros(1250)).toBe(12.5);
    expect(centsToEuros(-156)).toBe(-1.56);
    expect(centsToEuros(5)).toBe(0.05);
    expect(Object.is(centsToEuros(-0), 0)).toBe(true);
  });

  it.each([0.5, Number.NaN, Number.POSITIVE_INFINITY, MAX_ABS_CENTS + 1, Number.MAX_SAFE_INTEGER + 2])(
    'throws on %s cents (a bug in the caller)',
    (c) => {
      expect(() => centsToEuros(c)).toThrow(RangeError);
    },
  );
});

describe('formatCents', () => {
  it.each<[number, ',' | '.' | undefined, string]>([
    [1250, undefined, '12,50'],
    [-156, undefined, '-1,56'],
    [5, undefined, '0,05'],
    [-5, undefined, '-0,05'],
    [0, undefined, '0,00'],
    [-0, undefined, '0,00'],
    [100, ',', '1,00'],
    [123456789, '.', '1234567.89'],
    [-MAX_ABS_CENTS, '.', '-100000000000.00'],
  ])('%d cents with %s is %s', (cents, sep, text) => {
    expect(formatCents(cents, sep)).toBe(text);
  });

  it.each([0.5, Number.NaN, -Number.MAX_SAFE_INTEGER])('throws on %s cents', (c) => {
    expect(() => formatCents(c)).toThrow(RangeError);
  });
});
