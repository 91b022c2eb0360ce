import type { FdmReference, SignMutation, SignMutationInputs, WorkInOutInput } from '@gks/core';
import {
  fodBase as fodSampleBase,
  fodCashInOut,
  fodCopyOf,
  fodIdentity,
  fodLines,
  fodOrderFor,
  fodRefundOf,
  fodSaleOf,
  fodSample,
  fodTables,
  fodTerminals,
  fodTransaction,
  negatedLine,
} from '@gks/core';

/**
 * Requests of the FOD use cases (M110 .. M183), made from @gks/core's FOD samples, for the
 * integration tests and the benchmark. Each builder takes the POS ticket number, so a run can
 * sign every case once without reusing a duplicate key.
 */
export { fodIdentity };

/** The FOD's FDM as its state directory and engine config name it, serving the FOD's one POS. */
export const fodFdmConfig = (): { fdmId: string; vatNo: string; estNo: string; allowedPosIds: string[] } => ({
  fdmId: fodIdentity.fdmId,
  vatNo: fodIdentity.vatNo,
  estNo: fodIdentity.estNo,
  allowedPosIds: [fodIdentity.posId],
});

export const { dryMartini, burger } = fodLines;
const { table1, table5 } = fodTables;

/**
 * This suite's session: the Dutch dining-room terminal (the footers the tests expect are
 * Dutch), at the time the tests' ManualClock starts (2024-07-29 11:00 UTC).
 */
const diningRoomSession = {
  language: 'NL',
  ...fodTerminals.diningRoom,
  posDateTime: '2024-07-29T13:00:00.000+02:00',
  bookingDate: '2024-07-29',
} as const satisfies Partial<WorkInOutInput>;

export function fodBase(posFiscalTicketNo: number, overrides: Partial<WorkInOutInput> = {}): WorkInOutInput {
  return { ...fodSampleBase, ...diningRoomSession, posFiscalTicketNo, ...overrides };
}

/** M110: direct sale of 2 x Dry Martini (A) and a Burger of the Chef (B), cash 52.00. */
export function m110Sale(
  ticketNo: number,
  overrides: Partial<WorkInOutInput> = {},
): SignMutationInputs['signSale'] {
  return fodSaleOf([dryMartini(2), burger(1)], fodBase(ticketNo, overrides));
}

/** M111: full refund of a sale, referencing it. */
export function m111FullRefund(ticketNo: number, original: FdmReference): SignMutationInputs['signSale'] {
  return fodRefundOf(original, fodBase(ticketNo));
}

/** M112: partial refund: one Dry Martini back, one Burger sold. */
export function m112PartialRefund(ticketNo: number, original: FdmReference): SignMutationInputs['signSale'] {
  return fodSaleOf([negatedLine(dryMartini(1), 'REFUND'), burger(1)], {
    ...fodBase(ticketNo),
    fdmRef: { ...original },
  });
}

/** M121: order on table 1. */
export function m121Order(ticketNo: number): SignMutationInputs['signOrder'] {
  return fodOrderFor(table1, fodBase(ticketNo));
}

/** M122: move a Burger and a Dry Martini from table 1 to table 5. */
export function m122Transfer(ticketNo: number): SignMutationInputs['signCostCenterChange'] {
  return fodSample('signCostCenterChange', fodBase(ticketNo));
}

/** M123: pre-bill for table 5, what M122 moved there. */
export function m123PreBill(ticketNo: number): SignMutationInputs['signPreBill'] {
  return {
    ...fodBase(ticketNo),
    costCenter: { ...table5 },
    transaction: fodTransaction([burger(1), dryMartini(1)]),
  };
}

/** M130 (100.00 into drawer 1) and M133 (1000.00 declared in drawer 1). */
export function m130MoneyIn(
  ticketNo: number,
  kind: 'MONEY_IN_OUT' | 'DRAWER_DECLARATION' = 'MONEY_IN_OUT',
): SignMutationInputs['signMoneyInOut'] {
  return { ...fodBase(ticketNo), financials: [fodCashInOut(kind === 'MONEY_IN_OUT' ? 100 : 1000, kind)] };
}

/** M131: drawer 1 opened without a sale. */
export function m131DrawerOpen(ticketNo: number): SignMutationInputs['signDrawerOpen'] {
  return fodSample('signDrawerOpen', fodBase(ticketNo));
}

/** M132: the sale was paid by card, not cash. */
export function m132PaymentCorrection(
  ticketNo: number,
  sale: FdmReference,
): SignMutationInputs['signPaymentCorrection'] {
  return fodSample('signPaymentCorrection', { ...fodBase(ticketNo), fdmRef: { ...sale } });
}

/** M140 / M141 / M170: clock in or out. */
export function workInOut(ticketNo: number, employeeId: string): SignMutationInputs['signWorkIn'] {
  return fodBase(ticketNo, { employeeId, terminalId: 'POS-2-REC', ticketMedium: 'NONE' });
}

/** M150: invoice for customer BE0308357159 over two sales. */
export function m150Invoice(ticketNo: number, sales: FdmReference[]): SignMutationInputs['signInvoice'] {
  return fodSample('signInvoice', { ...fodBase(ticketNo), fdmRefs: sales.map((ref) => ({ ...ref })) });
}

/** M160 / M161 / M172: copy of an earlier event. */
export function copyOf(ticketNo: number, event: FdmReference): SignMutationInputs['signCopy'] {
  return fodCopyOf(event, fodBase(ticketNo));
}

/** M180 .. M183: turnover X and Z, user X and Z, made by the robot user as automatic reports are. */
export function reportOf(ticketNo: number, kind: 'TX' | 'TZ' | 'UX' | 'UZ') {
  const base = fodBase(ticketNo, { employeeId: '00000000029' });
  switch (kind) {
    case 'TX':
      return { mutation: 'signReportTurnoverX', data: fodSample('signReportTurnoverX', base) } as const;
    case 'TZ':
      return { mutation: 'signReportTurnoverZ', data: fodSample('signReportTurnoverZ', base) } as const;
    case 'UX':
      return { mutation: 'signReportUserX', data: fodSample('signReportUserX', base) } as const;
    case 'UZ':
      return { mutation: 'signReportUserZ', data: fodSample('signReportUserZ', base) } as const;
  }
}

/** The GraphQL document for one sign mutation, selecting every SignResult field. */
export function signDocument(mutation: SignMutation): string {
  const input = inputTypeOf[mutation];
  return `mutation Sign($data: ${input}!, $isTraining: Boolean!) {
  signResult: ${mutation}(data: $data, isTraining: $isTraining) {
    posId posFiscalTicketNo posDateTime posSwVersion terminalId deviceId eventOperation
    fdmRef { fdmId fdmDateTime eventLabel eventCounter totalCounter }
    fdmSwVersion digitalSignature shortSignature verificationUrl
    vatCalc { label rate taxableAmount vatAmount totalAmount outOfScope }
    bufferCapacityUsed
    warnings { message extensions { category code data { name value } showPos } }
    informations { message extensions { category code data { name value } showPos } }
    footer
  }
}`;
}

const inputTypeOf: Readonly<Record<SignMutation, string>> = {
  signSale: 'SaleInput',
  signInvoice: 'InvoiceInput',
  signOrder: 'OrderInput',
  signCostCenterChange: 'CostCenterChangeInput',
  signPreBill: 'PreBillInput',
  signMoneyInOut: 'MoneyInOutInput',
  signDrawerOpen: 'DrawerOpenInput',
  signPaymentCorrection: 'PaymentCorrectionInput',
  signWorkIn: 'WorkInOutInput',
  signWorkOut: 'WorkInOutInput',
  signCopy: 'CopyInput',
  signReportTurnoverX: 'ReportTurnoverXInput',
  signReportTurnoverZ: 'ReportTurnoverZInput',
  signReportUserX: 'ReportUserXInput',
  signReportUserZ: 'ReportUserZInput',
};
