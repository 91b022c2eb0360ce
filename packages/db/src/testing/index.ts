// Test support: one suite on embedded PGlite and on a real PostgreSQL server.
export {
  describeEachBackend,
  findServerBinaries,
  freePort,
  pgliteTemplate,
  PGliteTestBackend,
  postgresSource,
  PostgresTestBackend,
  sharedDatabase,
  ThrowawayCluster,
  type BackendKind,
  type PostgresSource,
  type ServerSource,
  type TestBackend,
} from './test-backends.js';
