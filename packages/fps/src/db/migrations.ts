import { createRoleIfMissing, grantRoleToOwner, type Migration } from '@gks/db';

// Migration 1's tables: its statements must never change, so later tables are listed apart.
const firstAppendOnlyTables = [
  'operator_registration',
  'pos_registration',
  'fdm_registration',
  'activation_code',
  'activation_use',
  'issued_certificate',
  'uploaded_event',
  'upload_refusal',
] as const;
const firstAuditorTables = [
  'uploaded_event',
  'upload_refusal',
  'fdm_registration',
  'operator_registration',
  'pos_registration',
] as const;
const laterTables = ['fdm_revocation', 'vat_rate_table'] as const;

/** Nobody changes or removes these rows once written: history is a new row. */
export const appendOnlyTables = [...firstAppendOnlyTables, ...laterTables] as const;

/** What the auditor may read (SELECT only): the uploaded events and the registrations they refer to. */
export const auditorReadableTables = [...firstAuditorTables, ...laterTables] as const;

const appendOnly = (table: string): string[] => [
  `CREATE TRIGGER ${table}_append_only
     BEFORE UPDATE OR DELETE OR TRUNCATE ON ${table}
     FOR EACH STATEMENT EXECUTE FUNCTION fps_refuse_change()`,
  `REVOKE ALL ON ${table} FROM PUBLIC`,
  `GRANT SELECT, INSERT ON ${table} TO fps_app`,
];

const serialGrants = (table: string): string => `GRANT USAGE ON SEQUENCE ${table}_seq_seq TO fps_app`;

/** Ordered; never edit an applied migration, add a new one. */
export const fpsMigrations: readonly Migration[] = [
  {
    id: 1,
    name: 'fps roles, registrations, certificates, uploaded events',
    statements: [
      createRoleIfMissing('fps_app'),
      createRoleIfMissing('fps_auditor'),
      grantRoleToOwner('fps_app'),
      grantRoleToOwner('fps_auditor'),
      `CREATE FUNCTION fps_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION '% on % refused: the table is append-only', TG_OP, TG_TABLE_NAME
           USING ERRCODE = 'GK002';
       END $$`,
      `CREATE TABLE operator_registration (
         seq bigserial PRIMARY KEY,
         vat_no text NOT NULL CHECK (vat_no ~ '^BE[0-9]{10}$'),
         name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
         est_nos text NOT NULL CHECK (left(est_nos, 1) = '['),
         registered_at timestamptz NOT NULL,
         registered_by text NOT NULL
       )`,
      `CREATE INDEX operator_registration_latest ON operator_registration (vat_no, seq DESC)`,
      `CREATE TABLE pos_registration (
         seq bigserial PRIMARY KEY,
         production_no text NOT NULL CHECK (production_no ~ '^[AB][A-Z0-9]{13}$'),
         pos_id text,
         producer text NOT NULL,
         delivered_to_vat_no text CHECK (delivered_to_vat_no ~ '^BE[0-9]{10}$'),
         registered_at timestamptz NOT NULL,
         registered_by text NOT NULL
       )`,
      `CREATE INDEX pos_registration_latest ON pos_registration (production_no, seq DESC)`,
      `CREATE TABLE fdm_registration (
         seq bigserial PRIMARY KEY,
         fdm_id text NOT NULL CHECK (length(fdm_id) = 11),
         owner_vat_no text NOT NULL CHECK (owner_vat_no ~ '^BE[0-9]{10}$'),
         est_no text NOT NULL CHECK (est_no ~ '^[0-9]{10}$'),
         allowed_pos_ids text NOT NULL CHECK (left(allowed_pos_ids, 1) = '['),
         bii_enabled boolean NOT NULL,
         bii_reason text,
         registered_at timestamptz NOT NULL,
         registered_by text NOT NULL
       )`,
      `CREATE INDEX fdm_registration_latest ON fdm_registration (fdm_id, seq DESC)`,
      `CREATE TABLE activation_code (
         code_hash text PRIMARY KEY,
         fdm_id text NOT NULL,
         created_at timestamptz NOT NULL,
         expires_at timestamptz NOT NULL
       )`,
      `CREATE TABLE activation_use (
         code_hash text PRIMARY KEY REFERENCES activation_code (code_hash),
         used_at timestamptz NOT NULL
       )`,
      `CREATE TABLE issued_certificate (
         serial_number text PRIMARY KEY,
         kind text NOT NULL,
         subject text NOT NULL,
         fdm_id text,
         pem text NOT NULL,
         not_after timestamptz NOT NULL,
         issued_at timestamptz NOT NULL
       )`,
      `CREATE INDEX issued_certificate_fdm ON issued_certificate (fdm_id) WHERE fdm_id IS NOT NULL`,
      `CREATE TABLE uploaded_event (
         fdm_id text NOT NULL,
         total_counter bigint NOT NULL CHECK (total_counter >= 1),
         event_label text NOT NULL,
         event_counter bigint NOT NULL,
         event_operation text NOT NULL,
         fdm_date_time text NOT NULL,
         is_training boolean NOT NULL,
         pos_id text NOT NULL,
         pos_fiscal_ticket_no bigint NOT NULL,
         vat_no text,
         est_no text,
         total_cents bigint,
         digital_signature text NOT NULL,
         short_signature text NOT NULL CHECK (short_signature ~ '^[0-9a-f]{40}$'),
         payload text NOT NULL,
         received_at timestamptz NOT NULL,
         PRIMARY KEY (fdm_id, total_counter)
       )`,
      `CREATE INDEX uploaded_event_period ON uploaded_event (fdm_date_time)`,
      `CREATE TABLE upload_refusal (
         seq bigserial PRIMARY KEY,
         fdm_id text NOT NULL,
         total_counter bigint,
         reason text NOT NULL,
         payload text NOT NULL,
         received_at timestamptz NOT NULL
       )`,
      ...firstAppendOnlyTables.flatMap(appendOnly),
      ...['operator_registration', 'pos_registration', 'fdm_registration', 'upload_refusal'].map(
        serialGrants,
      ),
      ...firstAuditorTables.map((table) => `GRANT SELECT ON ${table} TO fps_auditor`),
    ],
  },
  {
    id: 2,
    name: 'fps fdm revocations, dated VAT rate tables',
    statements: [
      `CREATE TABLE fdm_revocation (
         seq bigserial PRIMARY KEY,
         fdm_id text NOT NULL UNIQUE CHECK (length(fdm_id) = 11),
         reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
         revoked_at timestamptz NOT NULL,
         revoked_by text NOT NULL
       )`,
      `CREATE TABLE vat_rate_table (
         seq bigserial PRIMARY KEY,
         valid_from text NOT NULL CHECK (valid_from ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
         rates text NOT NULL CHECK (left(rates, 1) = '['),
         registered_at timestamptz NOT NULL,
         registered_by text NOT NULL
       )`,
      `CREATE INDEX vat_rate_table_from ON vat_rate_table (valid_from, seq DESC)`,
      ...laterTables.flatMap(appendOnly),
      ...laterTables.map(serialGrants),
      ...laterTables.map((table) => `GRANT SELECT ON ${table} TO fps_auditor`),
    ],
  },
];
