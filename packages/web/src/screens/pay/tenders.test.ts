import { describe, expect, it } from 'vitest';
import { parseAmount, previewPayment, roundToFiveCents } from './tenders.js';

describe('roundToFiveCents (cash rounding)', () => {
  it.each([
    [1001, 1000],
    [1002, 1000],
    [1003, 1005],
    [1004, 1005],
    [1006, 1005],
    [1007, 1005],
    [1008, 1010],
    [1009, 1010],
    [1000, 1000],
    [-1003, -1005],
    [-1002, -1000],
    [2, 0],
    [-2, 0],
  ])('%i cents -> %i', (cents, rounded) => {
    expect(roundToFiveCents(cents)).toBe(rounded);
  });
});

describe('previewPayment', () => {
  it('rounds a cash payment and gives change', () => {
    const p = previewPayment(1853, [{ type: 'CASH', amountCents: 2000 }]);
    expect(p).toMatchObject({ dueCents: 1855, changeCents: 145, remainingCents: 0, complete: true });
  });

  it('does not round when a card pays part', () => {
    const p = previewPayment(1853, [
      { type: 'CASH', amountCents: 1000 },
      { type: 'CARD_DEBIT', amountCents: 853 },
    ]);
    expect(p).toMatchObject({ dueCents: 1853, changeCents: 0, remainingCents: 0, complete: true });
  });

  it('shows what is still to pay and is not complete before that', () => {
    const p = previewPayment(4000, [{ type: 'CHEQUE_MEAL', amountCents: 1600 }]);
    expect(p).toMatchObject({ remainingCents: 2400, complete: false });
  });

  it('refuses change out of a card payment', () => {
    const p = previewPayment(1000, [{ type: 'CARD_DEBIT', amountCents: 1200 }]);
    expect(p.complete).toBe(false);
  });

  it('is not complete without any tender', () => {
    expect(previewPayment(1000, []).complete).toBe(false);
    expect(previewPayment(0, []).complete).toBe(true);
  });

  it('works for a refund paid back in cash (negative amounts)', () => {
    const p = previewPayment(-1853, [{ type: 'CASH', amountCents: -1855 }]);
    expect(p).toMatchObject({ dueCents: -1855, changeCents: 0, remainingCents: 0, complete: true });
  });
});

describe('parseAmount', () => {
  it('reads euros with a comma or a point', () => {
    expect(parseAmount('12,5')).toBe(1250);
    expect(parseAmount('12.05')).toBe(1205);
    expect(parseAmount('7')).toBe(700);
    expect(parseAmount('0,01')).toBe(1);
  });
  it.each(['', ',', '1,234', '-5', '1e2', 'abc', '1.2.3', '1234567'])('refuses %j', (text) => {
    expect(parseAmount(text)).toBeNull();
  });
});
