import { sql, type Kysely } from 'kysely';
import type { PosSchema } from './schema.js';

export interface Migration {
  readonly id: number;
  readonly name: string;
  /** One SQL statement per element: PGlite's extended protocol runs a single statement at a time. */
  readonly statements: readonly string[];
}

/** Tables that hold event data (C-22bis): nobody may change or remove a row once written. */
export const appendOnlyTables = ['journal_entry', 'fiscal_event', 'fiscal_result'] as const;

const createRoleIfMissing = (role: string): string => `
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}') THEN
    BEGIN
      CREATE ROLE ${role} NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL; -- created meanwhile by another database of the same cluster
    END;
  END IF;
END $$`;

const refuseChangesOn = (table: string): string[] => [
  `CREATE TRIGGER ${table}_append_only
     BEFORE UPDATE OR DELETE OR TRUNCATE ON ${table}
     FOR EACH STATEMENT EXECUTE FUNCTION gks_refuse_change()`,
  `REVOKE ALL ON ${table} FROM PUBLIC`,
  `GRANT SELECT, INSERT ON ${table} TO gks_app`,
  `GRANT SELECT ON ${table} TO gks_auditor`,
];

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
];

// Any constant; it only has to differ from the other advisory locks of this database.
const migrationLockKey = 0x67_6b_73_01;

export interface MigrationReport {
  readonly applied: readonly number[];
  readonly alreadyApplied: readonly number[];
}

/**
 * Applies the pending migrations in one transaction, as the owner. Concurrent openers of the same
 * database wait on an advisory lock, then find the work done. Refuses a database whose recorded
 * history disagrees with this code (a renamed or unknown migration).
 */
export async function applyMigrations(
  db: Kysely<PosSchema>,
  list: readonly Migration[] = migrations,
): Promise<MigrationReport> {
  assertOrdered(list);
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${migrationLockKey})`.execute(trx);
    await sql`CREATE TABLE IF NOT EXISTS gks_migration (
      id integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`.execute(trx);
    const { rows } = await sql<{
      id: number;
      name: string;
    }>`SELECT id, name FROM gks_migration ORDER BY id`.execute(trx);
    const recorded = new Map(rows.map((row) => [row.id, row.name]));
    for (const [id, name] of recorded) {
      const known = list.find((m) => m.id === id);
      if (!known || known.name !== name) {
        throw new Error(`database has migration ${id} "${name}" that this software does not know`);
      }
    }
    const applied: number[] = [];
    for (const migration of list) {
      if (recorded.has(migration.id)) continue;
      for (const statement of migration.statements) await sql.raw(statement).execute(trx);
      await sql`INSERT INTO gks_migration (id, name) VALUES (${migration.id}, ${migration.name})`.execute(
        trx,
      );
      applied.push(migration.id);
    }
    return { applied, alreadyApplied: [...recorded.keys()] };
  });
}

function assertOrdered(list: readonly Migration[]): void {
  list.forEach((migration, index) => {
    if (migration.id !== index + 1)
      throw new Error(`migration ids must run 1, 2, 3...: found ${migration.id} at ${index}`);
  });
}
