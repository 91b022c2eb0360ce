import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pluPriceField, pluQuantityField, type PluUnit } from './fields.js';

describe('pluQuantityField (C-37)', () => {
  it.each([
    [3, undefined, '0003'],
    [-1, 'piece', '0001'],
    [1234, 'piece', '1234'],
    [-1234, 'piece', '1234'],
    [123456, 'piece', '3456'],
    [0.527, 'piece', '0001'],
    [3.14159, 'piece', '0003'],
    [0.12, 'piece', '0000'],
    [0.5, 'piece', '0001'],
    [-0.5, 'piece', '0001'],
    [0, 'piece', '0000'],
    [-0, 'piece', '0000'],
    [0.527, 'kg', '0527'],
    [-0.527, 'kg', '0527'],
    [100, 'kg', '0000'],
    [1, 'l', '1000'],
    [1.25, 'l', '1250'],
    [0.33, 'l', '0330'],
    [1.0005, 'kg', '1001'],
    [0.0005, 'kg', '0001'],
    [0.00049, 'kg', '0000'],
    [1.1, 'kg', '1100'],
    [0.1 * 3, 'kg', '0300'],
    [9.999, 'kg', '9999'],
    [12.3456, 'kg', '2346'],
    [1e21, 'piece', '0000'],
    [1.5e-7, 'kg', '0000'],
    [Number.MAX_VALUE, 'kg', '0000'],
  ] as const)('%s %s -> %s', (quantity, unit, expected) => {
    expect(pluQuantityField(quantity, unit)).toBe(expected);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('refuses %s', (q) => {
    expect(() => pluQuantityField(q)).toThrow(RangeError);
  });

  it('refuses an unknown unit', () => {
    expect(() => pluQuantityField(1, 'g' as PluUnit)).toThrow(RangeError);
  });

  it('grams of any decimal written with up to 3 places are exact', () => {
    fc.assert(
      fc.property(fc.integer({ min: -9999, max: 9999 }), (grams) => {
        expect(pluQuantityField(grams / 1000, 'kg')).toBe(String(Math.abs(grams)).padStart(4, '0'));
      }),
    );
  });
});

describe('pluPriceField (C-37)', () => {
  it.each([
    [660, '00000660'],
    [-220, '00000220'],
    [0, '00000000'],
    [123412.3, '00123412'],
    [-100, '00000100'],
    [10000000, '10000000'],
    [123456789, '23456789'],
    [0.5, '00000001'],
    [Number.MAX_SAFE_INTEGER, '54740991'],
  ])('%s cents -> %s', (cents, expected) => {
    expect(pluPriceField(cents)).toBe(expected);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('refuses %s', (cents) => {
    expect(() => pluPriceField(cents)).toThrow(RangeError);
  });

  it('is the zero-padded absolute value for every integer up to 8 digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: -99_999_999, max: 99_999_999 }), (cents) => {
        expect(pluPriceField(cents)).toBe(String(Math.abs(cents)).padStart(8, '0'));
      }),
    );
  });
});
