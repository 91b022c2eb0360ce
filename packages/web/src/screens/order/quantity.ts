import type { QuantityType } from '../../api/types.js';

/**
 * A quantity typed on the keypad (comma or point as decimal separator): whole pieces, or
 * kilograms and litres to the gram and millilitre. Null when it is not a quantity one can sell.
 */
export function parseQuantity(text: string, type: QuantityType): number | null {
  const normalized = text.trim().replace(',', '.');
  if (!/^\d{1,5}(\.\d{0,3})?$/.test(normalized)) return null;
  const value = Number(normalized);
  if (!Number.isFinite(value) || value <= 0) return null;
  if (type === 'PIECE' && !Number.isInteger(value)) return null;
  if (type === 'PIECE' && value > 999) return null;
  return value;
}

/** How a quantity reads on the order: `3 ×`, `0,527 kg`, `1,25 l`. */
export function quantityLabel(quantity: number, type: QuantityType, locale: string): string {
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(quantity);
  return type === 'KILOGRAM' ? `${number} kg` : type === 'LITRE' ? `${number} l` : `${number} ×`;
}
