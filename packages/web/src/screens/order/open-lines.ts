import type { OrderLine } from '../../api/types.js';

/**
 * What is still open of each positive line after the negative lines that refer to it (corrections,
 * moves to another table): what may still be corrected, moved or split.
 */
export function openQuantities(lines: readonly OrderLine[]): Map<number, number> {
  const open = new Map<number, number>();
  for (const line of lines) if (line.quantity > 0) open.set(line.lineNo, toMilli(line.quantity));
  for (const line of lines) {
    if (line.quantity < 0 && line.correctsLine !== null) {
      const before = open.get(line.correctsLine);
      if (before !== undefined) open.set(line.correctsLine, before + toMilli(line.quantity));
    }
  }
  return new Map([...open].map(([lineNo, milli]) => [lineNo, milli / 1000]));
}

// Quantities have at most 3 decimals; summing thousandths keeps 0.3 - 0.1 - 0.2 at exactly zero.
const toMilli = (quantity: number): number => Math.round(quantity * 1000);
