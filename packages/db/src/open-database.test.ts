import { sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirInUseError } from './data-dir-lock.js';
import { applyMigrations, createRoleIfMissing, grantRoleToOwner, type Migration } from './migrations.js';
import { databaseLocation, openDatabase } from './open-database.js';
import { describeEachBackend, PGliteTestBackend } from './testing/test-backends.js';

interface NoteSchema {
  note: { id: number; body: string };
}

const noteMigrations: readonly Migration[] = [
  {
    id: 1,
    name: 'notes and a reader',
    statements: [
      createRoleIfMissing('gks_db_test_reader'),
      grantRoleToOwner('gks_db_test_reader'),
      `CREATE TABLE note (id bigint PRIMARY KEY, body text NOT NULL)`,
      `GRANT SELECT ON note TO gks_db_test_reader`,
    ],
  },
];

const failure = async (db: Kysely<NoteSchema>, statement: string): Promise<string | null> => {
  try {
    await sql.raw(statement).execute(db);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
};

describeEachBackend('openDatabase', (backend) => {
  it('applies a migration list once, then finds it applied on reopen', async () => {
    const location = await backend.fresh();
    const first = await openDatabase<NoteSchema>({ location, migrations: noteMigrations });
    expect(first.backend).toBe(backend.kind);
    expect(first.migrations).toEqual({ applied: [1], alreadyApplied: [] });
    await first.db.insertInto('note').values({ id: 1, body: 'kept' }).execute();
    await first.close();
    const second = await openDatabase<NoteSchema>({ location, migrations: noteMigrations });
    expect(second.migrations).toEqual({ applied: [], alreadyApplied: [1] });
    expect(await second.db.selectFrom('note').selectAll().execute()).toEqual([{ id: 1, body: 'kept' }]);
    await second.close();
  });

  it('runs a runner of the caller and skips migrating on request', async () => {
    const location = await backend.fresh();
    let calls = 0;
    const runner = async (owner: Kysely<NoteSchema>) => {
      calls++;
      return applyMigrations(owner, noteMigrations);
    };
    await (await openDatabase<NoteSchema>({ location, migrations: runner })).close();
    const unmigrated = await openDatabase<NoteSchema>({ location, migrations: runner, migrate: false });
    expect(unmigrated.migrations).toBeNull();
    await unmigrated.close();
    expect(calls).toBe(1);
  });

  it('works as the requested role: a reader may SELECT and nothing else', async () => {
    const location = await backend.fresh();
    const reader = await openDatabase<NoteSchema>({
      location,
      migrations: noteMigrations,
      role: 'gks_db_test_reader',
    });
    const { rows } = await sql<{ role: string }>`SELECT current_user AS role`.execute(reader.db);
    expect(rows[0]?.role).toBe('gks_db_test_reader');
    expect(await failure(reader.db, 'SELECT count(*) FROM note')).toBeNull();
    for (const statement of [
      `INSERT INTO note VALUES (1, 'x')`,
      `UPDATE note SET body = 'y'`,
      `DELETE FROM note`,
      `CREATE TABLE elsewhere (v int)`,
    ]) {
      expect(await failure(reader.db, statement), statement).toMatch(/permission denied/);
    }
    await reader.close();
  });

  it.each(['', 'Robert; DROP TABLE note', 'a-b', 'x'.repeat(64), '1abc'])(
    'refuses the role name %j before connecting',
    async (role) => {
      await expect(
        openDatabase<NoteSchema>({ location: await backend.fresh(), migrations: noteMigrations, role }),
      ).rejects.toThrow(/role name/);
    },
  );

  it('refuses a database that records a migration the list does not know', async () => {
    const location = await backend.fresh();
    const first = await openDatabase<NoteSchema>({ location, migrations: noteMigrations });
    await sql`INSERT INTO gks_migration (id, name) VALUES (2, 'from the future')`.execute(first.db);
    await first.close();
    await expect(openDatabase<NoteSchema>({ location, migrations: noteMigrations })).rejects.toThrow(
      /migration 2 "from the future"/,
    );
    const renamed = [{ ...noteMigrations[0], id: 1, name: 'renamed', statements: [] }];
    await expect(openDatabase<NoteSchema>({ location, migrations: renamed })).rejects.toThrow(/migration 1/);
  });

  it('reads bigint columns as numbers and refuses the unsafe ones', async () => {
    const database = await openDatabase<NoteSchema>({ location: await backend.fresh(), migrations: [] });
    const { rows } = await sql<{ n: unknown }>`SELECT 9007199254740991::bigint AS n`.execute(database.db);
    expect(rows[0]?.n).toBe(Number.MAX_SAFE_INTEGER);
    await expect(sql`SELECT 9007199254740993::bigint AS n`.execute(database.db)).rejects.toThrow(
      /safe integer/,
    );
    await database.close();
  });

  it('serialises concurrent transactions without mixing their statements', async () => {
    const database = await openDatabase<NoteSchema>({ location: await backend.fresh(), migrations: [] });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        database.db.transaction().execute(async (trx) => {
          await sql`SELECT set_config('gks.test', ${String(i)}, true)`.execute(trx);
          await new Promise((resolve) => setTimeout(resolve, 1));
          return (await sql<{ v: string }>`SELECT current_setting('gks.test') AS v`.execute(trx)).rows[0]?.v;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
    await database.close();
  });
});

describe('applyMigrations', () => {
  it.each([
    [[{ id: 2, name: 'x', statements: [] }]],
    [
      [
        { id: 1, name: 'a', statements: [] },
        { id: 1, name: 'b', statements: [] },
      ],
    ],
  ])('refuses a list not numbered 1, 2, 3... before touching the database', async (list) => {
    const db = null as unknown as Kysely<NoteSchema>; // never reached
    await expect(applyMigrations(db, list)).rejects.toThrow(/1, 2, 3/);
  });
});

describe('openDatabase on PGlite', () => {
  const pglite = new PGliteTestBackend();
  afterAll(() => pglite.cleanUp());

  it('refuses a second opener of the same data directory until the first closes', async () => {
    const location = await pglite.fresh();
    const first = await openDatabase<NoteSchema>({ location, migrations: noteMigrations });
    await expect(openDatabase<NoteSchema>({ location, migrations: noteMigrations })).rejects.toThrow(
      DataDirInUseError,
    );
    await first.close();
    const second = await openDatabase<NoteSchema>({ location, migrations: noteMigrations });
    expect(second.migrations?.alreadyApplied).toEqual([1]);
    await second.close();
  });
});

describe('databaseLocation', () => {
  it('uses DATABASE_URL when set, else the embedded data directory', () => {
    expect(databaseLocation({ DATABASE_URL: 'postgresql://fps@db/fps' }, '/var/lib/gks')).toEqual({
      databaseUrl: 'postgresql://fps@db/fps',
    });
    expect(databaseLocation({}, '/var/lib/gks')).toEqual({ dataDir: '/var/lib/gks' });
    expect(databaseLocation({ DATABASE_URL: '  ' }, '/var/lib/gks')).toEqual({ dataDir: '/var/lib/gks' });
  });
});
