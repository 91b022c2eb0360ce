import type { ColumnType } from 'kysely';

/**
 * The tables of the POS database as Kysely sees them. bigint columns are read as JS numbers
 * on both backends (see open-database.ts); they stay far below 2^53.
 */
export interface PosSchema {
  journal_entry: JournalEntryTable;
  fiscal_event: FiscalEventTable;
  fiscal_result: FiscalResultTable;
  gks_migration: MigrationTable;
  pos_setting: PosSettingTable;
  terminal: TerminalTable;
  app_user: AppUserTable;
  department: DepartmentTable;
  product: ProductTable;
  cost_center: CostCenterTable;
  booking_period: BookingPeriodTable;
  booking_period_close: BookingPeriodCloseTable;
  registration: RegistrationTable;
  registration_place: RegistrationPlaceTable;
  registration_line: RegistrationLineTable;
  event_link: EventLinkTable;
  invoice: InvoiceTable;
  floor: FloorTable;
  printer: PrinterTable;
  ticket_print: TicketPrintTable;
  line_note: LineNoteTable;
}

/** The electronic journal (C-41): one row per entered datum, append-only and hash-chained. */
export interface JournalEntryTable {
  seq: number;
  recorded_at: Date;
  kind: string;
  terminal_id: string | null;
  user_id: string | null;
  /** Canonical JSON text of the entry's data, kept as text so the hashed bytes are the stored bytes. */
  data: string;
  /** The exact bytes sent to the FDM (fiscal_event) or received from it (fiscal_result). */
  fdm_message: Uint8Array | null;
  prev_hash: Uint8Array;
  entry_hash: Uint8Array;
}

/** The outbox: a fiscal event journaled before it is sent to the FDM. */
export interface FiscalEventTable {
  journal_seq: number;
  pos_id: string;
  pos_fiscal_ticket_no: number;
  event_label: string;
  event_operation: string;
  terminal_id: string;
  user_id: string;
}

/** The FDM's answer to a fiscal event; its presence is what makes the event no longer pending. */
export interface FiscalResultTable {
  event_seq: number;
  journal_seq: number;
  outcome: string;
}

export interface MigrationTable {
  id: number;
  name: string;
  applied_at: Date;
}

/** Register settings as JSON text by key: establishment, POS identity, FDM connection. */
export interface PosSettingTable {
  key: string;
  value: string;
}

export interface TerminalTable {
  terminal_id: string;
  name: string;
  device_id: string;
  /** SHA-256 hex of the terminal's bearer token; the token itself is never stored. */
  token_hash: string;
  training: boolean;
  receipt_printer_id: ColumnType<string | null, string | null | undefined, string | null>;
  kitchen_printer_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** A retired terminal's token no longer opens anything. */
  active: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface AppUserTable {
  user_id: string;
  alias: string;
  /** INSZ/BIS (C-29): sent to the FDM, never printed nor returned by the API. */
  employee_id: string;
  /** scrypt$N$r$p$salt$hash */
  pin_hash: string;
  role: string;
  training: boolean;
  active: boolean;
}

export interface DepartmentTable {
  department_id: string;
  name: string;
}

export interface ProductTable {
  product_id: string;
  name: string;
  department_id: string;
  unit_price_cents: number;
  vat_label: string;
  quantity_type: string;
  active: boolean;
}

export interface CostCenterTable {
  cost_center_id: string;
  name: string;
  type: string;
  floor_id: ColumnType<string | null, string | null | undefined, string | null>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
}

/** A room of the table plan (ground floor, terrace), in display order. */
export interface FloorTable {
  floor_id: string;
  name: string;
  position: number;
  active: ColumnType<boolean, boolean | undefined, boolean>;
}

/** An ESC/POS printer on the network (raw TCP). */
export interface PrinterTable {
  printer_id: string;
  name: string;
  kind: string;
  host: string;
  port: number;
  columns: number;
  active: ColumnType<boolean, boolean | undefined, boolean>;
}

/** A kitchen note set or cleared (null) after its line was entered; the newest row wins. */
export interface LineNoteTable {
  journal_seq: number;
  registration_id: string;
  line_no: number;
  note: string | null;
}

/** The original of a ticket went to a printer that accepted it (once per ticket). */
export interface TicketPrintTable {
  event_seq: number;
  journal_seq: number;
  printer_id: string;
  printed_at: Date;
}

export interface BookingPeriodTable {
  booking_period_id: string;
  booking_date: string;
  opened_at: Date;
  opened_by: string;
}

export interface BookingPeriodCloseTable {
  booking_period_id: string;
  closed_at: Date;
  closed_by: string;
}

export interface RegistrationTable {
  registration_id: string;
  kind: string;
  terminal_id: string;
  user_id: string;
  training: boolean;
  booking_period_id: string;
  opened_at: Date;
  refund_of_event: number | null;
}

export interface RegistrationPlaceTable {
  registration_id: string;
  place_no: number;
  cost_center_id: string;
  cost_center_type: string;
  placed_at: Date;
}

/** One registered line, with the article settings copied at input (C-34); never changed (C-31). */
export interface RegistrationLineTable {
  registration_id: string;
  line_no: number;
  origin: string;
  product_id: string;
  product_name: string;
  department_id: string;
  department_name: string;
  quantity_type: string;
  unit_price_cents: number;
  vat_label: string;
  quantity_milli: number;
  neg_reason: string | null;
  /** Canonical JSON of the price change on this line, if any. */
  price_change: string | null;
  line_total_cents: number;
  corrects_line: number | null;
  reason: string | null;
  user_id: string;
  registered_at: Date;
  /** Kitchen note: not part of the fiscal line (LineEntryInput.note). */
  note: ColumnType<string | null, string | null | undefined, never>;
}

/** What a fiscal event covers: registration lines up to a number, or an earlier event it refers to. */
export interface EventLinkTable {
  event_seq: number;
  role: string;
  registration_id: string | null;
  up_to_line: number | null;
  ref_event_seq: number | null;
}

export interface InvoiceTable {
  invoice_no: number;
  event_seq: number;
  customer_name: string;
  customer_address: string;
  customer_vat_no: string;
  total_cents: number;
  issued_at: Date;
}
