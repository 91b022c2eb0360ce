import { databaseLocation, openDatabase, type DatabaseLocation } from '@gks/db';
import { applyMigrations, type MigrationReport } from './migrations.js';
import type { PosSchema } from './schema.js';
import type { Kysely } from 'kysely';

/** Where the database lives: an embedded PGlite data directory, or a PostgreSQL server. */
export type PosDatabaseLocation = DatabaseLocation;

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
export const posDatabaseLocation: (env: NodeJS.ProcessEnv, defaultDataDir: string) => PosDatabaseLocation =
  databaseLocation;

const sqlRole: Record<PosDatabaseRole, string | null> = {
  app: 'gks_app',
  auditor: 'gks_auditor',
  owner: null,
};

/** Opens the POS database, applies migrations and switches to the requested role. */
export function openPosDatabase(options: PosDatabaseOptions): Promise<PosDatabase> {
  return openDatabase<PosSchema>({
    location: 'dataDir' in options ? { dataDir: options.dataDir } : { databaseUrl: options.databaseUrl },
    migrations: (owner) => applyMigrations(owner),
    role: sqlRole[options.role ?? 'app'],
    ...(options.migrate === undefined ? {} : { migrate: options.migrate }),
    ...(options.poolSize === undefined ? {} : { poolSize: options.poolSize }),
  });
}
