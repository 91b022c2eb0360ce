// PostgreSQL for every server of the system: embedded PGlite (durable) or a PostgreSQL server.
export {
  openDatabase,
  databaseLocation,
  type Database,
  type DatabaseLocation,
  type MigrationPlan,
  type OpenDatabaseOptions,
} from './open-database.js';
export {
  applyMigrations,
  createRoleIfMissing,
  grantRoleToOwner,
  type Migration,
  type MigrationReport,
} from './migrations.js';
export { DataDirInUseError, lockDataDir } from './data-dir-lock.js';
export { PGliteDialect, type PGliteDialectConfig } from './pglite-dialect.js';
export { Mutex } from './mutex.js';
export {
  fsyncPath,
  fsyncTree,
  segmentRange,
  syncDirectory,
  WalSync,
  type WalPosition,
} from './pglite-durability.js';
