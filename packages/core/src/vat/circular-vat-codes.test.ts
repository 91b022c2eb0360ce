import { describe, expect, it } from 'vitest';
import { circularVatCodes, circularVatCodeValues, isCircularVatCode } from './circular-vat-codes.js';

describe('circularVatCodes (C-43)', () => {
  it.each([
    ['A', 21],
    ['B', 12],
    ['C', 6],
    ['D', 0],
  ] as const)('C-43: %s is %i %% both ways', (code, rate) => {
    expect(circularVatCodes.ratePercentOf[code]).toBe(rate);
    expect(circularVatCodes.codeForRate(rate)).toEqual({ ok: true, value: code });
  });

  it.each([5.5, 9, 20, 21.0001, -21, Number.NaN, 100])('C-43: %s %% has no code', (rate) => {
    const result = circularVatCodes.codeForRate(rate);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.reason).toContain('21, 12, 6 and 0');
  });

  it('recognises exactly the four letters', () => {
    for (const code of circularVatCodeValues) expect(isCircularVatCode(code)).toBe(true);
    for (const bad of ['X', 'a', 'E', '', 'AB', 21, null, undefined, {}])
      expect(isCircularVatCode(bad)).toBe(false);
  });

  it('cannot be altered at run time', () => {
    expect(Object.isFrozen(circularVatCodes.ratePercentOf)).toBe(true);
  });
});
