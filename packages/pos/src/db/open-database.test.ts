import { sql, type Kysely } from 'kysely';
import { DataDirInUseError } from './data-dir-lock.js';
import { afterAll, describe, expect, it } from 'vitest';
import { appendOnlyTables, applyMigrations, migrations } from './migrations.js';
import { openPosDatabase, posDatabaseLocation } from './open-database.js';
import type { PosSchema } from './schema.js';
import { describeEachBackend, PGliteTestBackend } from './test-backends.js';

const currentUser = async (db: Kysely<PosSchema>): Promise<string | undefined> =>
  (await sql<{ role: string }>`SELECT current_user AS role`.execute(db)).rows[0]?.role;

/** Runs `statement` and returns the error message it fails with, or null if it succeeded. */
const failure = async (db: Kysely<PosSchema>, statement: string): Promise<string | null> => {
  try {
    await sql.raw(statement).execute(db);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
};

const changes = (table: string): string[] => [
  `UPDATE ${table} SET ${table === 'fiscal_result' ? 'outcome' : 'terminal_id'} = 'x'`,
  `DELETE FROM ${table}`,
  `TRUNCATE ${table} CASCADE`,
];

describeEachBackend('openPosDatabase', (backend) => {
  it('applies the migrations once, then finds them applied on reopen', async () => {
    const location = await backend.fresh();
    const first = await openPosDatabase(location);
    expect(first.backend).toBe(backend.kind);
    const ids = migrations.map((m) => m.id);
    expect(first.migrations).toEqual({ applied: ids, alreadyApplied: [] });
    await first.close();
    const second = await openPosDatabase(location);
    expect(second.migrations).toEqual({ applied: [], alreadyApplied: ids });
    await second.close();
  });

  it('works as gks_app by default, as gks_auditor or as the owner on request', async () => {
    const location = await backend.fresh();
    for (const [role, expected] of [
      ['app', 'gks_app'],
      ['auditor', 'gks_auditor'],
    ] as const) {
      const pos = await openPosDatabase({ ...location, role });
      expect(await currentUser(pos.db)).toBe(expected);
      await pos.close();
    }
    const owner = await openPosDatabase({ ...location, role: 'owner' });
    expect(await currentUser(owner.db)).not.toMatch(/^gks_/);
    await owner.close();
  });

  it('C-22bis: gks_app has no UPDATE, DELETE or TRUNCATE right on the journal tables', async () => {
    const pos = await openPosDatabase(await backend.fresh());
    for (const table of appendOnlyTables) {
      for (const statement of changes(table)) {
        expect(await failure(pos.db, statement), statement).toMatch(/permission denied/);
      }
    }
    await pos.close();
  });

  it('C-22bis: triggers refuse UPDATE, DELETE and TRUNCATE even to the owner, naming table and rule', async () => {
    const pos = await openPosDatabase({ ...(await backend.fresh()), role: 'owner' });
    for (const table of appendOnlyTables) {
      const [update, remove, truncate] = changes(table);
      expect(await failure(pos.db, update ?? '')).toBe(
        `UPDATE on ${table} refused: the table is append-only (C-41, C-22bis)`,
      );
      expect(await failure(pos.db, remove ?? '')).toBe(
        `DELETE on ${table} refused: the table is append-only (C-41, C-22bis)`,
      );
      expect(await failure(pos.db, truncate ?? '')).toMatch(
        /^TRUNCATE on \w+ refused: the table is append-only/,
      );
    }
    await pos.close();
  });

  it('C-22bis: the auditor may read but not insert', async () => {
    const location = await backend.fresh();
    const auditor = await openPosDatabase({ ...location, role: 'auditor' });
    expect(await failure(auditor.db, 'SELECT count(*) FROM journal_entry')).toBeNull();
    expect(await failure(auditor.db, 'SELECT count(*) FROM fiscal_event')).toBeNull();
    expect(
      await failure(
        auditor.db,
        `INSERT INTO journal_entry (seq, recorded_at, kind, data, prev_hash, entry_hash)
         VALUES (1, now(), 'login', '{}', decode(repeat('00', 32), 'hex'), decode(repeat('11', 32), 'hex'))`,
      ),
    ).toMatch(/permission denied/);
    expect(await failure(auditor.db, 'DELETE FROM journal_entry')).toMatch(/permission denied/);
    await auditor.close();
  });

  it('refuses a database that records a migration this software does not know', async () => {
    const location = await backend.fresh();
    const owner = await openPosDatabase({ ...location, role: 'owner' });
    await sql`INSERT INTO gks_migration (id, name) VALUES (999, 'from the future')`.execute(owner.db);
    await owner.close();
    await expect(openPosDatabase(location)).rejects.toThrow(/migration 999 "from the future"/);
  });

  it('reads bigint columns as numbers', async () => {
    const pos = await openPosDatabase(await backend.fresh());
    const { rows } = await sql<{ n: unknown }>`SELECT 9007199254740991::bigint AS n`.execute(pos.db);
    expect(rows[0]?.n).toBe(Number.MAX_SAFE_INTEGER);
    await expect(sql`SELECT 9007199254740993::bigint AS n`.execute(pos.db)).rejects.toThrow(/safe integer/);
    await pos.close();
  });

  it('serialises concurrent transactions without mixing their statements', async () => {
    const pos = await openPosDatabase(await backend.fresh());
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        pos.db.transaction().execute(async (trx) => {
          await sql`CREATE TEMP TABLE IF NOT EXISTS scratch (v int)`.execute(trx);
          await sql`SELECT set_config('gks.test', ${String(i)}, true)`.execute(trx);
          await new Promise((resolve) => setTimeout(resolve, 1));
          return (await sql<{ v: string }>`SELECT current_setting('gks.test') AS v`.execute(trx)).rows[0]?.v;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
    await pos.close();
  });
});

describe('migrations', () => {
  it('are numbered 1, 2, 3... in order', () => {
    expect(migrations.map((m) => m.id)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('refuse a list out of order before touching the database', async () => {
    const db = null as unknown as Kysely<PosSchema>; // never reached
    await expect(applyMigrations(db, [{ id: 2, name: 'x', statements: [] }])).rejects.toThrow(/1, 2, 3/);
  });
});

describe('openPosDatabase on PGlite', () => {
  const pglite = new PGliteTestBackend();
  afterAll(() => pglite.cleanUp());

  it('refuses a second opener of the same data directory until the first closes', async () => {
    const location = await pglite.fresh();
    const first = await openPosDatabase(location);
    await expect(openPosDatabase(location)).rejects.toThrow(DataDirInUseError);
    await first.close();
    const second = await openPosDatabase(location);
    expect(second.migrations?.alreadyApplied).toEqual(migrations.map((m) => m.id));
    await second.close();
  });
});

describe('posDatabaseLocation', () => {
  it('uses DATABASE_URL when set, else the embedded data directory', () => {
    expect(posDatabaseLocation({ DATABASE_URL: 'postgresql://pos@db/pos' }, '/var/lib/gks')).toEqual({
      databaseUrl: 'postgresql://pos@db/pos',
    });
    expect(posDatabaseLocation({}, '/var/lib/gks')).toEqual({ dataDir: '/var/lib/gks' });
    expect(posDatabaseLocation({ DATABASE_URL: '  ' }, '/var/lib/gks')).toEqual({ dataDir: '/var/lib/gks' });
  });
});
