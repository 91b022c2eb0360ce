import { vatLabelValues, type VatLabel } from '../fdm-api/types.js';
import { divideRoundHalfAwayFromZero, exactDecimal } from './exact-decimal.js';
import { defaultVatRates, type VatRate, type VatRateTable } from './vat-rates.js';

/** One `vatCalc` item of a SignResult, in integer cents. */
export interface VatCalcCents {
  label: VatLabel;
  ratePercent: number;
  taxableCents: number;
  vatCents: number;
  totalCents: number;
  outOfScope: boolean;
}

/**
 * The FDM's VAT calculation (fdm-v2-notes "VAT calculation"): sum the parts per label first, then
 * per label taxable = round(total / (1 + rate/100)) to the cent, halves away from zero, and
 * vat = total - taxable, so taxable + vat is always exactly the total.
 *
 * One item per label that occurs in `parts`, in label order A, B, C, D, X. A label whose parts
 * cancel out (a sale and its correction) is kept with zeros: the ticket did carry that rate.
 * Inputs must already be validated integer cents; anything else is a bug and throws.
 */
export function computeVatCalc(
  parts: readonly { label: VatLabel; totalCents: number }[],
  rates: VatRateTable = defaultVatRates,
): VatCalcCents[] {
  const totals = new Map<VatLabel, bigint>();
  for (const part of parts) {
    if (!vatLabelValues.includes(part.label))
      throw new RangeError(`unknown VAT label: ${String(part.label)}`);
    if (!Number.isSafeInteger(part.totalCents)) {
      throw new RangeError(`totalCents must be an integer number of cents: ${part.totalCents}`);
    }
    totals.set(part.label, (totals.get(part.label) ?? 0n) + BigInt(part.totalCents));
  }
  const items: VatCalcCents[] = [];
  for (const label of vatLabelValues) {
    const total = totals.get(label);
    if (total !== undefined) items.push(vatCalcForLabel(rates[label], total));
  }
  return items;
}

function vatCalcForLabel(rate: VatRate, total: bigint): VatCalcCents {
  const totalCents = safeNumber(total);
  if (rate.outOfScope) {
    return {
      label: rate.label,
      ratePercent: rate.ratePercent,
      taxableCents: totalCents,
      vatCents: 0,
      totalCents,
      outOfScope: true,
    };
  }
  if (!Number.isFinite(rate.ratePercent) || rate.ratePercent < 0) {
    throw new RangeError(`VAT rate of ${rate.label} must be a finite percentage >= 0: ${rate.ratePercent}`);
  }
  // total / (1 + p/100) with p = units / 10^scale is total * 100 * 10^scale / (100 * 10^scale + units).
  const { units, scale } = exactDecimal(rate.ratePercent);
  const hundred = 100n * 10n ** BigInt(scale);
  const taxable = divideRoundHalfAwayFromZero(total * hundred, hundred + units);
  return {
    label: rate.label,
    ratePercent: rate.ratePercent,
    taxableCents: safeNumber(taxable),
    vatCents: safeNumber(total - taxable),
    totalCents,
    outOfScope: false,
  };
}

function safeNumber(value: bigint): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`amount out of the safe integer range: ${value}`);
  return n;
}
