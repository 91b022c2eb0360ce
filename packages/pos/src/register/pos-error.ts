import type { Err, MessageItem } from '@gks/core';
import { err } from '@gks/core';

/**
 * Every refusal the register gives, by code. The API passes the code to the UI unchanged, so the
 * UI can react to each one; the message is English for the log and the operator.
 */
export type PosErrorCode =
  // authentication and who may do what (C-29)
  | 'TERMINAL_UNKNOWN'
  | 'TERMINAL_EXISTS'
  | 'NOT_LOGGED_IN'
  | 'LOGIN_FAILED'
  | 'NOT_CLOCKED_IN'
  | 'ALREADY_CLOCKED_IN'
  | 'FORBIDDEN_FOR_ROLE'
  // input
  | 'BAD_INPUT'
  | 'UNKNOWN_PRODUCT'
  | 'UNKNOWN_DEPARTMENT'
  | 'UNKNOWN_COST_CENTER'
  | 'UNKNOWN_USER'
  | 'UNKNOWN_REGISTRATION'
  | 'UNKNOWN_LINE'
  | 'UNKNOWN_TICKET'
  | 'DUPLICATE_ID'
  | 'FLOOR_UNKNOWN'
  // retired master data (kept, never deleted)
  | 'FLOOR_IN_USE'
  | 'FLOOR_RETIRED'
  | 'PLACE_IN_USE'
  | 'PLACE_RETIRED'
  | 'PRINTER_IN_USE'
  | 'PRINTER_RETIRED'
  | 'TERMINAL_RETIRED'
  | 'OWN_TERMINAL'
  // booking periods
  | 'NO_OPEN_BOOKING_PERIOD'
  | 'BOOKING_PERIOD_ALREADY_OPEN'
  | 'OPEN_REGISTRATIONS'
  // forbidden functions (C-30 .. C-35)
  | 'REGISTRATION_CLOSED'
  | 'REGISTRATION_BUSY'
  | 'LINE_NOT_CORRECTABLE'
  | 'QUANTITY_EXCEEDS_OPEN'
  | 'MODE_CHANGE_DURING_REGISTRATION'
  | 'COPY_ALREADY_MADE'
  | 'NOT_COPYABLE'
  | 'NOT_SIGNED'
  | 'COST_CENTER_OCCUPIED'
  | 'NOT_AT_COST_CENTER'
  | 'NOTHING_TO_SEND'
  | 'LINE_ALREADY_SENT'
  | 'NOT_REFUNDABLE'
  | 'ALREADY_INVOICED'
  | 'TRAINING_MISMATCH'
  // payment
  | 'PAYMENT_MISMATCH'
  | 'PAYMENT_SIGN'
  | 'CHANGE_WITHOUT_CASH'
  | 'NEGATIVE_TOTAL'
  // the FDM (C-26, B-4)
  | 'FDM_NOT_OPERATIONAL'
  | 'FDM_REFUSED'
  | 'INVALID_EVENT'
  // printing
  | 'RECEIPT_PROBLEM'
  | 'PRINTER_UNKNOWN'
  | 'PRINTER_UNREACHABLE'
  | 'ALREADY_PRINTED'
  | 'NOT_AN_ORDER';

export interface PosError {
  readonly code: PosErrorCode;
  readonly message: string;
  /** Messages of the FDM the operator must see (showPos MANDATORY). */
  readonly mandatoryMessages?: readonly MessageItem[];
  /** Machine-readable details: the FDM's code and sub-code, findings of the validation... */
  readonly details?: Readonly<Record<string, string>>;
  /** The input field at fault, for the UI to point at (`lines[2].note`, `host`). */
  readonly field?: string;
}

export const posError = (
  code: PosErrorCode,
  message: string,
  extra: Omit<PosError, 'code' | 'message'> = {},
): Err<PosError> => err({ code, message, ...extra });

/** C-26 and B-4: what the operator is told when the FDM cannot sign. */
export const fdmDownMessage =
  'The fiscal data module (FDM) is not operational: no sale can be registered now (C-26). ' +
  'Issue paper VAT receipts (btw-bonnetjes) until it works again and report the defect (B-4).';
