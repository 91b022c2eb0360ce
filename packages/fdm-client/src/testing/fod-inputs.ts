import type { FdmReference, SignMutation, SignMutationInputs } from '@gks/core';
import { fodCopyOf, fodIdentity, fodOrderFor, fodRefundOf, fodSample, fodTables } from '@gks/core';

/**
 * Test-only inputs for all 15 mutations: @gks/core's FOD samples (M110 .. M183), each with the
 * ticket number it is given so that no two requests share a duplicate key.
 */
export const fod = fodIdentity;

/** The sample of `mutation` under another ticket number (every sign input has one). */
const withTicket =
  <M extends SignMutation>(mutation: M) =>
  (posFiscalTicketNo: number): SignMutationInputs[M] =>
    fodSample(mutation, { posFiscalTicketNo } as Partial<SignMutationInputs[M]>);

export const sale = withTicket('signSale');
export const costCenterChange = withTicket('signCostCenterChange');
export const preBill = withTicket('signPreBill');
export const moneyIn = withTicket('signMoneyInOut');
export const drawerOpen = withTicket('signDrawerOpen');
export const work = withTicket('signWorkIn');
export const turnoverX = withTicket('signReportTurnoverX');
export const turnoverZ = withTicket('signReportTurnoverZ');
export const userX = withTicket('signReportUserX');
export const userZ = withTicket('signReportUserZ');

export const refund = (ticketNo: number, original: FdmReference): SignMutationInputs['signSale'] =>
  fodRefundOf(original, { posFiscalTicketNo: ticketNo });

export const order = (ticketNo: number): SignMutationInputs['signOrder'] =>
  fodOrderFor(fodTables.table1, { posFiscalTicketNo: ticketNo });

export const paymentCorrection = (
  ticketNo: number,
  original: FdmReference,
): SignMutationInputs['signPaymentCorrection'] =>
  fodSample('signPaymentCorrection', { posFiscalTicketNo: ticketNo, fdmRef: { ...original } });

export const invoice = (
  ticketNo: number,
  sales: readonly FdmReference[],
): SignMutationInputs['signInvoice'] =>
  fodSample('signInvoice', { posFiscalTicketNo: ticketNo, fdmRefs: sales.map((ref) => ({ ...ref })) });

export const copy = (ticketNo: number, original: FdmReference): SignMutationInputs['signCopy'] =>
  fodCopyOf(original, { posFiscalTicketNo: ticketNo });
