import { describe, expect, it } from 'vitest';
import type { SignMutation, SignMutationInputs } from '../fdm-api/types.js';
import { signMutations } from '../fdm-api/types.js';
import { dryMartini, fodSamples } from './fod-samples.js';
import { fdmInputSubCodes } from './sub-codes.js';
import { validateSignInput } from './validate-sign-input.js';

const sample = <M extends SignMutation>(mutation: M): SignMutationInputs[M] =>
  structuredClone(fodSamples[mutation]);

describe('validateSignInput: valid FOD samples', () => {
  it.each(signMutations)('accepts the sample %s', (mutation) => {
    const result = validateSignInput(mutation, sample(mutation));
    expect(result.ok ? [] : result.error).toEqual([]);
  });

  it('returns the sale per VAT label in cents and its total (M110: 24.00 A, 28.00 B)', () => {
    const result = validateSignInput('signSale', sample('signSale'));
    expect(result.ok && result.value).toMatchObject({
      mutation: 'signSale',
      vatTotals: [
        { label: 'A', totalCents: 2400 },
        { label: 'B', totalCents: 2800 },
      ],
      transactionTotalCents: 5200,
    });
  });

  it('counts composite lines through their sub-products, price changes included', () => {
    const result = validateSignInput('signPreBill', sample('signPreBill'));
    expect(result.ok && result.value.vatTotals).toEqual([
      { label: 'A', totalCents: 2650 },
      { label: 'B', totalCents: 5360 },
    ]);
    expect(result.ok && result.value.transactionTotalCents).toBe(8010);
  });

  it('gives a cost-center change the total of its to side and no VAT totals', () => {
    const result = validateSignInput('signCostCenterChange', sample('signCostCenterChange'));
    expect(result.ok && result.value.transactionTotalCents).toBe(4000);
    expect(result.ok && result.value.vatTotals).toEqual([]);
  });

  it('gives inputs without a transaction no totals', () => {
    const result = validateSignInput('signWorkIn', sample('signWorkIn'));
    expect(result.ok && result.value.vatTotals).toEqual([]);
    expect(result.ok && result.value.transactionTotalCents).toBeUndefined();
  });

  it('accepts a cancelled table: an empty sale of 0 without payment lines', () => {
    const data = sample('signSale');
    data.costCenter = { id: 'T1', type: 'TABLE', reference: 'O158' };
    data.transaction = { transactionLines: [], transactionTotal: 0 };
    data.financials = [];
    const result = validateSignInput('signSale', data);
    expect(result.ok && result.value).toMatchObject({ vatTotals: [], transactionTotalCents: 0 });
  });

  it('accepts a full refund (M111): negative quantities with REFUND, positive unit prices, negative payment', () => {
    const data = sample('signSale');
    data.fdmRef = { ...sample('signCopy').fdmRef, eventCounter: 14, totalCounter: 50 };
    for (const line of data.transaction.transactionLines) {
      line.mainProduct.quantity = -line.mainProduct.quantity;
      line.mainProduct.negQuantityReason = 'REFUND';
      for (const vat of line.mainProduct.vats) vat.price = -vat.price;
      line.lineTotal = -line.lineTotal;
    }
    data.transaction.transactionTotal = -52;
    data.financials = data.financials.map((line) => ({ ...line, amount: -52 }));
    const result = validateSignInput('signSale', data);
    expect(result.ok && result.value.vatTotals).toEqual([
      { label: 'A', totalCents: -2400 },
      { label: 'B', totalCents: -2800 },
    ]);
  });

  it('keeps TIP lines out of the settlement and lets ROUNDING lines settle up to 2 cents', () => {
    const data = sample('signSale');
    data.financials = [
      { id: '1', name: 'CASH', type: 'CASH', inputMethod: 'MANUAL', amount: 51.98, amountType: 'PAYMENT' },
      {
        id: '9',
        name: 'ROUNDING',
        type: 'CASH',
        inputMethod: 'AUTOMATIC',
        amount: 0.02,
        amountType: 'ROUNDING',
      },
      { id: '2', name: 'VISA', type: 'CARD_CREDIT', inputMethod: 'AUTOMATIC', amount: 3, amountType: 'TIP' },
    ];
    expect(validateSignInput('signSale', data).ok).toBe(true);
  });

  it('compares amounts in cents, so float sums like 0.1 + 0.2 do not fail', () => {
    const data = sample('signOrder');
    data.transaction = {
      transactionLines: [0.1, 0.2].map((euros) => {
        const line = dryMartini(1);
        line.mainProduct.unitPrice = euros;
        line.mainProduct.vats = [{ label: 'A', price: euros }];
        line.lineTotal = euros;
        return line;
      }),
      transactionTotal: 0.1 + 0.2,
    };
    expect(validateSignInput('signOrder', data).ok).toBe(true);
  });

  it('accepts the special employees: robot 00000000029 and technician 00000000097', () => {
    for (const employeeId of ['00000000029', '00000000097']) {
      expect(validateSignInput('signWorkIn', { ...sample('signWorkIn'), employeeId }).ok).toBe(true);
    }
  });

  it('accepts "NA" and foreign EU VAT numbers as the invoiced customer', () => {
    for (const customerVatNo of ['NA', 'NL123456789B01', 'EL123456789', 'FRXX999999999']) {
      const result = validateSignInput('signInvoice', { ...sample('signInvoice'), customerVatNo });
      expect(result.ok ? [] : result.error).toEqual([]);
    }
  });

  it('accepts negativeCorrections written as a magnitude as well as signed', () => {
    const data = sample('signReportTurnoverZ');
    for (const payment of data.turnover.payments) {
      for (const amount of payment.amount) amount.negativeCorrections = 52;
    }
    expect(validateSignInput('signReportTurnoverZ', data).ok).toBe(true);
  });

  it('accepts references to training events (label T) in training refunds, corrections and copies', () => {
    const training = { ...fodSamples.signCopy.fdmRef, eventLabel: 'T' as const };
    expect(validateSignInput('signCopy', { ...sample('signCopy'), fdmRef: training }).ok).toBe(true);
    const correction = { ...sample('signPaymentCorrection'), fdmRef: training };
    expect(validateSignInput('signPaymentCorrection', correction).ok).toBe(true);
  });

  it('documents every sub-code once', () => {
    expect(new Set(fdmInputSubCodes).size).toBe(fdmInputSubCodes.length);
    for (const code of fdmInputSubCodes) expect(code).toMatch(/^[A-Z][A-Z0-9_]*$/);
  });
});
