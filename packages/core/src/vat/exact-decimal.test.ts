import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divideRoundHalfAwayFromZero, exactDecimal } from './exact-decimal.js';

describe('exactDecimal', () => {
  it.each([
    [0.527, 527n, 3],
    [1.25, 125n, 2],
    [-8.96, -896n, 2],
    [21, 21n, 0],
    [0, 0n, 0],
    [1e21, 10n ** 21n, 0],
    [1.5e-7, 15n, 8],
    [0.1 + 0.2, 30000000000000004n, 17],
  ] as const)('%s is %s / 10^%i', (value, units, scale) => {
    expect(exactDecimal(value)).toEqual({ units, scale });
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('%s throws', (value) => {
    expect(() => exactDecimal(value)).toThrow(RangeError);
  });

  it('round-trips every finite double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const { units, scale } = exactDecimal(value);
        expect(Number(`${units}e-${scale}`)).toBe(value === 0 ? 0 : value);
      }),
    );
  });
});

describe('divideRoundHalfAwayFromZero', () => {
  it.each([
    [5n, 2n, 3n],
    [-5n, 2n, -3n],
    [5n, -2n, -3n],
    [7n, 3n, 2n],
    [-7n, 3n, -2n],
    [8n, 3n, 3n],
    [0n, 9n, 0n],
  ] as const)('%s / %s -> %s', (n, d, q) => {
    expect(divideRoundHalfAwayFromZero(n, d)).toBe(q);
  });

  it('refuses a zero denominator', () => {
    expect(() => divideRoundHalfAwayFromZero(1n, 0n)).toThrow(RangeError);
  });
});
