import { describe, expect, it } from 'vitest';
import { parsePluLines } from './plu-line-input.js';

const good = { quantity: 3, description: 'Soda', priceCents: 660, vat: 'A' };

describe('parsePluLines', () => {
  it('accepts valid lines, with or without a unit', () => {
    const input = [good, { quantity: 0.527, unit: 'kg', description: 'Salad', priceCents: 853, vat: 'B' }];
    expect(parsePluLines(input)).toEqual({ ok: true, value: input });
    expect(parsePluLines([])).toEqual({ ok: true, value: [] });
    expect(parsePluLines([{ ...good, quantity: -2, unit: 'piece' }]).ok).toBe(true);
    expect(parsePluLines([{ ...good, quantity: 1.25, unit: 'l' }]).ok).toBe(true);
  });

  it.each([null, {}, 'text', 3, { lines: [] }])('refuses %j as a whole', (value) => {
    expect(parsePluLines(value)).toEqual({
      ok: false,
      error: [{ index: null, field: null, reason: 'expected a JSON array of PLU lines' }],
    });
  });

  it.each([
    [{ ...good, unit: 'g' }, 'unit'],
    [{ ...good, unit: 'KG' }, 'unit'],
    [{ ...good, unit: null }, 'unit'],
    [{ ...good, vat: 'X' }, 'vat'],
    [{ ...good, vat: 'a' }, 'vat'],
    [{ ...good, vat: undefined }, 'vat'],
    [{ ...good, priceCents: 6.6 }, 'priceCents'],
    [{ ...good, priceCents: '660' }, 'priceCents'],
    [{ ...good, priceCents: 2 ** 53 }, 'priceCents'],
    [{ ...good, quantity: Number.POSITIVE_INFINITY }, 'quantity'],
    [{ ...good, quantity: Number.NaN }, 'quantity'],
    [{ ...good, quantity: '3' }, 'quantity'],
    [{ ...good, quantity: 0.5 }, 'quantity'],
    [{ ...good, quantity: 0.5, unit: 'piece' }, 'quantity'],
    [{ ...good, description: 42 }, 'description'],
    [{ ...good, description: null }, 'description'],
    [{ ...good, price: 660 }, 'price'],
  ])('refuses %j naming field %s', (line, field) => {
    const result = parsePluLines([good, line]);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toHaveLength(1);
      expect(result.error[0]).toMatchObject({ index: 1, field });
      expect(result.error[0]?.reason.length).toBeGreaterThan(10);
    }
  });

  it.each([null, 3, 'line', [good]])('refuses a line that is %j', (line) => {
    const result = parsePluLines([line]);
    expect(result).toMatchObject({ ok: false, error: [{ index: 0, field: null }] });
  });

  it('reports every problem of every line', () => {
    const result = parsePluLines([
      { quantity: 'x', vat: 'Z' },
      good,
      { ...good, unit: 'g', priceCents: 1.5 },
    ]);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.map((p) => [p.index, p.field])).toEqual([
        [0, 'quantity'],
        [0, 'description'],
        [0, 'priceCents'],
        [0, 'vat'],
        [2, 'unit'],
        [2, 'priceCents'],
      ]);
    }
  });
});
