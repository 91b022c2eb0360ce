/**
 * Test support: a day at the bar as signed events, every figure computed by hand in the
 * tests that use it. Not exported from the package.
 */
import type { TransactionLineInput } from '../fdm-api/types.js';
import {
  burger,
  dryMartini,
  fodBase,
  fodCash,
  fodCashInOut,
  fodOrderFor,
  fodRefundOf,
  fodSaleOf,
  fodSamples,
  fodTransaction,
  negatedLine,
  table1,
} from '../fdm-input/fod-samples.js';
import type { SignedEvent } from './period-events.js';
import { EventLog } from './sample-events.js';

const bob = fodSamples.signWorkIn.employeeId;
export const cash = fodCash;
export const cashInOut = fodCashInOut();
export const refundOf = (line: TransactionLineInput): TransactionLineInput => negatedLine(line, 'REFUND');

const cola = (quantity: number): TransactionLineInput => ({
  lineType: 'SINGLE_PRODUCT',
  mainProduct: {
    productId: '20001',
    productName: 'Cola',
    departmentId: '20',
    departmentName: 'Soft drinks',
    quantity,
    quantityType: 'PIECE',
    ...(quantity < 0 ? { negQuantityReason: 'CORRECTION' as const } : {}),
    unitPrice: 2.6,
    vats: [{ label: 'A', price: Math.round(2.6 * quantity * 100) / 100 }],
  },
  lineTotal: Math.round(2.6 * quantity * 100) / 100,
});

/** Dry Martini with a public 1,18 discount: 10,82. */
const discountedMartini: TransactionLineInput = {
  ...dryMartini(1),
  mainProduct: {
    ...dryMartini(1).mainProduct,
    vats: [
      {
        label: 'A',
        price: 12,
        priceChanges: [{ id: '4_10P', name: 'DISCOUNT_10P', scope: 'LINE', type: 'PUBLIC', amount: -1.18 }],
      },
    ],
  },
  lineTotal: 10.82,
};

/**
 * A day at the bar, each figure computed by hand below:
 * - sale 1 (Ann): FOD M110, 2 Dry Martini 24,00 A + Burger 28,00 B = 52,00 cash;
 * - the refund of sale 1: -52,00 (A -19,83/-4,17, B -25,00/-3,00), cash back;
 * - sale 3 (Bob): Dry Martini 12,00 - 1,18 discount, 2 Cola 5,20, one Cola corrected -2,60:
 *   13,42 A (taxable 11,09, VAT 2,33), paid 13,40 cash + 0,02 rounding + 1,00 tip;
 * - a training sale of a burger (28,00); an order of 37,36 and a correction order of -12,00;
 * - a drawer opened without a sale, 100,00 float in, the FOD payment correction of sale 1
 *   (cash -52,00 to Mastercard +52,00) and the invoice of sale 1.
 */
export function barDay(): { log: EventLog; sale1: SignedEvent } {
  const log = new EventLog();
  log.sign('signWorkIn', { ...fodBase, employeeId: bob });
  const sale1 = log.sign('signSale', fodSamples.signSale);
  log.sign('signSale', fodRefundOf(sale1.result.fdmRef));
  log.sign('signSale', {
    ...fodSaleOf([discountedMartini, cola(2), cola(-1)]),
    employeeId: bob,
    financials: [cash(13.4), cash(0.02, 'ROUNDING'), cash(1, 'TIP')],
  });
  log.sign('signSale', fodSaleOf([burger()]), true);
  log.sign('signOrder', fodSamples.signOrder);
  log.sign(
    'signOrder',
    fodOrderFor(table1, { transaction: fodTransaction([negatedLine(dryMartini(1), 'CORRECTION')]) }),
  );
  log.sign('signDrawerOpen', fodSamples.signDrawerOpen);
  log.sign('signMoneyInOut', fodSamples.signMoneyInOut);
  log.sign('signPaymentCorrection', {
    ...fodSamples.signPaymentCorrection,
    fdmRef: { ...sale1.result.fdmRef },
    financials: fodSamples.signPaymentCorrection.financials.map((line) =>
      line.type === 'CASH' ? { ...line, drawer: { id: '1', name: 'Drawer 1' } } : line,
    ),
  });
  log.sign('signInvoice', { ...fodSamples.signInvoice, fdmRefs: [{ ...sale1.result.fdmRef }] });
  log.sign('signWorkOut', { ...fodBase, employeeId: bob });
  return { log, sale1 };
}
