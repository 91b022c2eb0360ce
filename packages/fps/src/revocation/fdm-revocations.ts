import { checkFdmId, err, ok, type Result } from '@gks/core';
import type { Kysely } from 'kysely';
import type { FpsSchema } from '../db/schema.js';
import { currentFdm, type Clock } from '../registry/registrations.js';

type Db = Kysely<FpsSchema>;

export interface FdmRevocation {
  readonly fdmId: string;
  readonly reason: string;
  readonly revokedAt: Date;
  readonly revokedBy: string;
}

export interface RevocationProblem {
  readonly code: 'INVALID' | 'UNKNOWN_FDM' | 'ALREADY_REVOKED';
  readonly field?: string;
  readonly reason: string;
}

/** A certificate of a revoked FDM, as a CRL lists it. */
export interface RevokedCertificate {
  readonly serialNumber: string;
  readonly fdmId: string;
  readonly revokedAt: Date;
}

/**
 * Revokes an FDM: every certificate issued for it, and every one a renewal would give it. One
 * row, never changed (append-only); a second revocation of the same FDM is refused so the first
 * reason and date stay the record.
 */
export async function revokeFdm(
  db: Db,
  input: { fdmId: unknown; reason: unknown; by: string },
  clock: Clock,
): Promise<Result<FdmRevocation, RevocationProblem>> {
  if (typeof input.fdmId !== 'string') return err({ code: 'INVALID', field: 'fdmId', reason: 'missing' });
  const fdmId = checkFdmId(input.fdmId);
  if (!fdmId.ok) return err({ code: 'INVALID', field: 'fdmId', reason: fdmId.error.reason });
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (reason.length === 0 || reason.length > 500 || [...reason].some((c) => c.charCodeAt(0) < 0x20))
    return err({
      code: 'INVALID',
      field: 'reason',
      reason: 'why the FDM is revoked: 1 to 500 printable characters',
    });
  if (!(await currentFdm(db, fdmId.value)))
    return err({ code: 'UNKNOWN_FDM', field: 'fdmId', reason: `${fdmId.value} is not registered` });
  const revokedAt = clock.now();
  const inserted = await db
    .insertInto('fdm_revocation')
    .values({ fdm_id: fdmId.value, reason, revoked_at: revokedAt, revoked_by: input.by })
    .onConflict((c) => c.column('fdm_id').doNothing())
    .returning('seq')
    .executeTakeFirst();
  if (!inserted) {
    const earlier = await fdmRevocation(db, fdmId.value);
    return err({
      code: 'ALREADY_REVOKED',
      field: 'fdmId',
      reason: `${fdmId.value} was revoked on ${earlier?.revokedAt.toISOString() ?? '?'}`,
    });
  }
  return ok({ fdmId: fdmId.value, reason, revokedAt, revokedBy: input.by });
}

export async function fdmRevocation(db: Db, fdmId: string): Promise<FdmRevocation | null> {
  const row = await db
    .selectFrom('fdm_revocation')
    .selectAll()
    .where('fdm_id', '=', fdmId)
    .executeTakeFirst();
  return row
    ? {
        fdmId: row.fdm_id,
        reason: row.reason,
        revokedAt: new Date(row.revoked_at),
        revokedBy: row.revoked_by,
      }
    : null;
}

/** Every FDM certificate the CA issued to a revoked FDM, oldest revocation first. */
export async function revokedCertificates(db: Db): Promise<RevokedCertificate[]> {
  const rows = await db
    .selectFrom('issued_certificate as c')
    .innerJoin('fdm_revocation as r', 'r.fdm_id', 'c.fdm_id')
    .select(['c.serial_number', 'c.fdm_id', 'r.revoked_at'])
    .where('c.kind', '=', 'FDM')
    .orderBy('r.seq')
    .orderBy('c.serial_number')
    .execute();
  return rows.map((row) => ({
    serialNumber: row.serial_number,
    fdmId: row.fdm_id ?? '',
    revokedAt: new Date(row.revoked_at),
  }));
}
