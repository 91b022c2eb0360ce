/**
 * The tables of the POS database as Kysely sees them. bigint columns are read as JS numbers
 * on both backends (see open-database.ts); they stay far below 2^53.
 */
export interface PosSchema {
  journal_entry: JournalEntryTable;
  fiscal_event: FiscalEventTable;
  fiscal_result: FiscalResultTable;
  gks_migration: MigrationTable;
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
