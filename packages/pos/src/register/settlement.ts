import { centsToEuros, type PaymentLineInput, type PaymentType, type Result, err, ok } from '@gks/core';

/** A payment as the operator enters it: what the customer hands over, per method. */
export interface Tender {
  readonly type: PaymentType;
  readonly amountCents: number;
}

export interface Settlement {
  /** The financials of the sale: PAYMENT lines, then ROUNDING, then TIP (C-8 notes: tips are X). */
  readonly financials: readonly PaymentLineInput[];
  /** Amount the customer owes after cash rounding. */
  readonly dueCents: number;
  readonly roundingCents: number;
  /** Cash handed back; never part of the financials. */
  readonly changeCents: number;
}

export type SettlementProblem =
  | { readonly code: 'PAYMENT_MISMATCH'; readonly dueCents: number; readonly tenderedCents: number }
  | { readonly code: 'PAYMENT_SIGN'; readonly message: string }
  | { readonly code: 'CHANGE_WITHOUT_CASH'; readonly dueCents: number; readonly tenderedCents: number };

const methodNames: Partial<Record<PaymentType, string>> = {
  CASH: 'Cash',
  CARD_DEBIT: 'Debit card',
  CARD_CREDIT: 'Credit card',
  CHEQUE_MEAL: 'Meal voucher',
  APP: 'Payment app',
};

export const cashDrawer = { id: '1', name: 'Drawer 1' } as const;

/** A payment line of one method; the method's type is its id (one id per method, as the schema wants). */
export function paymentLine(
  type: PaymentType,
  amountCents: number,
  amountType: PaymentLineInput['amountType'],
): PaymentLineInput {
  return {
    id: type,
    name: methodNames[type] ?? type,
    type,
    inputMethod: type === 'CASH' ? 'MANUAL' : 'AUTOMATIC',
    amount: centsToEuros(amountCents),
    amountType,
    ...(type === 'CASH' ? { drawer: { ...cashDrawer } } : {}),
  };
}

/** Belgian cash rounding to 5 cents: 1-2 down, 3-4 up, 6-7 down, 8-9 up, symmetric below zero. */
export function roundToFiveCents(cents: number): number {
  const magnitude = Math.round(Math.abs(cents) / 5) * 5;
  const rounded = cents < 0 ? -magnitude : magnitude;
  return rounded === 0 ? 0 : rounded;
}

/**
 * Settles a total with the tenders: a payment only in cash is rounded to 5 cents and the
 * difference is a ROUNDING line; cash may exceed what is due (the change is handed back and
 * stays out of the financials); other methods must match exactly. A tip is paid on top as a
 * TIP line and is not part of the total.
 */
export function settle(
  totalCents: number,
  tenders: readonly Tender[],
  tip: Tender | null,
): Result<Settlement, SettlementProblem> {
  const sign = Math.sign(totalCents);
  for (const tender of tenders) {
    if (tender.amountCents === 0 || (sign !== 0 && Math.sign(tender.amountCents) !== sign))
      return err({
        code: 'PAYMENT_SIGN',
        message: 'each payment must be non-zero and have the sign of the total',
      });
  }
  if (tip !== null && tip.amountCents <= 0)
    return err({ code: 'PAYMENT_SIGN', message: 'a tip must be positive' });
  const cashOnly = tenders.length > 0 && tenders.every((t) => t.type === 'CASH');
  const dueCents = cashOnly ? roundToFiveCents(totalCents) : totalCents;
  const roundingCents = totalCents - dueCents;
  const tenderedCents = tenders.reduce((sum, t) => sum + t.amountCents, 0);
  const overCents = Math.abs(tenderedCents) - Math.abs(dueCents);
  if (overCents < 0 || (sign === 0 && tenderedCents !== 0))
    return err({ code: 'PAYMENT_MISMATCH', dueCents, tenderedCents });
  const cashCents = tenders.filter((t) => t.type === 'CASH').reduce((sum, t) => sum + t.amountCents, 0);
  if (overCents > 0 && Math.abs(cashCents) < overCents)
    return err({ code: 'CHANGE_WITHOUT_CASH', dueCents, tenderedCents });

  // Change comes out of the cash: one line per method, the cash line reduced by the change.
  const perMethod = new Map<PaymentType, number>();
  for (const tender of tenders)
    perMethod.set(tender.type, (perMethod.get(tender.type) ?? 0) + tender.amountCents);
  if (overCents > 0) perMethod.set('CASH', (perMethod.get('CASH') ?? 0) - sign * overCents);
  const financials: PaymentLineInput[] = [];
  for (const [type, amount] of perMethod) {
    if (amount !== 0) financials.push(paymentLine(type, amount, 'PAYMENT'));
  }
  if (roundingCents !== 0) financials.push(paymentLine('CASH', roundingCents, 'ROUNDING'));
  if (tip !== null) financials.push(paymentLine(tip.type, tip.amountCents, 'TIP'));
  return ok({ financials, dueCents, roundingCents, changeCents: overCents });
}
