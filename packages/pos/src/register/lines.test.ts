import { validateSignInput, type SaleInput } from '@gks/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arrivalOf,
  inputLine,
  negationOf,
  openQuantities,
  priceOfQuantity,
  quantityToMilli,
  repricedLine,
  toTransaction,
  totalCents,
  type ArticleSnapshot,
  type NewLine,
  type RegisteredLine,
} from './lines.js';

const martini: ArticleSnapshot = {
  productId: '10006',
  productName: 'Dry Martini',
  departmentId: '10',
  departmentName: 'Aperitifs',
  quantityType: 'PIECE',
  unitPriceCents: 1200,
  vatLabel: 'A',
};
const salad: ArticleSnapshot = {
  ...martini,
  productId: '22003',
  productName: 'Salad bar',
  quantityType: 'KILOGRAM',
  unitPriceCents: 1619,
  vatLabel: 'B',
};

const numbered = (lines: readonly NewLine[]): RegisteredLine[] =>
  lines.map((line, i) => ({ ...line, lineNo: i + 1 }));

const sale = (lines: readonly NewLine[]): SaleInput => {
  const transaction = toTransaction(lines);
  return {
    language: 'EN',
    vatNo: 'BE0000000097',
    estNo: '2000000042',
    posId: 'CPOS0031234567',
    posFiscalTicketNo: 1,
    posDateTime: '2026-03-01T12:00:00.000+01:00',
    posSwVersion: 'test',
    deviceId: 'd',
    terminalId: 't',
    bookingPeriodId: '3e6c0a6e-2f4b-4c1d-8f57-0a9d2b7c4e10',
    bookingDate: '2026-03-01',
    ticketMedium: 'PAPER',
    employeeId: '84022899837',
    transaction,
    financials:
      transaction.transactionTotal === 0
        ? []
        : [
            {
              id: 'CASH',
              name: 'Cash',
              type: 'CASH',
              inputMethod: 'MANUAL',
              amount: transaction.transactionTotal,
              amountType: 'PAYMENT',
            },
          ],
  };
};

describe('registered lines', () => {
  it('prices a weighed quantity half away from zero, symmetric for negative quantities', () => {
    expect(priceOfQuantity(1619, 527)).toBe(853); // 8.5321
    expect(priceOfQuantity(1619, -527)).toBe(-853);
    expect(priceOfQuantity(1, 500)).toBe(1); // 0.5 cent rounds away from zero
    expect(priceOfQuantity(1, -500)).toBe(-1);
  });

  it('C-31: a correction negates part of a line with its reason and points at it', () => {
    const lines = numbered([inputLine(martini, 3000)]);
    const correction = negationOf(lines[0] as RegisteredLine, 1000, 'correction', 'CORRECTION', 'spilt');
    expect(correction).toMatchObject({
      quantityMilli: -1000,
      negReason: 'CORRECTION',
      lineTotalCents: -1200,
      correctsLine: 1,
      reason: 'spilt',
    });
    const all = numbered([...lines, correction]);
    expect(openQuantities(all).get(1)).toBe(2000);
    expect(totalCents(all)).toBe(2400);
  });

  it('a price change negates the line and registers it again with the change, both accepted by the FDM rules', () => {
    const original = numbered([inputLine(martini, 2000)])[0] as RegisteredLine;
    const lines = [
      original,
      negationOf(original, 2000, 'price_change', 'PRICE_CHANGE', null),
      repricedLine(original, 2000, { id: 'HH', name: 'Happy hour', amountCents: -400 }),
    ];
    expect(totalCents(lines)).toBe(2000);
    const checked = validateSignInput('signSale', sale(lines));
    expect(checked.ok).toBe(true);
  });

  it('a transfer leaves with the negated line and arrives with the same value', () => {
    const repriced = {
      ...repricedLine(martini as never, 2000, { id: 'HH', name: 'Happy hour', amountCents: -400 }),
      lineNo: 4,
    } as RegisteredLine;
    const leaving = negationOf(repriced, 2000, 'transfer_out', 'COST_CENTER_CHANGE', null);
    const arriving = arrivalOf(repriced, 2000);
    expect(leaving.lineTotalCents).toBe(-arriving.lineTotalCents);
    expect(leaving.priceChange?.amountCents).toBe(400);
  });

  it('property: any mix of sales and corrections gives lines the FDM validation accepts', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom(martini, salad),
            fc.integer({ min: 1, max: 20_000 }),
            fc.integer({ min: 0, max: 100 }),
          ),
          { minLength: 1, maxLength: 12 },
        ),
        (entries) => {
          const lines: RegisteredLine[] = [];
          for (const [article, rawQuantity, correctPercent] of entries) {
            const quantity =
              article.quantityType === 'PIECE'
                ? Math.max(1, Math.round(rawQuantity / 1000)) * 1000
                : rawQuantity;
            const line = { ...inputLine(article, quantity), lineNo: lines.length + 1 };
            lines.push(line);
            const corrected =
              Math.floor((quantity * correctPercent) / 100 / (article.quantityType === 'PIECE' ? 1000 : 1)) *
              (article.quantityType === 'PIECE' ? 1000 : 1);
            if (corrected > 0)
              lines.push({
                ...negationOf(line, corrected, 'correction', 'CORRECTION', 'x'),
                lineNo: lines.length + 1,
              });
          }
          expect(validateSignInput('signSale', sale(lines)).ok).toBe(true);
          expect(totalCents(lines)).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('quantities from the API', () => {
  it.each([
    [2, 'PIECE', 2000],
    [0.527, 'KILOGRAM', 527],
    [1.25, 'LITRE', 1250],
  ] as const)('%d %s -> %i thousandths', (quantity, type, milli) => {
    expect(quantityToMilli(quantity, type)).toEqual({ ok: true, value: milli });
  });

  it.each([
    [0, 'PIECE'],
    [-1, 'PIECE'],
    [1.5, 'PIECE'],
    [0.0005, 'KILOGRAM'],
    [Number.NaN, 'PIECE'],
    [Number.POSITIVE_INFINITY, 'KILOGRAM'],
    [2_000_000, 'PIECE'],
  ] as const)('refuses %d %s', (quantity, type) => {
    expect(quantityToMilli(quantity, type).ok).toBe(false);
  });
});
