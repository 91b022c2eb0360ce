import type { Sql } from './sql.js';

/**
 * The bridge's schema. Policy changes are an append-only log (who, when, what; a trigger refuses
 * UPDATE, DELETE and TRUNCATE); the current policy is kept beside it in the same transaction.
 * Nothing here can hold a request or an answer: no column takes free text from a POS.
 */
const migrations: readonly { readonly version: number; readonly statements: readonly string[] }[] = [
  {
    version: 1,
    statements: [
      `CREATE TABLE bii_policy_changes (
         seq bigserial PRIMARY KEY,
         at timestamptz NOT NULL,
         actor text NOT NULL,
         action text NOT NULL CHECK (action IN ('enable', 'disable')),
         fdm_id text NOT NULL,
         vat_no text,
         est_no text,
         pos_id text,
         reason text NOT NULL DEFAULT '',
         CHECK ((vat_no IS NULL) = (est_no IS NULL) AND (est_no IS NULL) = (pos_id IS NULL))
       )`,
      `CREATE FUNCTION bii_refuse_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN RAISE EXCEPTION 'bii_policy_changes is append-only'; END $$`,
      `CREATE TRIGGER bii_policy_changes_append_only
         BEFORE UPDATE OR DELETE OR TRUNCATE ON bii_policy_changes
         FOR EACH STATEMENT EXECUTE FUNCTION bii_refuse_rewrite()`,
      `CREATE TABLE bii_fdms (
         fdm_id text PRIMARY KEY,
         enabled boolean NOT NULL,
         changed_at timestamptz NOT NULL
       )`,
      `CREATE TABLE bii_allowed (
         fdm_id text NOT NULL REFERENCES bii_fdms (fdm_id),
         vat_no text NOT NULL,
         est_no text NOT NULL,
         pos_id text NOT NULL,
         since timestamptz NOT NULL,
         PRIMARY KEY (fdm_id, vat_no, est_no, pos_id)
       )`,
      `CREATE TABLE bii_nodes (
         node_id text PRIMARY KEY,
         peer_url text NOT NULL,
         seen_at timestamptz NOT NULL
       )`,
      `CREATE TABLE bii_attachments (
         fdm_id text PRIMARY KEY,
         node_id text NOT NULL,
         link_id text NOT NULL,
         attached_at timestamptz NOT NULL
       )`,
      `CREATE TABLE bii_usage (
         fdm_id text NOT NULL,
         node_id text NOT NULL,
         requests bigint NOT NULL DEFAULT 0,
         last_request_at timestamptz,
         PRIMARY KEY (fdm_id, node_id)
       )`,
      `CREATE TABLE bii_inspectors (
         name text PRIMARY KEY,
         password_hash text NOT NULL,
         created_at timestamptz NOT NULL
       )`,
    ],
  },
];

/** Applies what is missing, once, even when several nodes start together (advisory lock). */
export async function migrate(sql: Sql): Promise<void> {
  await sql.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(4242001)`);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS bii_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const rows = await tx.query<{ version: number }>(`SELECT version FROM bii_schema`);
    const applied = new Set(rows.map((row) => Number(row.version)));
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query(`INSERT INTO bii_schema (version) VALUES ($1)`, [migration.version]);
    }
  });
}
