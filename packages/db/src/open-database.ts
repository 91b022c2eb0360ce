import { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.js';
import { applyMigrations, type Migration, type MigrationReport } from './migrations.js';
import { PGliteDialect } from './pglite-dialect.js';
import { syncDirectory, WalSync } from './pglite-durability.js';

/** Where a database lives: an embedded PGlite data directory, or a PostgreSQL server. */
export type DatabaseLocation = { readonly dataDir: string } | { readonly databaseUrl: string };

/**
 * How to bring a database's schema up to date, run as the connecting user before the session
 * switches role: a list for this package's runner, or a runner of the caller's own.
 */
export type MigrationPlan<Schema> =
  readonly Migration[] | ((owner: Kysely<Schema>) => Promise<MigrationReport>);

export interface OpenDatabaseOptions<Schema> {
  readonly location: DatabaseLocation;
  /** Applied at open unless `migrate` is false. */
  readonly migrations: MigrationPlan<Schema>;
  /** Default true. */
  readonly migrate?: boolean;
  /**
   * The SQL role the session works as (`SET ROLE`), e.g. a role that may only append, or only
   * read; null or absent: the connecting user itself. The migrations must create the role.
   */
  readonly role?: string | null;
  /** Connections to a PostgreSQL server. Default 10. PGlite has exactly one. */
  readonly poolSize?: number;
}

export interface Database<Schema> {
  readonly db: Kysely<Schema>;
  readonly backend: 'pglite' | 'postgres';
  readonly migrations: MigrationReport | null;
  close(): Promise<void>;
}

/** `DATABASE_URL` selects a PostgreSQL server; without it, the embedded PGlite data directory. */
export function databaseLocation(env: NodeJS.ProcessEnv, defaultDataDir: string): DatabaseLocation {
  const databaseUrl = env['DATABASE_URL']?.trim();
  return databaseUrl ? { databaseUrl } : { dataDir: defaultDataDir };
}

const INT8_OID = 20;
// bigint columns (journal sequence numbers) are read as numbers on both backends: a
// string from pg and a number from PGlite would make the same code behave differently.
const parseInt8 = (text: string): number => {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`bigint ${text} is beyond the safe integer range`);
  return value;
};

type Setup<Schema> = {
  readonly migrate: ((owner: Kysely<Schema>) => Promise<MigrationReport>) | null;
  readonly role: string | null;
};

/** Opens a database, applies its migrations and switches to the requested role. */
export async function openDatabase<Schema>(options: OpenDatabaseOptions<Schema>): Promise<Database<Schema>> {
  const role = options.role ?? null;
  if (role !== null && !/^[a-z_][a-z0-9_]{0,62}$/.test(role))
    throw new TypeError(`not a plain SQL role name: ${JSON.stringify(role)}`);
  const plan = options.migrations;
  const runner = typeof plan === 'function' ? plan : (owner: Kysely<Schema>) => applyMigrations(owner, plan);
  const setup: Setup<Schema> = { migrate: (options.migrate ?? true) ? runner : null, role };
  const { location } = options;
  return 'dataDir' in location
    ? openPGlite(location.dataDir, setup)
    : openPostgres(location.databaseUrl, setup, options.poolSize ?? 10);
}

async function openPGlite<Schema>(dataDir: string, setup: Setup<Schema>): Promise<Database<Schema>> {
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
    return await startPGliteSession(pglite, dataDir, setup, unlock);
  } catch (error) {
    await pglite?.close().catch(() => undefined);
    unlock();
    throw error;
  }
}

async function startPGliteSession<Schema>(
  pglite: PGlite,
  dataDir: string,
  setup: Setup<Schema>,
  unlock: () => void,
): Promise<Database<Schema>> {
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
  if (setup.migrate) {
    // The migration runner and the application share the one PGlite connection, in turn.
    const owner = new Kysely<Schema>({ dialect: new PGliteDialect({ pglite, afterCommit: syncWal }) });
    report = await setup.migrate(owner);
    await owner.destroy();
  }
  if (setup.role) await pglite.query(`SET ROLE ${setup.role}`);
  await syncWal();

  const db = new Kysely<Schema>({
    dialect: new PGliteDialect({ pglite, afterCommit: syncWal, onDestroy }),
  });
  const close = async (): Promise<void> => {
    await db.destroy(); // waits for the transaction in progress; skips the driver if never used
    await onDestroy();
  };
  return { db, backend: 'pglite', migrations: report, close };
}

async function openPostgres<Schema>(
  databaseUrl: string,
  setup: Setup<Schema>,
  poolSize: number,
): Promise<Database<Schema>> {
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === INT8_OID && format !== 'binary'
        ? parseInt8
        : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  };

  let report: MigrationReport | null = null;
  if (setup.migrate) {
    const owner = new Kysely<Schema>({
      dialect: new PostgresDialect({ pool: pool({ connectionString: databaseUrl, max: 1, types }) }),
    });
    try {
      report = await setup.migrate(owner);
    } finally {
      await owner.destroy();
    }
  }

  const sessionRole = setup.role;
  const db = new Kysely<Schema>({
    dialect: new PostgresDialect({
      pool: pool({ connectionString: databaseUrl, max: poolSize, types }),
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

/**
 * A pool that survives the server dropping an idle connection (restart, failover): without an
 * error listener, pg re-emits that as an uncaught exception and the process dies. The pool
 * discards the broken client; the next query opens a new one or fails as a value of its own.
 */
function pool(config: pg.PoolConfig): pg.Pool {
  const created = new pg.Pool(config);
  created.on('error', () => undefined);
  return created;
}
