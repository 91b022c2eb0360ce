import type { SignResult, VatLabel } from '../fdm-api/types.js';
import type { PluUnit } from '../plu/fields.js';

/** The operator as printed on every ticket (C-42 b). */
export interface Establishment {
  readonly name: string;
  readonly address: readonly string[];
  /** BE + 10 digits */
  readonly vatNo: string;
}

export interface Register {
  /** The POS production number (C-23), e.g. CPOS0031234567. */
  readonly posId: string;
  readonly swVersion: string;
  readonly terminalId: string;
  /** How staff call the terminal ("Bar"); printed instead of the id when present. */
  readonly terminalName?: string;
}

/** Who issued a print, where and when: the head of every ticket. */
export interface IssueContext {
  readonly establishment: Establishment;
  readonly register: Register;
  /** C-42 k: print the register's identification when the operator has several. */
  readonly severalRegisters?: boolean;
  /** The user's alias. Never the INSZ/BIS number, which is refused. */
  readonly userAlias: string;
  /** The POS's continuous ticket number (posFiscalTicketNo), 1..999,999,999. */
  readonly ticketNo: number;
  /** As sent to the FDM: Brussels local time with its offset. */
  readonly posDateTime: string;
}

/** `correction`, `refund` and `discount` lines are negative and marked (C-27, C-31). */
export type TicketLineKind = 'sale' | 'correction' | 'refund' | 'discount';

export interface TicketLine {
  readonly kind: TicketLineKind;
  readonly description: string;
  /** Negative on correction and refund lines. */
  readonly quantity: number;
  /** Absent means pieces. */
  readonly unit?: PluUnit;
  readonly unitPriceCents: number;
  /** The line total including VAT; negative for corrections, refunds and discounts. */
  readonly amountCents: number;
  readonly vatLabel: VatLabel;
}

export type TicketPaymentKind = 'payment' | 'tip' | 'rounding';

export interface TicketPayment {
  readonly kind: TicketPaymentKind;
  /** "Contant", "Bancontact" ... */
  readonly name: string;
  readonly amountCents: number;
}

/** What was sold and how it was paid: the body of sale-like tickets. */
export interface SaleContent {
  readonly lines: readonly TicketLine[];
  readonly payments: readonly TicketPayment[];
  /** Cash handed back to the customer. */
  readonly changeCents?: number;
  /** Table, room or customer the sale was booked on ("Tafel 12"). */
  readonly costCenter?: string;
}

/** An N event: sale or refund, printed after the FDM signed it (C-32). */
export interface VatTicketInput extends IssueContext, SaleContent {
  readonly signResult: SignResult;
}

export type ProFormaOperation = 'order' | 'pre-bill' | 'cost-center-change';

/** A P event: an order on a table, an interim bill or a table transfer. */
export interface ProFormaTicketInput extends IssueContext, SaleContent {
  readonly operation: ProFormaOperation;
  readonly signResult: SignResult;
}

/** A T event: any operation made in training mode. */
export interface TrainingTicketInput extends IssueContext, SaleContent {
  readonly signResult: SignResult;
}
