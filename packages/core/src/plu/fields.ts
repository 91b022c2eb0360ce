import { divideRoundHalfAwayFromZero, exactDecimal } from '../vat/exact-decimal.js';

export type PluUnit = 'piece' | 'kg' | 'l';
export const pluUnitValues = ['piece', 'kg', 'l'] as const satisfies readonly PluUnit[];

// C-37: weight goes in grams, volume in millilitres.
const baseUnitsPer: Readonly<Record<PluUnit, bigint>> = { piece: 1n, kg: 1000n, l: 1000n };

/** C-37 quantity field: 4 digits of |quantity| in pieces, grams or millilitres, rounded half up. */
export function pluQuantityField(quantity: number, unit: PluUnit = 'piece'): string {
  const factor = baseUnitsPer[unit] as bigint | undefined;
  if (factor === undefined) throw new RangeError(`unknown PLU unit: ${String(unit)}`);
  return lastDigits(scaledMagnitude(quantity, factor), 4);
}

/** C-37 price field: 8 digits of |line total| in cents (a fraction of a cent rounds half up). */
export function pluPriceField(priceCents: number): string {
  return lastDigits(scaledMagnitude(priceCents, 1n), 8);
}

/**
 * |value| x factor rounded half up, computed on the decimal the caller wrote: 0.527 kg is 527 g
 * and 1.0005 kg is 1001 g, where float multiplication gives 1000.4999... and 1000.
 */
function scaledMagnitude(value: number, factor: bigint): bigint {
  const { units, scale } = exactDecimal(value);
  const magnitude = units < 0n ? -units : units;
  return divideRoundHalfAwayFromZero(magnitude * factor, 10n ** BigInt(scale));
}

// Longer numbers keep their least significant digits (C-37), so 100 kg prints as 0000.
function lastDigits(value: bigint, width: number): string {
  return value.toString().slice(-width).padStart(width, '0');
}
