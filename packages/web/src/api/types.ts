// What the screens work with: the POS server's answers, money in integer cents.

export type Role = 'waiter' | 'manager' | 'technician';
export type VatLabel = 'A' | 'B' | 'C' | 'D';
export type QuantityType = 'PIECE' | 'KILOGRAM' | 'LITRE';
export type PaymentType = 'CASH' | 'CARD_DEBIT' | 'CARD_CREDIT' | 'CHEQUE_MEAL' | 'APP';

/** What the login screen shows before anybody is logged in (C-24). */
export interface RegisterIdentity {
  readonly posId: string;
  readonly softwareVersion: string;
  readonly establishmentName: string;
  readonly establishmentAddress: string;
  readonly vatNo: string;
  readonly terminalId: string;
  readonly terminalName: string;
}

export interface Me {
  readonly userId: string;
  readonly alias: string;
  readonly role: Role;
  readonly clockedIn: boolean;
  /** Training applies when the terminal or the user is in it (C-8). */
  readonly training: boolean;
  readonly userTraining: boolean;
}

export interface FdmState {
  readonly operational: boolean;
  /** Why it is down, as the server words it. */
  readonly problem: string | null;
  readonly since: string | null;
  /** Events journaled and waiting for the FDM's answer. */
  readonly pendingEvents: number;
}

export interface Department {
  readonly departmentId: string;
  readonly name: string;
}

export interface Product {
  readonly productId: string;
  readonly name: string;
  readonly departmentId: string;
  readonly unitPriceCents: number;
  readonly vatLabel: VatLabel;
  readonly quantityType: QuantityType;
  readonly active: boolean;
}

export type PlaceStatus = 'FREE' | 'OCCUPIED' | 'PRE_BILLED';

export interface Place {
  readonly costCenterId: string;
  readonly name: string;
  readonly type: string;
  readonly registrationId: string | null;
  /** null: not on a floor (take-away, on hold, ...). */
  readonly floorId: string | null;
  /** The same on every terminal: the server keeps it. */
  readonly status: PlaceStatus;
  /** false: retired by a manager; off the table plan, kept for the journal. */
  readonly active: boolean;
}

/** A floor of the table plan (dining room, terrace, ...), shown in `position` order. */
export interface Floor {
  readonly floorId: string;
  readonly name: string;
  readonly position: number;
  /** false: retired, off the table plan. */
  readonly active: boolean;
}

/** A name on the login screen: no INSZ, no PIN. */
export interface LoginUser {
  readonly userId: string;
  readonly alias: string;
  readonly role: Role;
}

export interface OrderLine {
  readonly lineNo: number;
  readonly productId: string;
  readonly productName: string;
  readonly quantity: number;
  readonly quantityType: QuantityType;
  readonly unitPriceCents: number;
  readonly lineTotalCents: number;
  readonly vatLabel: VatLabel;
  readonly origin: string;
  readonly correctsLine: number | null;
  readonly reason: string | null;
  readonly negReason: string | null;
  readonly priceChangeName: string | null;
  readonly priceChangeCents: number | null;
  /** Already signed (sent to the kitchen). */
  readonly sent: boolean;
  /** Kitchen note ("zonder ui"): on the kitchen ticket, never on the VAT ticket. */
  readonly note: string | null;
}

export interface Registration {
  readonly registrationId: string;
  readonly kind: string;
  readonly costCenterId: string | null;
  readonly training: boolean;
  readonly status: string;
  readonly lines: readonly OrderLine[];
  readonly totalCents: number;
  /** Lines after this number were not sent to the FDM yet. */
  readonly signedUpTo: number;
  /** A pre-bill was made and no line was added since. */
  readonly preBilled: boolean;
}

/** A print as the server renders it: the HTML is exactly what prints. */
export interface Receipt {
  readonly kind: string;
  readonly html: string;
  readonly text: string;
  readonly escPosBase64: string;
}

/** A fiscal event of the register; `id` is its journal sequence number. */
export interface Ticket {
  readonly id: number;
  readonly ticketNo: number;
  readonly label: string;
  readonly operation: string;
  readonly training: boolean;
  readonly outcome: string;
  readonly fdmDateTime: string | null;
  readonly counter: string | null;
  readonly totalCents: number | null;
  readonly mandatoryMessages: readonly string[];
  readonly receipt: Receipt | null;
}

export interface PaymentResult {
  readonly ticket: Ticket;
  readonly changeCents: number;
  readonly dueCents: number;
  readonly roundingCents: number;
}

export interface Tender {
  readonly type: PaymentType;
  readonly amountCents: number;
}

export interface Customer {
  readonly name: string;
  readonly address: string;
  readonly vatNo: string;
}

/** A user as the UI sees them: never the INSZ/BIS number (C-29). */
export interface User {
  readonly userId: string;
  readonly alias: string;
  readonly role: Role;
  readonly training: boolean;
}

export interface NewUser {
  readonly userId: string;
  readonly alias: string;
  /** INSZ/BIS: typed once here, sent once, never shown again. */
  readonly employeeId: string;
  readonly pin: string;
  readonly role: Role;
}

export interface OrderSent {
  readonly ticket: Ticket;
  readonly kitchen: Receipt | null;
  /** Printed on the terminal's kitchen printer; false: none set, or it did not answer. */
  readonly kitchenPrinted: boolean;
}

export type PrinterKind = 'RECEIPT' | 'KITCHEN';

/** An ESC/POS network printer the POS server prints on (raw TCP). */
export interface Printer {
  readonly printerId: string;
  readonly name: string;
  readonly kind: PrinterKind;
  readonly host: string;
  readonly port: number;
  /** Characters per line (42 on 80 mm paper, 32 on 58 mm). */
  readonly columns: number;
  /** false: retired, prints nothing more. */
  readonly active: boolean;
}

/** A device of this register; its token is never shown again after creation. */
export interface TerminalInfo {
  readonly terminalId: string;
  readonly name: string;
  readonly deviceId: string;
  readonly training: boolean;
  readonly receiptPrinterId: string | null;
  readonly kitchenPrinterId: string | null;
  /** false: retired, its token opens nothing. */
  readonly active: boolean;
}

export interface Establishment {
  readonly name: string;
  readonly address: string;
  /** Registered with the FPS and the FDM: read-only in the UI. */
  readonly vatNo: string;
  readonly estNo: string;
  readonly posId: string;
  readonly ticketFooter: string | null;
}

/** A floor or printer as the manager saves it; `active` omitted: unchanged (new ones are active). */
export type FloorInput = Omit<Floor, 'active'> & { readonly active?: boolean };
export type PrinterInput = Omit<Printer, 'active'> & { readonly active?: boolean };

/** A place as the manager sets it up. */
export interface PlaceInput {
  readonly costCenterId: string;
  readonly name: string;
  readonly type: string;
  readonly floorId: string | null;
  /** Omitted: unchanged (a new place is active). */
  readonly active?: boolean;
}
