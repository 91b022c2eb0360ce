import { describe, expect, it } from 'vitest';
import type { SaleInput, SignResult, TransactionLineInput } from '../fdm-api/types.js';
import { burger, dryMartini, fodBase, fodSamples, table1 } from '../fdm-input/fod-samples.js';
import { validateSignInput } from '../fdm-input/validate-sign-input.js';
import type { SignedEvent } from './period-events.js';
import { barDay, cash, cashInOut, refundOf } from './sample-day.js';
import { EventLog, reportCommon } from './sample-events.js';
import { computeTurnoverReport } from './turnover-report.js';

function computed(events: readonly SignedEvent[]) {
  const report = computeTurnoverReport(events);
  if (!report.ok) throw new Error(JSON.stringify(report.error));
  return report.value;
}

describe('computeTurnoverReport: a day at the bar, figures by hand', () => {
  const { log } = barDay();
  const { report, turnover, posDevices, fdmDevices } = computed(log.events);

  it('C-48: turnover NS+NR is 52,00 - 52,00 + 13,42 over 3 VAT tickets; training stays out', () => {
    expect(report.turnover).toEqual({ count: 3, totalCents: 1342 });
    expect(report.training).toEqual({ count: 1, totalCents: 2800 });
    expect(turnover.transactions).toEqual([
      { eventLabel: 'N', ticketCount: 3, amount: 13.42 },
      { eventLabel: 'P', ticketCount: 2, amount: 25.36 },
      { eventLabel: 'I', ticketCount: 1, amount: 52 },
      { eventLabel: 'T', ticketCount: 1, amount: 28 },
    ]);
  });

  it('C-48: departments are net of refunds and corrections and add up to the turnover', () => {
    expect(turnover.departments).toEqual([
      { departmentId: '10', departmentName: 'Aperitifs', amount: 10.82 },
      { departmentId: '22', departmentName: 'Main Dishes', amount: 0 },
      { departmentId: '20', departmentName: 'Soft drinks', amount: 2.6 },
    ]);
  });

  it('C-48: taxable base and VAT per rate, split sales (NS) and refunds (NR)', () => {
    expect(report.vatRates).toEqual([
      {
        label: 'A',
        ratePercent: 21,
        sales: { taxableCents: 3092, vatCents: 650, totalCents: 3742 },
        refunds: { taxableCents: -1983, vatCents: -417, totalCents: -2400 },
        total: { taxableCents: 1109, vatCents: 233, totalCents: 1342 },
      },
      {
        label: 'B',
        ratePercent: 12,
        sales: { taxableCents: 2500, vatCents: 300, totalCents: 2800 },
        refunds: { taxableCents: -2500, vatCents: -300, totalCents: -2800 },
        total: { taxableCents: 0, vatCents: 0, totalCents: 0 },
      },
    ]);
    expect(turnover.vats).toEqual([
      { label: 'A', rate: 21, taxableAmount: 11.09, vatAmount: 2.33, totalAmount: 13.42 },
      { label: 'B', rate: 12, taxableAmount: 0, vatAmount: 0, totalAmount: 0 },
    ]);
    expect(report.vatTotals.total).toEqual({ taxableCents: 1109, vatCents: 233, totalCents: 1342 });
  });

  it('C-48: refunds (NR) 1 ticket of -52,00; pro forma 2 tickets of 25,36', () => {
    expect(report.refunds).toEqual({ count: 1, totalCents: -5200 });
    expect(report.proForma).toEqual({ count: 2, totalCents: 2536 });
  });

  it('payments per method: sales as normal amounts, the payment correction apart; tips and rounding per type', () => {
    expect(turnover.payments).toEqual([
      {
        id: '1',
        name: 'CASH',
        type: 'CASH',
        amount: [
          {
            type: 'PAYMENT',
            normalAmount: 13.4,
            negativeCorrections: -52,
            positiveCorrections: 0,
            correctionsCount: 1,
            totalAmount: -38.6,
          },
          {
            type: 'TIP',
            normalAmount: 1,
            negativeCorrections: 0,
            positiveCorrections: 0,
            correctionsCount: 0,
            totalAmount: 1,
          },
          {
            type: 'ROUNDING',
            normalAmount: 0.02,
            negativeCorrections: 0,
            positiveCorrections: 0,
            correctionsCount: 0,
            totalAmount: 0.02,
          },
        ],
      },
      {
        id: '2',
        name: 'MASTERCARD',
        type: 'CARD_CREDIT',
        amount: [
          {
            type: 'PAYMENT',
            normalAmount: 0,
            negativeCorrections: 0,
            positiveCorrections: 52,
            correctionsCount: 1,
            totalAmount: 52,
          },
        ],
      },
    ]);
  });

  it('C-48: drawer content at the end: cash in 14,40 (rounding is no cash), float 100,00, correction -52,00', () => {
    expect(report.drawers).toEqual([
      {
        drawerId: '1',
        drawerName: 'Drawer 1',
        openingCents: 0,
        cashPaymentsCents: 1440,
        cashCorrectionsCents: -5200,
        moneyInOutCents: 10000,
        lastDeclaredCents: null,
        contentCents: 6240,
      },
    ]);
    expect(report.drawerOpeningsWithoutSale).toBe(1);
    expect(turnover.drawersOpenCount).toBe(1);
  });

  it('C-48: discounts per kind, PUBLIC only; corrections and refunds per reason with units, lines and tickets', () => {
    expect(turnover.priceChanges).toEqual([
      {
        id: '4_10P',
        name: 'DISCOUNT_10P',
        type: 'PUBLIC',
        amount: [{ label: 'A', negative: -1.18, positive: 0 }],
      },
    ]);
    expect(report.priceChanges[0]?.count).toBe(1);
    expect(turnover.negQuantities).toEqual([
      { negQuantityReason: 'REFUND', negQuantityCount: 3, ticketCount: 1, amount: -52 },
      { negQuantityReason: 'CORRECTION', negQuantityCount: 2, ticketCount: 2, amount: -14.6 },
    ]);
  });

  it('C-48: invoices with the amount of the sales they cover', () => {
    expect(turnover.invoices).toEqual([{ invoiceNo: '20240005', amount: 52 }]);
    expect(report.invoices).toEqual({
      count: 1,
      totalCents: 5200,
      items: [{ invoiceNo: '20240005', totalCents: 5200 }],
    });
  });

  it('C-48: registers and FDM covered, first to last event', () => {
    expect(posDevices).toEqual([
      {
        posId: 'CPOS0031234567',
        terminalId: 'TER-1-BAR',
        firstPosDateTime: '2025-06-12T10:01:00+02:00',
        lastPosDateTime: '2025-06-12T10:12:00+02:00',
      },
    ]);
    expect(fdmDevices).toEqual([
      {
        fdmId: 'FOD01000001',
        firstFdmDateTime: '2025-06-12T08:01:01Z',
        firstTotalCounter: 41,
        lastFdmDateTime: '2025-06-12T08:12:01Z',
        lastTotalCounter: 52,
      },
    ]);
  });

  it('the X and Z inputs pass the FDM input validation', () => {
    const x = validateSignInput('signReportTurnoverX', { ...reportCommon, posDevices, fdmDevices, turnover });
    expect(x.ok ? [] : x.error).toEqual([]);
    const z = validateSignInput('signReportTurnoverZ', {
      ...reportCommon,
      reportNo: 1,
      reportBookingDate: '2025-06-12',
      posDevices,
      fdmDevices,
      turnover,
    });
    expect(z.ok ? [] : z.error).toEqual([]);
  });
});

describe('computeTurnoverReport: special cases', () => {
  it('an empty period gives a valid report of zeros', () => {
    const { turnover, posDevices, fdmDevices, report } = computed([]);
    expect(report.turnover).toEqual({ count: 0, totalCents: 0 });
    expect(report.scope).toEqual({ from: null, to: null, registers: [], fdms: [] });
    expect(turnover.transactions.map((t) => [t.eventLabel, t.ticketCount, t.amount])).toEqual([
      ['N', 0, 0],
      ['P', 0, 0],
      ['I', 0, 0],
      ['T', 0, 0],
    ]);
    const z = validateSignInput('signReportTurnoverZ', {
      ...reportCommon,
      reportNo: 7,
      reportBookingDate: '2025-06-12',
      posDevices,
      fdmDevices,
      turnover,
    });
    expect(z.ok).toBe(true);
  });

  it('a table sale does not count again the corrections its orders signed; a direct sale does', () => {
    const log = new EventLog();
    const corrected: TransactionLineInput = {
      ...dryMartini(1),
      mainProduct: {
        ...dryMartini(1).mainProduct,
        quantity: -1,
        negQuantityReason: 'CORRECTION',
        vats: [{ label: 'A', price: -12 }],
      },
      lineTotal: -12,
    };
    const lines = { transactionLines: [dryMartini(2), corrected], transactionTotal: 12 };
    log.sign('signSale', { ...fodBase, costCenter: table1, transaction: lines, financials: [cash(12)] });
    expect(computed(log.events).report.reductions).toEqual([]);
    log.sign('signSale', { ...fodBase, transaction: lines, financials: [cash(12)] });
    expect(computed(log.events).report.reductions).toEqual([
      { reason: 'CORRECTION', quantity: 1, lineCount: 1, ticketCount: 1, totalCents: -1200 },
    ]);
  });

  it('a partial refund in one ticket splits its VAT: the refunded Dry Martini under refunds, the burger under sales', () => {
    const log = new EventLog();
    log.sign('signSale', {
      ...fodBase,
      transaction: { transactionLines: [refundOf(dryMartini(1)), burger()], transactionTotal: 16 },
      financials: [cash(16)],
    });
    const { report } = computed(log.events);
    expect(report.refunds).toEqual({ count: 1, totalCents: -1200 });
    expect(report.vatRates.map((r) => [r.label, r.sales.totalCents, r.refunds])).toEqual([
      ['A', 0, { taxableCents: -992, vatCents: -208, totalCents: -1200 }],
      ['B', 2800, { taxableCents: 0, vatCents: 0, totalCents: 0 }],
    ]);
  });

  it('uses the FDM vatCalc; only a stored answer without it is recomputed by the same rule', () => {
    const log = new EventLog();
    log.sign('signSale', fodSamples.signSale);
    const event = log.events[0] as SignedEvent;
    const withoutVatCalc = { ...event, result: { ...event.result, vatCalc: null } } as SignedEvent;
    expect(computed([withoutVatCalc]).report.vatRates).toEqual(computed([event]).report.vatRates);
    // a figure of the FDM wins over our computation (its rate table could differ)
    const fdmSaid = {
      ...event,
      result: {
        ...event.result,
        vatCalc: [
          { label: 'A', rate: 20, taxableAmount: 20, vatAmount: 4, totalAmount: 24, outOfScope: false },
          { label: 'B', rate: 12, taxableAmount: 25, vatAmount: 3, totalAmount: 28, outOfScope: false },
        ],
      } satisfies SignResult,
    } as SignedEvent;
    expect(computed([fdmSaid]).turnover.vats[0]).toEqual({
      label: 'A',
      rate: 20,
      taxableAmount: 20,
      vatAmount: 4,
      totalAmount: 24,
    });
  });

  it('a drawer declaration replaces the expected content; later cash adds to it', () => {
    const log = new EventLog();
    log.sign('signSale', { ...fodSamples.signSale, financials: [cash(52)] });
    log.sign('signMoneyInOut', {
      ...fodBase,
      financials: [{ ...cashInOut, amount: 500, amountType: 'DRAWER_DECLARATION' }],
    });
    log.sign('signSale', { ...fodSamples.signSale, financials: [cash(52)] });
    const drawer = computeTurnoverReport(log.events, { openingDrawerCents: { '1': 15000 } });
    if (!drawer.ok) throw new Error('refused');
    expect(drawer.value.report.drawers).toEqual([
      {
        drawerId: '1',
        drawerName: 'Drawer 1',
        openingCents: 15000,
        cashPaymentsCents: 10400,
        cashCorrectionsCents: 0,
        moneyInOutCents: 0,
        lastDeclaredCents: 50000,
        contentCents: 55200,
      },
    ]);
  });

  it('an invoice of a sale before the period needs that sale as context, else the report is refused', () => {
    const earlier = new EventLog();
    const sale = earlier.sign('signSale', fodSamples.signSale);
    const log = new EventLog();
    log.sign('signInvoice', { ...fodSamples.signInvoice, fdmRefs: [{ ...sale.result.fdmRef }] });
    const refused = computeTurnoverReport(log.events);
    expect(refused.ok ? [] : refused.error).toEqual([
      { code: 'UNKNOWN_INVOICED_SALE', event: 0, invoiceNo: '20240005', fdmRef: sale.result.fdmRef },
    ]);
    const known = computeTurnoverReport(log.events, { referencedSales: [sale] });
    expect(known.ok && known.value.report.invoices.totalCents).toBe(5200);
    expect(known.ok && known.value.report.turnover).toEqual({ count: 0, totalCents: 0 });
  });

  it.each([
    ['three decimals', 52.001],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a string', '52' as unknown as number],
  ])('refuses damaged stored amounts (%s) instead of printing a wrong total', (_name, amount) => {
    const log = new EventLog();
    log.sign('signWorkIn', fodBase);
    log.sign('signSale', fodSamples.signSale);
    const event = log.events[1] as SignedEvent & { request: SaleInput };
    const damaged = {
      ...event,
      request: { ...event.request, transaction: { ...event.request.transaction, transactionTotal: amount } },
    } as SignedEvent;
    const report = computeTurnoverReport([log.events[0] as SignedEvent, damaged]);
    expect(report.ok).toBe(false);
    if (!report.ok) {
      expect(report.error).toContainEqual(
        expect.objectContaining({ code: 'INVALID_AMOUNT', event: 1, field: 'transaction.transactionTotal' }),
      );
    }
  });

  it('refuses a stored event whose posDateTime is not a time', () => {
    const log = new EventLog();
    log.sign('signWorkIn', fodBase);
    const event = log.events[0] as SignedEvent;
    const damaged = { ...event, request: { ...event.request, posDateTime: 'yesterday' } } as SignedEvent;
    const report = computeTurnoverReport([damaged]);
    expect(report.ok ? [] : report.error.map((p) => p.code)).toEqual(['INVALID_DATE_TIME']);
  });

  it('training events count nowhere but in the training figures', () => {
    const log = new EventLog();
    log.sign('signSale', { ...fodSamples.signSale, financials: [cash(52)] }, true);
    log.sign('signDrawerOpen', fodSamples.signDrawerOpen, true);
    log.sign('signOrder', fodSamples.signOrder, true);
    log.sign('signPaymentCorrection', fodSamples.signPaymentCorrection, true);
    const { report, turnover } = computed(log.events);
    expect(report.training).toEqual({ count: 1, totalCents: 5200 });
    expect(report.turnover.totalCents).toBe(0);
    expect(report.proForma.count).toBe(0);
    expect(report.drawerOpeningsWithoutSale).toBe(0);
    expect(turnover.payments).toEqual([]);
    expect(turnover.vats).toEqual([]);
    expect(report.drawers).toEqual([]);
  });
});
