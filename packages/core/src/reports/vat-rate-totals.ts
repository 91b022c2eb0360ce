import { vatLabelValues, type SignResult, type VatLabel } from '../fdm-api/types.js';
import { computeVatCalc, type VatCalcCents } from '../vat/vat-calc.js';
import { defaultVatRates, type VatRateTable } from '../vat/vat-rates.js';
import type { ProblemList } from './period-events.js';
import type { VatFigures, VatRateFigures } from './report-model.js';

interface MutableVat {
  taxableCents: number;
  vatCents: number;
  totalCents: number;
}

interface RateSums {
  readonly label: VatLabel;
  readonly ratePercent: number;
  readonly sales: MutableVat;
  readonly refunds: MutableVat;
  readonly total: MutableVat;
}

/**
 * A sale's VAT per label as the FDM computed it (its answer's vatCalc). Only when a stored
 * answer lacks it is the same rule applied here to the sale's lines.
 */
export function saleVatCalc(
  result: SignResult,
  parts: readonly { label: VatLabel; totalCents: number }[],
  rates: VatRateTable,
  problems: ProblemList,
  event: number,
): VatCalcCents[] {
  const vatCalc = result.vatCalc ?? [];
  if (vatCalc.length === 0) return computeVatCalc(parts, rates);
  return vatCalc.map((item, i) => ({
    label: item.label,
    ratePercent: item.rate,
    taxableCents: problems.cents(item.taxableAmount, event, `vatCalc[${i}].taxableAmount`),
    vatCents: problems.cents(item.vatAmount, event, `vatCalc[${i}].vatAmount`),
    totalCents: problems.cents(item.totalAmount, event, `vatCalc[${i}].totalAmount`),
    outOfScope: item.outOfScope,
  }));
}

/**
 * Taxable base and VAT per rate, split sales (NS) / refunds (NR) (C-48). The refund share of a
 * sale is computed from its refund lines with the FDM's rounding rule, and the sales share is
 * the rest, so sales + refunds is exactly what the FDM signed.
 */
export class VatRateTotals {
  private readonly rates = new Map<string, RateSums>();

  addSale(
    vatCalc: readonly VatCalcCents[],
    refundParts: readonly { label: VatLabel; totalCents: number }[],
  ): void {
    const table: Record<VatLabel, { label: VatLabel; ratePercent: number; outOfScope: boolean }> = {
      ...defaultVatRates,
    };
    for (const item of vatCalc) {
      table[item.label] = { label: item.label, ratePercent: item.ratePercent, outOfScope: item.outOfScope };
    }
    const refunds = computeVatCalc(refundParts, table);
    for (const item of vatCalc) {
      const sums = this.sumsFor(item.label, item.ratePercent);
      const refund = refunds.find((r) => r.label === item.label);
      add(sums.total, item);
      if (refund !== undefined) {
        add(sums.refunds, refund);
        add(sums.sales, {
          taxableCents: item.taxableCents - refund.taxableCents,
          vatCents: item.vatCents - refund.vatCents,
          totalCents: item.totalCents - refund.totalCents,
        });
      } else add(sums.sales, item);
    }
  }

  figures(): VatRateFigures[] {
    const order = (label: VatLabel): number => vatLabelValues.indexOf(label);
    return [...this.rates.values()]
      .sort((a, b) => order(a.label) - order(b.label) || a.ratePercent - b.ratePercent)
      .map((r) => ({
        label: r.label,
        ratePercent: r.ratePercent,
        sales: { ...r.sales },
        refunds: { ...r.refunds },
        total: { ...r.total },
      }));
  }

  private sumsFor(label: VatLabel, ratePercent: number): RateSums {
    const key = `${label}@${ratePercent}`;
    let sums = this.rates.get(key);
    if (sums === undefined) {
      sums = { label, ratePercent, sales: zero(), refunds: zero(), total: zero() };
      this.rates.set(key, sums);
    }
    return sums;
  }
}

export function sumVatFigures(items: readonly VatFigures[]): VatFigures {
  const sum = zero();
  for (const item of items) add(sum, item);
  return sum;
}

const zero = (): MutableVat => ({ taxableCents: 0, vatCents: 0, totalCents: 0 });

function add(target: MutableVat, item: VatFigures): void {
  target.taxableCents += item.taxableCents;
  target.vatCents += item.vatCents;
  target.totalCents += item.totalCents;
}
