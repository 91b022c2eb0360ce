import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { DataDirInUseError, lockDataDir } from '@gks/db';
import pg from 'pg';

/**
 * The bridge's one storage adapter: SQL on PostgreSQL (DATABASE_URL, what several nodes share)
 * or embedded PGlite (one node, no server to run). Both speak the same SQL; nothing that passes
 * through the bridge is ever written here, only policy, routing and counters.
 */
export interface Sql {
  readonly backend: 'pglite' | 'postgres';
  query<R extends object>(text: string, params?: readonly unknown[]): Promise<R[]>;
  /** Runs `work` in one transaction on one connection. */
  transaction<T>(work: (sql: Pick<Sql, 'query'>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type SqlLocation = { readonly dataDir: string } | { readonly databaseUrl: string };

/** `DATABASE_URL` selects a PostgreSQL server; without it, PGlite in `<dir>/db`. */
export function sqlLocation(env: NodeJS.ProcessEnv, dataDir: string): SqlLocation {
  const databaseUrl = env['DATABASE_URL']?.trim();
  return databaseUrl ? { databaseUrl } : { dataDir };
}

export async function openSql(location: SqlLocation, poolSize = 10): Promise<Sql> {
  return 'dataDir' in location ? openPGlite(location.dataDir) : openPostgres(location.databaseUrl, poolSize);
}

async function openPostgres(databaseUrl: string, poolSize: number): Promise<Sql> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const query = async <R extends object>(text: string, params: readonly unknown[] = []) =>
    (await pool.query<R>(text, [...params])).rows;
  await query('SELECT 1');
  return {
    backend: 'postgres',
    query,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({
          query: async <R extends object>(text: string, params: readonly unknown[] = []) =>
            (await client.query<R>(text, [...params])).rows,
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

async function openPGlite(dataDir: string): Promise<Sql> {
  mkdirSync(dirname(resolve(dataDir)), { recursive: true });
  const unlock = lockBridgeDataDir(dataDir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({ dataDir });
  } catch (error) {
    unlock();
    throw error;
  }
  return {
    backend: 'pglite',
    query: async <R extends object>(text: string, params: readonly unknown[] = []) =>
      (await pglite.query<R>(text, [...params])).rows,
    transaction: (work) =>
      pglite.transaction((tx) =>
        work({
          query: async <R extends object>(text: string, params: readonly unknown[] = []) =>
            (await tx.query<R>(text, [...params])).rows,
        }),
      ),
    async close() {
      try {
        await pglite.close();
      } finally {
        unlock();
      }
    },
  };
}

/** The shared data-directory lock, refusing with the bridge's own advice. */
function lockBridgeDataDir(dataDir: string): () => void {
  try {
    return lockDataDir(dataDir);
  } catch (error) {
    if (error instanceof DataDirInUseError) throw new DatabaseInUseError(error.pid);
    throw error;
  }
}

export class DatabaseInUseError extends Error {
  constructor(readonly pid: number) {
    super(
      `the embedded database is in use by process ${pid} (a running bridge node?): ` +
        'stop it, or run the bridge on PostgreSQL (DATABASE_URL) so that several processes can share it',
    );
    this.name = 'DatabaseInUseError';
  }
}
