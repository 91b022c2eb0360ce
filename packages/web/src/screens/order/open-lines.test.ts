import { describe, expect, it } from 'vitest';
import type { OrderLine } from '../../api/types.js';
import { openQuantities } from './open-lines.js';

const line = (lineNo: number, quantity: number, correctsLine: number | null = null): OrderLine => ({
  lineNo,
  productId: 'p',
  productName: 'Soda',
  quantity,
  quantityType: 'PIECE',
  unitPriceCents: 220,
  lineTotalCents: 220 * quantity,
  vatLabel: 'A',
  origin: correctsLine === null ? 'input' : 'correction',
  correctsLine,
  reason: null,
  negReason: null,
  priceChangeName: null,
  priceChangeCents: null,
  sent: true,
  note: null,
});

describe('openQuantities (C-31: corrections are separate negative lines)', () => {
  it('subtracts each negative line from the line it corrects', () => {
    const open = openQuantities([line(1, 3), line(2, 2), line(3, -1, 1), line(4, -2, 2)]);
    expect(open.get(1)).toBe(2);
    expect(open.get(2)).toBe(0);
  });

  it('keeps weights exact to the gram', () => {
    const weighed = { ...line(1, 0.6), quantityType: 'KILOGRAM' as const };
    const open = openQuantities([weighed, line(2, -0.1, 1), line(3, -0.2, 1), line(4, -0.3, 1)]);
    expect(open.get(1)).toBe(0);
  });

  it('ignores negative lines that point at no known line and lists no negative line itself', () => {
    const open = openQuantities([line(1, 1), line(2, -1, 9), line(3, -1, null)]);
    expect([...open.entries()]).toEqual([[1, 1]]);
  });
});
