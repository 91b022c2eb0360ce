import type { Tender } from '../../api/types.js';

/** Belgian cash rounding to 5 cents (1-2 down, 3-4 up, 6-7 down, 8-9 up), symmetric below zero. */
export function roundToFiveCents(cents: number): number {
  const magnitude = Math.round(Math.abs(cents) / 5) * 5;
  const rounded = cents < 0 ? -magnitude : magnitude;
  return rounded === 0 ? 0 : rounded;
}

export interface PaymentPreview {
  /** What the customer owes: rounded to 5 cents when everything is paid in cash. */
  readonly dueCents: number;
  readonly tenderedCents: number;
  /** Still to pay; zero when enough was handed over. */
  readonly remainingCents: number;
  /** Cash to hand back. */
  readonly changeCents: number;
  /** Whether the tenders settle the bill (the server decides; this only enables the button). */
  readonly complete: boolean;
}

/**
 * What the pay screen shows while tenders are entered, by the same rules the server settles with:
 * rounding only for a payment all in cash, change only out of cash, other methods exact.
 */
export function previewPayment(totalCents: number, tenders: readonly Tender[]): PaymentPreview {
  const cashOnly = tenders.length === 0 || tenders.every((t) => t.type === 'CASH');
  const dueCents = cashOnly ? roundToFiveCents(totalCents) : totalCents;
  const sign = totalCents < 0 ? -1 : 1;
  const tenderedCents = tenders.reduce((sum, t) => sum + t.amountCents, 0);
  const over = sign * tenderedCents - sign * dueCents;
  const cashCents =
    sign * tenders.filter((t) => t.type === 'CASH').reduce((sum, t) => sum + t.amountCents, 0);
  const changeCents = over > 0 ? over : 0;
  const complete = (tenders.length > 0 || dueCents === 0) && over >= 0 && changeCents <= cashCents;
  return { dueCents, tenderedCents, remainingCents: over < 0 ? -over : 0, changeCents, complete };
}

/** Euros typed on the keypad ("12,5" or "12.50") to cents; null when it is not an amount. */
export function parseAmount(text: string): number | null {
  const normalized = text.trim().replace(',', '.');
  if (!/^\d{1,6}(\.\d{0,2})?$/.test(normalized)) return null;
  const [whole = '0', fraction = ''] = normalized.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}
