import type { EventLabel, EventOperation, SignMutation } from '../fdm-api/types.js';

/** The label each sign mutation's events carry outside training (fdm-v2-notes, label table). */
export const eventLabelOf: Readonly<Record<SignMutation, EventLabel>> = Object.freeze({
  signSale: 'N',
  signInvoice: 'I',
  signOrder: 'P',
  signCostCenterChange: 'P',
  signPreBill: 'P',
  signMoneyInOut: 'F',
  signDrawerOpen: 'F',
  signPaymentCorrection: 'F',
  signWorkIn: 'S',
  signWorkOut: 'S',
  signCopy: 'C',
  signReportTurnoverX: 'R',
  signReportTurnoverZ: 'R',
  signReportUserX: 'R',
  signReportUserZ: 'R',
});

/** The `eventOperation` a SignResult reports for each sign mutation, training or not. */
export const eventOperationOf: Readonly<Record<SignMutation, EventOperation>> = Object.freeze({
  signSale: 'SALE',
  signInvoice: 'INVOICE',
  signOrder: 'ORDER',
  signCostCenterChange: 'COST_CENTER_CHANGE',
  signPreBill: 'PRE_BILL',
  signMoneyInOut: 'MONEY_IN_OUT',
  signDrawerOpen: 'DRAWER_OPEN',
  signPaymentCorrection: 'PAYMENT_CORRECTION',
  signWorkIn: 'WORK_IN',
  signWorkOut: 'WORK_OUT',
  signCopy: 'COPY',
  signReportTurnoverX: 'REPORT_TURNOVER_X',
  signReportTurnoverZ: 'REPORT_TURNOVER_Z',
  signReportUserX: 'REPORT_USER_X',
  signReportUserZ: 'REPORT_USER_Z',
});

/** Any mutation signed with isTraining: true is a T event, whatever its usual label. */
export function labelFor(mutation: SignMutation, isTraining: boolean): EventLabel {
  return isTraining ? 'T' : eventLabelOf[mutation];
}
