import { describe, expect, it } from 'vitest';
import { roundToFiveCents, settle } from './settlement.js';

describe('cash rounding to 5 cents', () => {
  it.each([
    [1231, 1230],
    [1232, 1230],
    [1233, 1235],
    [1234, 1235],
    [1235, 1235],
    [1236, 1235],
    [1237, 1235],
    [1238, 1240],
    [1239, 1240],
    [-1233, -1235],
    [-1232, -1230],
    [0, 0],
    [2, 0],
    [-2, 0],
  ])('%i cents -> %i', (cents, rounded) => {
    expect(roundToFiveCents(cents)).toBe(rounded);
  });
});

describe('settling a total', () => {
  it('cash only: rounds, gives change, and PAYMENT + ROUNDING equal the total', () => {
    const settled = settle(1233, [{ type: 'CASH', amountCents: 2000 }], null);
    expect(settled).toMatchObject({
      ok: true,
      value: { dueCents: 1235, roundingCents: -2, changeCents: 765 },
    });
    if (!settled.ok) return;
    expect(settled.value.financials.map((f) => [f.amountType, f.amount])).toEqual([
      ['PAYMENT', 12.35],
      ['ROUNDING', -0.02],
    ]);
  });

  it('a card pays to the cent, no rounding; a tip is a TIP line outside the total', () => {
    const settled = settle(1233, [{ type: 'CARD_DEBIT', amountCents: 1233 }], {
      type: 'CARD_DEBIT',
      amountCents: 200,
    });
    expect(settled.ok && settled.value.financials.map((f) => [f.type, f.amountType, f.amount])).toEqual([
      ['CARD_DEBIT', 'PAYMENT', 12.33],
      ['CARD_DEBIT', 'TIP', 2],
    ]);
  });

  it('split payment: the card part exact, change only from cash', () => {
    const settled = settle(
      5000,
      [
        { type: 'CARD_CREDIT', amountCents: 3000 },
        { type: 'CASH', amountCents: 2500 },
      ],
      null,
    );
    expect(settled).toMatchObject({ ok: true, value: { changeCents: 500, roundingCents: 0 } });
    expect(settled.ok && settled.value.financials.map((f) => f.amount)).toEqual([30, 20]);
  });

  it('refunds settle with negative payments', () => {
    const settled = settle(-1200, [{ type: 'CASH', amountCents: -1200 }], null);
    expect(settled.ok && settled.value.financials.map((f) => f.amount)).toEqual([-12]);
  });

  it.each([
    ['too little', 5000, [{ type: 'CASH' as const, amountCents: 4000 }], 'PAYMENT_MISMATCH'],
    ['too much by card', 5000, [{ type: 'CARD_DEBIT' as const, amountCents: 6000 }], 'CHANGE_WITHOUT_CASH'],
    ['a zero payment', 5000, [{ type: 'CASH' as const, amountCents: 0 }], 'PAYMENT_SIGN'],
    ['a refund paid positive', -500, [{ type: 'CASH' as const, amountCents: 500 }], 'PAYMENT_SIGN'],
    ['nothing for a total', 500, [], 'PAYMENT_MISMATCH'],
    ['a payment for a zero total', 0, [{ type: 'CASH' as const, amountCents: 100 }], 'PAYMENT_MISMATCH'],
  ])('refuses %s', (_name, total, tenders, code) => {
    expect(settle(total, tenders, null)).toMatchObject({ ok: false, error: { code } });
  });

  it('refuses a negative tip; a zero total settles with no lines', () => {
    expect(
      settle(500, [{ type: 'CASH', amountCents: 500 }], { type: 'CASH', amountCents: -100 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'PAYMENT_SIGN' },
    });
    expect(settle(0, [], null)).toMatchObject({ ok: true, value: { financials: [] } });
  });
});
