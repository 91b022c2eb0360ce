import type { FdmReference, SignMutationInputs, WorkInOutInput } from '@gks/core';
import { fodCopyOf, fodIdentity, fodOrderFor, fodRefundOf, fodSample, fodTables } from '@gks/core';

/**
 * Test-only inputs for all 15 mutations: @gks/core's FOD samples (M110 .. M183), each with the
 * ticket number it is given so that no two requests share a duplicate key.
 */
export const fod = fodIdentity;

const ticket = (posFiscalTicketNo: number): Pick<WorkInOutInput, 'posFiscalTicketNo'> => ({
  posFiscalTicketNo,
});

export const sale = (ticketNo: number): SignMutationInputs['signSale'] =>
  fodSample('signSale', ticket(ticketNo));

export const refund = (ticketNo: number, original: FdmReference): SignMutationInputs['signSale'] =>
  fodRefundOf(original, ticket(ticketNo));

export const order = (ticketNo: number): SignMutationInputs['signOrder'] =>
  fodOrderFor(fodTables.table1, ticket(ticketNo));

export const costCenterChange = (ticketNo: number): SignMutationInputs['signCostCenterChange'] =>
  fodSample('signCostCenterChange', ticket(ticketNo));

export const preBill = (ticketNo: number): SignMutationInputs['signPreBill'] =>
  fodSample('signPreBill', ticket(ticketNo));

export const moneyIn = (ticketNo: number): SignMutationInputs['signMoneyInOut'] =>
  fodSample('signMoneyInOut', ticket(ticketNo));

export const drawerOpen = (ticketNo: number): SignMutationInputs['signDrawerOpen'] =>
  fodSample('signDrawerOpen', ticket(ticketNo));

export const paymentCorrection = (
  ticketNo: number,
  original: FdmReference,
): SignMutationInputs['signPaymentCorrection'] =>
  fodSample('signPaymentCorrection', { ...ticket(ticketNo), fdmRef: { ...original } });

export const work = (ticketNo: number): WorkInOutInput => fodSample('signWorkIn', ticket(ticketNo));

export const invoice = (
  ticketNo: number,
  sales: readonly FdmReference[],
): SignMutationInputs['signInvoice'] =>
  fodSample('signInvoice', { ...ticket(ticketNo), fdmRefs: sales.map((ref) => ({ ...ref })) });

export const copy = (ticketNo: number, original: FdmReference): SignMutationInputs['signCopy'] =>
  fodCopyOf(original, ticket(ticketNo));

export const turnoverX = (ticketNo: number): SignMutationInputs['signReportTurnoverX'] =>
  fodSample('signReportTurnoverX', ticket(ticketNo));
export const turnoverZ = (ticketNo: number): SignMutationInputs['signReportTurnoverZ'] =>
  fodSample('signReportTurnoverZ', ticket(ticketNo));
export const userX = (ticketNo: number): SignMutationInputs['signReportUserX'] =>
  fodSample('signReportUserX', ticket(ticketNo));
export const userZ = (ticketNo: number): SignMutationInputs['signReportUserZ'] =>
  fodSample('signReportUserZ', ticket(ticketNo));
