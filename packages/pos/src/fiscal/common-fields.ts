import { formatPosDateTime, type Language, type TicketMedium, type WorkInOutInput } from '@gks/core';

/** Who the register is: the same on every event (vatNo/estNo of the establishment, C-23 posId, C-24 version). */
export interface PosIdentity {
  readonly language: Language;
  readonly vatNo: string;
  readonly estNo: string;
  readonly posId: string;
  readonly posSwVersion: string;
}

/** Where and by whom an event is made. `userId` is the POS's user id; `employeeId` the INSZ/BIS (C-29). */
export interface EventContext {
  readonly terminalId: string;
  readonly deviceId: string;
  readonly userId: string;
  readonly employeeId: string;
  readonly bookingPeriodId: string;
  readonly bookingDate: string;
  readonly ticketMedium: TicketMedium;
  readonly training: boolean;
}

/** The common block of every sign input (fdm-v2.graphql), with the ticket number just allocated. */
export function commonFields(
  identity: PosIdentity,
  context: EventContext,
  posFiscalTicketNo: number,
  now: Date,
): WorkInOutInput {
  return {
    language: identity.language,
    vatNo: identity.vatNo,
    estNo: identity.estNo,
    posId: identity.posId,
    posFiscalTicketNo,
    posDateTime: formatPosDateTime(now),
    posSwVersion: identity.posSwVersion,
    deviceId: context.deviceId,
    terminalId: context.terminalId,
    bookingPeriodId: context.bookingPeriodId,
    bookingDate: context.bookingDate,
    ticketMedium: context.ticketMedium,
    employeeId: context.employeeId,
  };
}

export type CommonFieldName = keyof WorkInOutInput;
