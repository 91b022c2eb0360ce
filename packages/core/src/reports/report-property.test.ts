import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TransactionLineInput, VatLabel } from '../fdm-api/types.js';
import { fodBase, fodSamples } from '../fdm-input/fod-samples.js';
import { validateSignInput } from '../fdm-input/validate-sign-input.js';
import { eurosToCents } from '../money/money.js';
import { EventLog, reportCommon } from './sample-events.js';
import { computeTurnoverReport } from './turnover-report.js';
import { computeUserReport } from './user-report.js';

const employees = ['84022899837', '80113078968'] as const;

interface LineSpec {
  label: VatLabel;
  quantity: number;
  unitCents: number;
  reason: 'REFUND' | 'CORRECTION';
  discountCents: number;
  department: string;
}

const lineArb: fc.Arbitrary<LineSpec> = fc.record({
  label: fc.constantFrom<VatLabel>('A', 'B', 'C', 'D', 'X'),
  quantity: fc.integer({ min: -3, max: 5 }).filter((q) => q !== 0),
  unitCents: fc.integer({ min: 0, max: 20_000 }),
  reason: fc.constantFrom('REFUND', 'CORRECTION') as fc.Arbitrary<'REFUND' | 'CORRECTION'>,
  discountCents: fc.integer({ min: 0, max: 500 }),
  department: fc.constantFrom('10', '20', '22'),
});

const saleArb = fc.record({
  lines: fc.array(lineArb, { maxLength: 6 }),
  isTraining: fc.boolean(),
  employee: fc.constantFrom(...employees),
  withDrawerOpen: fc.boolean(),
});

function toLine(line: LineSpec): TransactionLineInput {
  const priceCents = line.unitCents * line.quantity;
  // a discount only on sold lines, never more than the line's price
  const discount = line.quantity > 0 ? Math.min(line.discountCents, priceCents) : 0;
  const totalCents = priceCents - discount;
  return {
    lineType: 'SINGLE_PRODUCT',
    mainProduct: {
      productId: `P${line.department}`,
      productName: 'Product',
      departmentId: line.department,
      departmentName: `Department ${line.department}`,
      quantity: line.quantity,
      quantityType: 'PIECE',
      ...(line.quantity < 0 ? { negQuantityReason: line.reason } : {}),
      unitPrice: line.unitCents / 100,
      vats: [
        {
          label: line.label,
          price: priceCents / 100,
          priceChanges:
            discount > 0
              ? [{ id: 'D', name: 'DISCOUNT', scope: 'LINE', type: 'PUBLIC', amount: -discount / 100 }]
              : [],
        },
      ],
    },
    lineTotal: totalCents / 100,
  };
}

const cents = (euros: number): number => {
  const value = eurosToCents(euros);
  if (!value.ok) throw new Error(value.error.message);
  return value.value;
};

describe('report totals (property)', () => {
  it('the turnover is the sum of the N events transactionTotal, training excluded; every view adds up to it', () => {
    fc.assert(
      fc.property(fc.array(saleArb, { maxLength: 12 }), (sales) => {
        const log = new EventLog();
        let expected = 0;
        for (const sale of sales) {
          const lines = sale.lines.map(toLine);
          const totalCents = lines.reduce((sum, line) => sum + cents(line.lineTotal), 0);
          log.sign(
            'signSale',
            {
              ...fodBase,
              employeeId: sale.employee,
              transaction: { transactionLines: lines, transactionTotal: totalCents / 100 },
              financials: [
                {
                  id: '1',
                  name: 'CASH',
                  type: 'CASH',
                  inputMethod: 'MANUAL',
                  amount: totalCents / 100,
                  amountType: 'PAYMENT',
                },
              ],
            },
            sale.isTraining,
          );
          if (!sale.isTraining) expected += totalCents;
          if (sale.withDrawerOpen) log.sign('signDrawerOpen', fodSamples.signDrawerOpen);
        }
        const turnover = computeTurnoverReport(log.events);
        const users = computeUserReport(log.events);
        if (!turnover.ok || !users.ok) throw new Error('report refused');
        const { report } = turnover.value;
        expect(report.turnover.totalCents).toBe(expected);
        expect(report.departments.reduce((sum, d) => sum + d.totalCents, 0)).toBe(expected);
        expect(report.vatTotals.total.totalCents).toBe(expected);
        for (const rate of report.vatRates) {
          for (const key of ['taxableCents', 'vatCents', 'totalCents'] as const) {
            expect(rate.sales[key] + rate.refunds[key]).toBe(rate.total[key]);
          }
          expect(rate.total.taxableCents + rate.total.vatCents).toBe(rate.total.totalCents);
        }
        expect(report.payments.reduce((sum, p) => sum + p.totalCents, 0)).toBe(expected);
        expect(users.value.report.users.reduce((sum, u) => sum + u.turnover.totalCents, 0)).toBe(expected);
        const x = validateSignInput('signReportTurnoverX', {
          ...reportCommon,
          posDevices: turnover.value.posDevices,
          fdmDevices: turnover.value.fdmDevices,
          turnover: turnover.value.turnover,
        });
        expect(x.ok ? [] : x.error).toEqual([]);
        const u = validateSignInput('signReportUserX', {
          ...reportCommon,
          posDevices: users.value.posDevices,
          fdmDevices: users.value.fdmDevices,
          users: users.value.users,
        });
        expect(u.ok ? [] : u.error).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
