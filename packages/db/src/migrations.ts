import { sql, type Kysely } from 'kysely';

export interface Migration {
  readonly id: number;
  readonly name: string;
  /** One SQL statement per element: PGlite's extended protocol runs a single statement at a time. */
  readonly statements: readonly string[];
}

export interface MigrationReport {
  readonly applied: readonly number[];
  readonly alreadyApplied: readonly number[];
}

// Any constant; it only has to differ from the other advisory locks of this database.
const migrationLockKey = 0x67_6b_73_01;

/**
 * Applies the pending migrations in one transaction, as the owner, recording them in
 * `gks_migration`. Concurrent openers of the same database wait on an advisory lock, then find
 * the work done. Refuses a database whose recorded history disagrees with the list (a renamed or
 * unknown migration): that database belongs to other software, or to a newer version.
 */
export async function applyMigrations<Schema>(
  db: Kysely<Schema>,
  list: readonly Migration[],
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

/** A statement that creates a NOLOGIN role unless it exists (roles are cluster-wide). */
export const createRoleIfMissing = (role: string): string => `
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

/** A statement that lets the connecting user SET ROLE to `role` (needed unless superuser). */
export const grantRoleToOwner = (role: string): string => `
DO $$
BEGIN
  IF NOT pg_has_role(current_user, '${role}', 'MEMBER') THEN
    EXECUTE format('GRANT ${role} TO %I', current_user);
  END IF;
END $$`;
