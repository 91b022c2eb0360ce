import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signMutations } from '../fdm-api/types.js';
import { eventLabelOf, eventOperationOf, labelFor } from './event-labels.js';

// The label table of fdm-v2-notes and the schema's mutation comments, written out independently.
const expected = [
  ['signSale', 'N', 'SALE'],
  ['signInvoice', 'I', 'INVOICE'],
  ['signOrder', 'P', 'ORDER'],
  ['signCostCenterChange', 'P', 'COST_CENTER_CHANGE'],
  ['signPreBill', 'P', 'PRE_BILL'],
  ['signMoneyInOut', 'F', 'MONEY_IN_OUT'],
  ['signDrawerOpen', 'F', 'DRAWER_OPEN'],
  ['signPaymentCorrection', 'F', 'PAYMENT_CORRECTION'],
  ['signWorkIn', 'S', 'WORK_IN'],
  ['signWorkOut', 'S', 'WORK_OUT'],
  ['signCopy', 'C', 'COPY'],
  ['signReportTurnoverX', 'R', 'REPORT_TURNOVER_X'],
  ['signReportTurnoverZ', 'R', 'REPORT_TURNOVER_Z'],
  ['signReportUserX', 'R', 'REPORT_USER_X'],
  ['signReportUserZ', 'R', 'REPORT_USER_Z'],
] as const;

describe('event labels and operations of the 15 sign mutations', () => {
  it('covers every mutation of the API, no more', () => {
    expect(expected.map(([m]) => m).sort()).toEqual([...signMutations].sort());
    expect(Object.keys(eventLabelOf).sort()).toEqual([...signMutations].sort());
    expect(Object.keys(eventOperationOf).sort()).toEqual([...signMutations].sort());
  });

  it.each(expected)('%s: label %s, operation %s', (mutation, label, operation) => {
    expect(eventLabelOf[mutation]).toBe(label);
    expect(eventOperationOf[mutation]).toBe(operation);
    expect(labelFor(mutation, false)).toBe(label);
    expect(labelFor(mutation, true)).toBe('T');
  });

  it('no mutation is labelled T outside training', () => {
    fc.assert(fc.property(fc.constantFrom(...signMutations), (m) => labelFor(m, false) !== 'T'));
  });

  it('operations are one per mutation', () => {
    expect(new Set(Object.values(eventOperationOf)).size).toBe(signMutations.length);
  });

  it('the tables cannot be altered at run time', () => {
    expect(Object.isFrozen(eventLabelOf)).toBe(true);
    expect(Object.isFrozen(eventOperationOf)).toBe(true);
  });
});
