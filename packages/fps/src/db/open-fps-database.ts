import { openDatabase, type Database, type DatabaseLocation } from '@gks/db';
import { fpsMigrations } from './migrations.js';
import type { FpsSchema } from './schema.js';

/**
 * `app` reads and appends (the service); `auditor` may only SELECT the uploaded events and the
 * registrations (least privilege, enforced by PostgreSQL, not by our code); `owner` for tests.
 */
export type FpsDatabaseRole = 'app' | 'auditor' | 'owner';

export type FpsDatabase = Database<FpsSchema>;

const sqlRole: Record<FpsDatabaseRole, string | null> = {
  app: 'fps_app',
  auditor: 'fps_auditor',
  owner: null,
};

export function openFpsDatabase(
  location: DatabaseLocation,
  role: FpsDatabaseRole = 'app',
  options: { migrate?: boolean; poolSize?: number } = {},
): Promise<FpsDatabase> {
  return openDatabase<FpsSchema>({ location, migrations: fpsMigrations, role: sqlRole[role], ...options });
}
