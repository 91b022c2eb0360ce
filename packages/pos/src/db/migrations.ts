import {
  applyMigrations as applyDatabaseMigrations,
  createRoleIfMissing,
  type Migration,
  type MigrationReport,
} from '@gks/db';
import type { Kysely } from 'kysely';
import type { PosSchema } from './schema.js';

export type { Migration, MigrationReport };

/** Tables that hold event data (C-22bis): nobody may change or remove a row once written. */
export const appendOnlyTables = ['journal_entry', 'fiscal_event', 'fiscal_result'] as const;

const refuseChangesOn = (table: string): string[] => [
  `CREATE TRIGGER ${table}_append_only
     BEFORE UPDATE OR DELETE OR TRUNCATE ON ${table}
     FOR EACH STATEMENT EXECUTE FUNCTION gks_refuse_change()`,
  `REVOKE ALL ON ${table} FROM PUBLIC`,
  `GRANT SELECT, INSERT ON ${table} TO gks_app`,
  `GRANT SELECT ON ${table} TO gks_auditor`,
];

/** Master data the application may change (every change journaled by the service doing it). */
export const masterDataTables = [
  'pos_setting',
  'terminal',
  'app_user',
  'department',
  'product',
  'cost_center',
] as const;

/** Register tables holding event data: written once, never changed (C-31). */
export const registerAppendOnlyTables = [
  'booking_period',
  'booking_period_close',
  'registration',
  'registration_place',
  'registration_line',
  'event_link',
  'invoice',
] as const;

function registerStatements(): string[] {
  return [
    `CREATE TABLE pos_setting (key text PRIMARY KEY, value text NOT NULL)`,
    `CREATE TABLE terminal (
       terminal_id text PRIMARY KEY,
       name text NOT NULL,
       device_id text NOT NULL,
       token_hash text NOT NULL UNIQUE,
       training boolean NOT NULL DEFAULT false
     )`,
    `CREATE TABLE app_user (
       user_id text PRIMARY KEY,
       alias text NOT NULL UNIQUE,
       employee_id text NOT NULL CHECK (employee_id ~ '^[0-9]{11}$'),
       pin_hash text NOT NULL,
       role text NOT NULL CHECK (role IN ('waiter', 'manager', 'technician')),
       training boolean NOT NULL DEFAULT false,
       active boolean NOT NULL DEFAULT true
     )`,
    `CREATE TABLE department (department_id text PRIMARY KEY, name text NOT NULL)`,
    `CREATE TABLE product (
       product_id text PRIMARY KEY,
       name text NOT NULL,
       department_id text NOT NULL REFERENCES department (department_id),
       unit_price_cents bigint NOT NULL CHECK (unit_price_cents >= 0),
       vat_label text NOT NULL CHECK (vat_label IN ('A', 'B', 'C', 'D', 'X')),
       quantity_type text NOT NULL CHECK (quantity_type IN ('PIECE', 'KILOGRAM', 'LITRE')),
       active boolean NOT NULL DEFAULT true
     )`,
    `CREATE TABLE cost_center (
       cost_center_id text PRIMARY KEY,
       name text NOT NULL,
       type text NOT NULL CHECK (type IN ('TABLE', 'CHAIR', 'ROOM', 'CUSTOMER', 'ON_HOLD', 'OTHER'))
     )`,
    ...masterDataTables.flatMap((table) => [
      `REVOKE ALL ON ${table} FROM PUBLIC`,
      `GRANT SELECT, INSERT, UPDATE ON ${table} TO gks_app`,
      `GRANT SELECT ON ${table} TO gks_auditor`,
    ]),
    `CREATE TABLE booking_period (
       booking_period_id text PRIMARY KEY CHECK (booking_period_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'),
       booking_date text NOT NULL,
       opened_at timestamptz NOT NULL,
       opened_by text NOT NULL
     )`,
    `CREATE TABLE booking_period_close (
       booking_period_id text PRIMARY KEY REFERENCES booking_period (booking_period_id),
       closed_at timestamptz NOT NULL,
       closed_by text NOT NULL
     )`,
    `CREATE TABLE registration (
       registration_id text PRIMARY KEY,
       kind text NOT NULL CHECK (kind IN ('sale', 'refund', 'proforma')),
       terminal_id text NOT NULL,
       user_id text NOT NULL,
       training boolean NOT NULL,
       booking_period_id text NOT NULL REFERENCES booking_period (booking_period_id),
       opened_at timestamptz NOT NULL,
       refund_of_event bigint REFERENCES fiscal_event (journal_seq)
     )`,
    `CREATE TABLE registration_place (
       registration_id text NOT NULL REFERENCES registration (registration_id),
       place_no integer NOT NULL CHECK (place_no >= 1),
       cost_center_id text NOT NULL,
       cost_center_type text NOT NULL,
       placed_at timestamptz NOT NULL,
       PRIMARY KEY (registration_id, place_no)
     )`,
    `CREATE TABLE registration_line (
       registration_id text NOT NULL REFERENCES registration (registration_id),
       line_no integer NOT NULL CHECK (line_no >= 1),
       origin text NOT NULL CHECK (origin IN ('input', 'correction', 'price_change', 'transfer_in', 'transfer_out', 'refund')),
       product_id text NOT NULL,
       product_name text NOT NULL,
       department_id text NOT NULL,
       department_name text NOT NULL,
       quantity_type text NOT NULL,
       unit_price_cents bigint NOT NULL CHECK (unit_price_cents >= 0),
       vat_label text NOT NULL,
       quantity_milli bigint NOT NULL CHECK (quantity_milli <> 0),
       neg_reason text,
       price_change text,
       line_total_cents bigint NOT NULL,
       corrects_line integer,
       reason text,
       user_id text NOT NULL,
       registered_at timestamptz NOT NULL,
       PRIMARY KEY (registration_id, line_no)
     )`,
    `CREATE TABLE event_link (
       event_seq bigint NOT NULL REFERENCES fiscal_event (journal_seq),
       role text NOT NULL CHECK (role IN ('order', 'transfer_from', 'transfer_to', 'pre_bill', 'close', 'copy_of', 'invoice_of', 'refund_of', 'correction_of')),
       registration_id text REFERENCES registration (registration_id),
       up_to_line integer,
       ref_event_seq bigint REFERENCES fiscal_event (journal_seq)
     )`,
    `CREATE INDEX event_link_registration ON event_link (registration_id)`,
    `CREATE INDEX event_link_reference ON event_link (ref_event_seq)`,
    `CREATE INDEX event_link_event ON event_link (event_seq)`,
    `CREATE TABLE invoice (
       invoice_no integer PRIMARY KEY CHECK (invoice_no >= 1),
       event_seq bigint NOT NULL UNIQUE REFERENCES fiscal_event (journal_seq),
       customer_name text NOT NULL,
       customer_address text NOT NULL,
       customer_vat_no text NOT NULL,
       total_cents bigint NOT NULL,
       issued_at timestamptz NOT NULL
     )`,
    ...registerAppendOnlyTables.flatMap(refuseChangesOn),
  ];
}

/**
 * Issue 5 (restaurant UI): floors, printers, terminals' printers, kitchen notes, prints. Only
 * additions: new tables and nullable columns; nothing existing changes.
 */
function restaurantStatements(): string[] {
  return [
    `CREATE TABLE floor (
       floor_id text PRIMARY KEY,
       name text NOT NULL,
       position integer NOT NULL
     )`,
    `ALTER TABLE cost_center ADD COLUMN floor_id text REFERENCES floor (floor_id)`,
    `CREATE TABLE printer (
       printer_id text PRIMARY KEY,
       name text NOT NULL,
       kind text NOT NULL CHECK (kind IN ('RECEIPT', 'KITCHEN')),
       host text NOT NULL,
       port integer NOT NULL CHECK (port BETWEEN 1 AND 65535),
       columns integer NOT NULL CHECK (columns IN (42, 48))
     )`,
    `ALTER TABLE terminal ADD COLUMN receipt_printer_id text REFERENCES printer (printer_id)`,
    `ALTER TABLE terminal ADD COLUMN kitchen_printer_id text REFERENCES printer (printer_id)`,
    ...restaurantMasterDataTables.flatMap((table) => [
      `REVOKE ALL ON ${table} FROM PUBLIC`,
      `GRANT SELECT, INSERT, UPDATE ON ${table} TO gks_app`,
      `GRANT SELECT ON ${table} TO gks_auditor`,
    ]),
    // Written with the line, never changed like the line itself (C-31).
    `ALTER TABLE registration_line ADD COLUMN note text
       CHECK (note IS NULL OR char_length(note) BETWEEN 1 AND 140)`,
    // The original of a ticket prints once: the primary key says so to every connection.
    `CREATE TABLE ticket_print (
       event_seq bigint PRIMARY KEY REFERENCES fiscal_event (journal_seq),
       journal_seq bigint NOT NULL UNIQUE REFERENCES journal_entry (seq),
       printer_id text NOT NULL,
       printed_at timestamptz NOT NULL
     )`,
    ...refuseChangesOn('ticket_print'),
    `CREATE INDEX cost_center_floor ON cost_center (floor_id)`,
  ];
}

/**
 * Issue 5 follow-up: retiring master data instead of deleting it (a journal entry and a past
 * ticket may name it), and kitchen notes changed after their line was entered. Only additions.
 */
function retireAndNoteStatements(): string[] {
  return [
    ...['floor', 'cost_center', 'printer', 'terminal'].map(
      (table) => `ALTER TABLE ${table} ADD COLUMN active boolean NOT NULL DEFAULT true`,
    ),
    // The line itself never changes (C-31): a later note is a row of its own, the newest wins.
    `CREATE TABLE line_note (
       journal_seq bigint PRIMARY KEY REFERENCES journal_entry (seq),
       registration_id text NOT NULL,
       line_no integer NOT NULL,
       note text CHECK (note IS NULL OR char_length(note) BETWEEN 1 AND 140),
       FOREIGN KEY (registration_id, line_no) REFERENCES registration_line (registration_id, line_no)
     )`,
    `CREATE INDEX line_note_line ON line_note (registration_id, line_no, journal_seq)`,
    ...refuseChangesOn('line_note'),
  ];
}

/** Master data added by migration 4. */
export const restaurantMasterDataTables = ['floor', 'printer'] as const;

/** Ordered; never edit an applied migration, add a new one. */
export const migrations: readonly Migration[] = [
  {
    id: 1,
    name: 'roles, journal and fiscal outbox',
    statements: [
      createRoleIfMissing('gks_app'),
      createRoleIfMissing('gks_auditor'),
      // The owner works as gks_app through SET ROLE, which needs membership unless superuser.
      `DO $$
       BEGIN
         IF NOT pg_has_role(current_user, 'gks_app', 'MEMBER') THEN
           EXECUTE format('GRANT gks_app TO %I', current_user);
         END IF;
         IF NOT pg_has_role(current_user, 'gks_auditor', 'MEMBER') THEN
           EXECUTE format('GRANT gks_auditor TO %I', current_user);
         END IF;
       END $$`,
      // Statement-level, so it also fires when no row matches, and for TRUNCATE.
      `CREATE FUNCTION gks_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION '% on % refused: the table is append-only (C-41, C-22bis)', TG_OP, TG_TABLE_NAME
           USING ERRCODE = 'GK001';
       END $$`,
      `CREATE TABLE journal_entry (
         seq bigint PRIMARY KEY CHECK (seq >= 1),
         recorded_at timestamptz NOT NULL,
         kind text NOT NULL CHECK (kind ~ '^[a-z][a-z_]{0,39}$'),
         terminal_id text,
         user_id text,
         data text NOT NULL CHECK (left(data, 1) = '{'),
         fdm_message bytea,
         prev_hash bytea NOT NULL CHECK (octet_length(prev_hash) = 32),
         entry_hash bytea NOT NULL UNIQUE CHECK (octet_length(entry_hash) = 32)
       )`,
      `CREATE TABLE fiscal_event (
         journal_seq bigint PRIMARY KEY REFERENCES journal_entry (seq),
         pos_id text NOT NULL,
         pos_fiscal_ticket_no integer NOT NULL CHECK (pos_fiscal_ticket_no BETWEEN 1 AND 999999999),
         event_label text NOT NULL CHECK (event_label IN ('N', 'P', 'F', 'S', 'I', 'R', 'C', 'T')),
         event_operation text NOT NULL,
         terminal_id text NOT NULL,
         user_id text NOT NULL
       )`,
      `CREATE INDEX fiscal_event_latest_per_pos ON fiscal_event (pos_id, journal_seq DESC)`,
      `CREATE TABLE fiscal_result (
         event_seq bigint PRIMARY KEY REFERENCES fiscal_event (journal_seq),
         journal_seq bigint NOT NULL UNIQUE REFERENCES journal_entry (seq),
         outcome text NOT NULL CHECK (outcome IN ('signed', 'refused'))
       )`,
      ...appendOnlyTables.flatMap(refuseChangesOn),
      // Later tables (catalog, users, settings) are readable by the tax administration too (C-22bis).
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO gks_auditor`,
    ],
  },
  {
    id: 2,
    name: 'register: master data, booking periods, registrations and their lines',
    statements: registerStatements(),
  },
  {
    id: 3,
    name: 'register: indexes for places, clock-ins and refunds',
    statements: [
      `CREATE INDEX registration_place_cost_center ON registration_place (cost_center_id)`,
      `CREATE INDEX fiscal_event_user_operation ON fiscal_event (user_id, event_operation, journal_seq DESC)`,
      `CREATE INDEX registration_refund_of ON registration (refund_of_event)`,
      `CREATE INDEX event_link_role_registration ON event_link (role, registration_id)`,
    ],
  },
  {
    id: 4,
    name: 'restaurant: floors, printers, kitchen notes, ticket prints',
    statements: restaurantStatements(),
  },
  {
    id: 5,
    name: 'restaurant: retired master data, kitchen notes set after entry',
    statements: retireAndNoteStatements(),
  },
];

/** Applies the POS's pending migrations (see @gks/db's applyMigrations for the rules). */
export function applyMigrations(
  db: Kysely<PosSchema>,
  list: readonly Migration[] = migrations,
): Promise<MigrationReport> {
  return applyDatabaseMigrations(db, list);
}
