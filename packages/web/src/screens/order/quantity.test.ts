import { describe, expect, it } from 'vitest';
import { parseQuantity, quantityLabel } from './quantity.js';

describe('parseQuantity', () => {
  it('takes whole pieces and weights with a comma or a point', () => {
    expect(parseQuantity('3', 'PIECE')).toBe(3);
    expect(parseQuantity('0,527', 'KILOGRAM')).toBe(0.527);
    expect(parseQuantity('1.25', 'LITRE')).toBe(1.25);
    expect(parseQuantity('2,', 'KILOGRAM')).toBe(2);
  });

  it.each([
    ['', 'PIECE'],
    ['0', 'PIECE'],
    ['0,000', 'KILOGRAM'],
    ['1,5', 'PIECE'],
    ['1000', 'PIECE'],
    ['-2', 'PIECE'],
    ['1,2345', 'KILOGRAM'],
    ['1e3', 'PIECE'],
    ['abc', 'LITRE'],
    ['1,2,3', 'KILOGRAM'],
    [' ', 'LITRE'],
    ['Infinity', 'PIECE'],
  ] as const)('refuses %j for %s', (text, type) => {
    expect(parseQuantity(text, type)).toBeNull();
  });
});

describe('quantityLabel', () => {
  it('names the unit the way the ticket does', () => {
    expect(quantityLabel(0.527, 'KILOGRAM', 'nl-BE')).toBe('0,527 kg');
    expect(quantityLabel(1.25, 'LITRE', 'en-GB')).toBe('1.25 l');
    expect(quantityLabel(3, 'PIECE', 'fr-BE')).toBe('3 ×');
  });
});
