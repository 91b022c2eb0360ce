import { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.js';
import { applyMigrations, type MigrationReport } from './migrations.js';
import { PGliteDialect } from './pglite-dialect.js';
import { syncDirectory, WalSync } from './pglite-durability.js';
import type { PosSchema } from './schema.js';

/** Where the database lives: an embedded PGlite data directory, or a PostgreSQL server. */
export type PosDatabaseLocation = { readonly dataDir: string } | { readonly databaseUrl: string };

/**
 * The role the session works as. `app` (the default) may only read and append the journal and
 * outbox; `auditor` may only read (the tax administration's access, C-22bis); `owner` is the
 * connecting user itself and is meant for migrations, maintenance and tests.
 */
export type PosDatabaseRole = 'app' | 'auditor' | 'owner';

export type PosDatabaseOptions = PosDatabaseLocation & {
  readonly role?: PosDatabaseRole;
  /** Apply pending migrations at open (as the connecting user, before switching role). Default true. */
  readonly migrate?: boolean;
  /** Connections to a PostgreSQL server. Default 10. PGlite has exactly one. */
  readonly poolSize?: number;
};

export interface PosDatabase {
  readonly db: Kysely<PosSchema>;
  readonly backend: 'pglite' | 'postgres';
  readonly migrations: MigrationReport | null;
  close(): Promise<void>;
}

/** `DATABASE_URL` selects a PostgreSQL server; without it, the embedded PGlite data directory. */
export function posDatabaseLocation(env: NodeJS.ProcessEnv, defaultDataDir: string): PosDatabaseLocation {
  const databaseUrl = env['DATABASE_URL']?.trim();
  return databaseUrl ? { databaseUrl } : { dataDir: defaultDataDir };
}

const sqlRole: Record<PosDatabaseRole, string | null> = {
  app: 'gks_app',
  auditor: 'gks_auditor',
  owner: null,
};

const INT8_OID = 20;
// bigint columns (journal sequence numbers) are read as numbers on both backends: a
// string from pg and a number from PGlite would make the same code behave differently.
const parseInt8 = (text: string): number => {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`bigint ${text} is beyond the safe integer range`);
  return value;
};

/** Opens the POS database, applies migrations and switches to the requested role. */
export async function openPosDatabase(options: PosDatabaseOptions): Promise<PosDatabase> {
  const role = options.role ?? 'app';
  return 'dataDir' in options
    ? openPGlite(options.dataDir, role, options.migrate ?? true)
    : openPostgres(options.databaseUrl, role, options.migrate ?? true, options.poolSize ?? 10);
}

async function openPGlite(dataDir: string, role: PosDatabaseRole, migrate: boolean): Promise<PosDatabase> {
  const unlock = lockDataDir(dataDir);
  let pglite: PGlite | null = null;
  try {
    pglite = await PGlite.create({
      dataDir,
      // PGlite's default start parameters minus `-F`, which turns fsync off; see
      // pglite-durability.ts for why the real flush to disk is done by us from the host side.
      startParams: PGlite.defaultStartParams.filter((param) => param !== '-F'),
      parsers: { [INT8_OID]: parseInt8 },
    });
    return await startPGliteSession(pglite, dataDir, role, migrate, unlock);
  } catch (error) {
    await pglite?.close().catch(() => undefined);
    unlock();
    throw error;
  }
}

async function startPGliteSession(
  pglite: PGlite,
  dataDir: string,
  role: PosDatabaseRole,
  migrate: boolean,
  unlock: () => void,
): Promise<PosDatabase> {
  syncDirectory(dataDir);
  const { rows } = await pglite.query<{ bytes: string }>(
    `SELECT setting AS bytes FROM pg_settings WHERE name = 'wal_segment_size'`,
  );
  const walSync = new WalSync(dataDir, Number(rows[0]?.bytes ?? 16 * 1024 * 1024));
  const syncWal = async (): Promise<void> => {
    const position = await pglite.query<{ lsn: string; segment: string }>(
      `SELECT pg_current_wal_insert_lsn()::text AS lsn, pg_walfile_name(pg_current_wal_insert_lsn()) AS segment`,
    );
    const row = position.rows[0];
    if (row) walSync.syncUpTo(row);
  };
  let closing: Promise<void> | null = null;
  const onDestroy = (): Promise<void> =>
    (closing ??= (async () => {
      try {
        await pglite.close();
        syncDirectory(dataDir);
      } finally {
        unlock();
      }
    })());

  let report: MigrationReport | null = null;
  if (migrate) {
    // The migration runner and the application share the one PGlite connection, in turn.
    const owner = new Kysely<PosSchema>({ dialect: new PGliteDialect({ pglite, afterCommit: syncWal }) });
    report = await applyMigrations(owner);
    await owner.destroy();
  }
  const sessionRole = sqlRole[role];
  if (sessionRole) await pglite.query(`SET ROLE ${sessionRole}`);
  await syncWal();

  const db = new Kysely<PosSchema>({
    dialect: new PGliteDialect({ pglite, afterCommit: syncWal, onDestroy }),
  });
  const close = async (): Promise<void> => {
    await db.destroy(); // waits for the transaction in progress; skips the driver if never used
    await onDestroy();
  };
  return { db, backend: 'pglite', migrations: report, close };
}

async function openPostgres(
  databaseUrl: string,
  role: PosDatabaseRole,
  migrate: boolean,
  poolSize: number,
): Promise<PosDatabase> {
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === INT8_OID && format !== 'binary'
        ? parseInt8
        : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  };

  let report: MigrationReport | null = null;
  if (migrate) {
    const owner = new Kysely<PosSchema>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl, max: 1, types }) }),
    });
    try {
      report = await applyMigrations(owner);
    } finally {
      await owner.destroy();
    }
  }

  const sessionRole = sqlRole[role];
  const db = new Kysely<PosSchema>({
    dialect: new PostgresDialect({
      pool: new pg.Pool({ connectionString: databaseUrl, max: poolSize, types }),
      ...(sessionRole
        ? {
            onCreateConnection: async (connection) => {
              await connection.executeQuery(CompiledQuery.raw(`SET ROLE ${sessionRole}`));
            },
          }
        : {}),
    }),
  });
  try {
    await db.selectNoFrom((eb) => eb.lit(1).as('ready')).execute();
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, backend: 'postgres', migrations: report, close: () => db.destroy() };
}
