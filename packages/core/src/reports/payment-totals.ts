import { paymentLineTypeValues, type PaymentLineType, type PaymentType } from '../fdm-api/types.js';
import type { PaymentAmountFigures, PaymentMethodFigures } from './report-model.js';

/** A payment line as sales, pre-bills and payment corrections carry it, amount already in cents. */
export interface PaymentEntry {
  readonly methodId: string;
  readonly name: string;
  readonly type: PaymentType;
  readonly amountType: PaymentLineType;
  readonly cents: number;
  readonly foreign?: { readonly iso: string; readonly amountHundredths: number } | undefined;
}

interface AmountSums {
  normal: number;
  negative: number;
  positive: number;
  corrections: number;
  readonly normalForeign: Map<string, number>;
  readonly correctionsForeign: Map<string, number>;
}

interface MethodSums {
  readonly methodId: string;
  readonly name: string;
  readonly type: PaymentType;
  readonly amounts: Map<PaymentLineType, AmountSums>;
}

/**
 * Per payment method (its id) and line type: what the sales took in, and what payment
 * corrections moved away from it or onto it. Name and type come from the method's first line.
 */
export class PaymentTotals {
  private readonly methods = new Map<string, MethodSums>();

  addPayment(entry: PaymentEntry): void {
    const sums = this.sumsFor(entry);
    sums.normal += entry.cents;
    if (entry.foreign) addTo(sums.normalForeign, entry.foreign.iso, entry.foreign.amountHundredths);
  }

  addCorrection(entry: PaymentEntry): void {
    const sums = this.sumsFor(entry);
    if (entry.cents < 0) sums.negative += entry.cents;
    else sums.positive += entry.cents;
    sums.corrections += 1;
    if (entry.foreign) addTo(sums.correctionsForeign, entry.foreign.iso, entry.foreign.amountHundredths);
  }

  figures(): PaymentMethodFigures[] {
    return [...this.methods.values()].map((method) => {
      const amounts = paymentLineTypeValues.flatMap((amountType): PaymentAmountFigures[] => {
        const sums = method.amounts.get(amountType);
        if (sums === undefined) return [];
        return [
          {
            amountType,
            normalCents: sums.normal,
            negativeCorrectionsCents: sums.negative,
            positiveCorrectionsCents: sums.positive,
            correctionsCount: sums.corrections,
            totalCents: sums.normal + sums.negative + sums.positive,
            normalForeign: foreignList(sums.normalForeign),
            correctionsForeign: foreignList(sums.correctionsForeign),
          },
        ];
      });
      return {
        methodId: method.methodId,
        name: method.name,
        type: method.type,
        amounts,
        totalCents: amounts.reduce((sum, a) => sum + a.totalCents, 0),
      };
    });
  }

  private sumsFor(entry: PaymentEntry): AmountSums {
    let method = this.methods.get(entry.methodId);
    if (method === undefined) {
      method = { methodId: entry.methodId, name: entry.name, type: entry.type, amounts: new Map() };
      this.methods.set(entry.methodId, method);
    }
    let sums = method.amounts.get(entry.amountType);
    if (sums === undefined) {
      sums = {
        normal: 0,
        negative: 0,
        positive: 0,
        corrections: 0,
        normalForeign: new Map(),
        correctionsForeign: new Map(),
      };
      method.amounts.set(entry.amountType, sums);
    }
    return sums;
  }
}

function addTo(map: Map<string, number>, key: string, amount: number): void {
  map.set(key, (map.get(key) ?? 0) + amount);
}

const foreignList = (map: Map<string, number>): { iso: string; amountHundredths: number }[] =>
  [...map.entries()].map(([iso, amountHundredths]) => ({ iso, amountHundredths }));
