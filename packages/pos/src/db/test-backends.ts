/**
 * Test support: run one suite against every storage backend (embedded PGlite and a real
 * PostgreSQL server). The machinery lives in @gks/db/testing; the POS's part is opening its
 * own database. Not part of the package's public API.
 */
import { sharedDatabase as sharedOf, type TestBackend } from '@gks/db/testing';
import { openPosDatabase, type PosDatabase } from './open-database.js';

export {
  describeEachBackend,
  findServerBinaries,
  PGliteTestBackend,
  postgresSource,
  type BackendKind,
  type PostgresSource,
  type TestBackend,
} from '@gks/db/testing';

/**
 * One database for a group of tests that leave it as they found it (refusal tests): opened and
 * prepared by `setUp` on first use, closed after the group. Call it inside a describe block.
 */
export function sharedDatabase(
  backend: TestBackend,
  setUp: (pos: PosDatabase) => Promise<void> = async () => undefined,
): () => Promise<PosDatabase> {
  return sharedOf(backend, (location) => openPosDatabase(location), setUp);
}
