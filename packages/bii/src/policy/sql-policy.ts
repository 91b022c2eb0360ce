import { err, ok, type Result } from '@gks/core';
import type { Sql } from '../store/sql.js';
import {
  checkChange,
  type EndUser,
  type FdmPolicy,
  type PolicyAdmin,
  type PolicyChange,
  type PolicyChangeRequest,
  type PolicyDecision,
} from './bridge-policy.js';

const generations = new WeakMap<Sql, number>();

/**
 * Changes made through any SqlPolicy on this database handle in this process: a decision cache
 * (CachedPolicy) drops its decisions when it moves.
 */
export const policyGeneration = (sql: Sql): number => generations.get(sql) ?? 0;
const policyChanged = (sql: Sql): void => {
  generations.set(sql, policyGeneration(sql) + 1);
};

/**
 * The policy in SQL (PostgreSQL or PGlite). One indexed lookup per request: a change made with
 * `gks bii enable/disable` on any node applies to the next request on every node.
 */
export class SqlPolicy implements PolicyAdmin {
  constructor(private readonly sql: Sql) {}

  async decide(fdmId: string, user: EndUser): Promise<PolicyDecision> {
    const rows = await this.sql.query<{ enabled: boolean; allowed: boolean }>(
      `SELECT f.enabled,
              EXISTS (SELECT 1 FROM bii_allowed a
                       WHERE a.fdm_id = f.fdm_id AND a.vat_no = $2 AND a.est_no = $3 AND a.pos_id = $4) AS allowed
         FROM bii_fdms f WHERE f.fdm_id = $1`,
      [fdmId, user.vatNo, user.estNo, user.posId],
    );
    const row = rows[0];
    // An FDM the bridge has never carried has nobody allowed for it.
    if (!row || !row.allowed) return 'not-allowed';
    return row.enabled ? 'allowed' : 'not-operational';
  }

  async enable(change: PolicyChangeRequest): Promise<Result<void, string>> {
    const checked = checkChange(change);
    if (!checked.ok) return checked;
    const result = await this.sql.transaction(async (tx) => {
      if (!change.endUser) {
        const allowed = await tx.query(`SELECT 1 FROM bii_allowed WHERE fdm_id = $1 LIMIT 1`, [change.fdmId]);
        if (allowed.length === 0)
          return err(`${change.fdmId} has nobody allowed: enable it with --vat-no, --est-no and --pos-id`);
      }
      await appendChange(tx, 'enable', change);
      await tx.query(
        `INSERT INTO bii_fdms (fdm_id, enabled, changed_at) VALUES ($1, true, $2)
         ON CONFLICT (fdm_id) DO UPDATE SET enabled = true, changed_at = $2`,
        [change.fdmId, change.at],
      );
      if (change.endUser) {
        const { vatNo, estNo, posId } = change.endUser;
        await tx.query(
          `INSERT INTO bii_allowed (fdm_id, vat_no, est_no, pos_id, since) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT DO NOTHING`,
          [change.fdmId, vatNo, estNo, posId, change.at],
        );
      }
      return ok(undefined);
    });
    if (result.ok) policyChanged(this.sql);
    return result;
  }

  async disable(change: PolicyChangeRequest): Promise<Result<void, string>> {
    const checked = checkChange(change);
    if (!checked.ok) return checked;
    const result = await this.sql.transaction(async (tx) => {
      const known = await tx.query(`SELECT 1 FROM bii_fdms WHERE fdm_id = $1`, [change.fdmId]);
      if (known.length === 0) return err(`${change.fdmId} was never enabled on this bridge`);
      await appendChange(tx, 'disable', change);
      if (change.endUser) {
        const { vatNo, estNo, posId } = change.endUser;
        await tx.query(
          `DELETE FROM bii_allowed WHERE fdm_id = $1 AND vat_no = $2 AND est_no = $3 AND pos_id = $4`,
          [change.fdmId, vatNo, estNo, posId],
        );
      } else {
        await tx.query(`UPDATE bii_fdms SET enabled = false, changed_at = $2 WHERE fdm_id = $1`, [
          change.fdmId,
          change.at,
        ]);
      }
      return ok(undefined);
    });
    if (result.ok) policyChanged(this.sql);
    return result;
  }

  async list(): Promise<FdmPolicy[]> {
    const fdms = await this.sql.query<{ fdm_id: string; enabled: boolean; changed_at: Date }>(
      `SELECT fdm_id, enabled, changed_at FROM bii_fdms ORDER BY fdm_id`,
    );
    const allowed = await this.sql.query<{
      fdm_id: string;
      vat_no: string;
      est_no: string;
      pos_id: string;
      since: Date;
    }>(
      `SELECT fdm_id, vat_no, est_no, pos_id, since FROM bii_allowed ORDER BY fdm_id, vat_no, est_no, pos_id`,
    );
    return fdms.map((fdm) => ({
      fdmId: fdm.fdm_id,
      enabled: fdm.enabled,
      changedAt: new Date(fdm.changed_at),
      allowed: allowed
        .filter((a) => a.fdm_id === fdm.fdm_id)
        .map((a) => ({ vatNo: a.vat_no, estNo: a.est_no, posId: a.pos_id, since: new Date(a.since) })),
    }));
  }

  async history(fdmId?: string): Promise<PolicyChange[]> {
    const rows = await this.sql.query<{
      seq: number;
      at: Date;
      actor: string;
      action: 'enable' | 'disable';
      fdm_id: string;
      vat_no: string | null;
      est_no: string | null;
      pos_id: string | null;
      reason: string;
    }>(
      `SELECT seq::float8 AS seq, at, actor, action, fdm_id, vat_no, est_no, pos_id, reason
         FROM bii_policy_changes WHERE $1::text IS NULL OR fdm_id = $1 ORDER BY seq`,
      [fdmId ?? null],
    );
    return rows.map((row) => ({
      seq: Number(row.seq),
      at: new Date(row.at),
      actor: row.actor,
      action: row.action,
      fdmId: row.fdm_id,
      reason: row.reason,
      ...(row.vat_no !== null && row.est_no !== null && row.pos_id !== null
        ? { endUser: { vatNo: row.vat_no, estNo: row.est_no, posId: row.pos_id } }
        : {}),
    }));
  }
}

async function appendChange(
  tx: Pick<Sql, 'query'>,
  action: 'enable' | 'disable',
  change: PolicyChangeRequest,
): Promise<void> {
  await tx.query(
    `INSERT INTO bii_policy_changes (at, actor, action, fdm_id, vat_no, est_no, pos_id, reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      change.at,
      change.actor,
      action,
      change.fdmId,
      change.endUser?.vatNo ?? null,
      change.endUser?.estNo ?? null,
      change.endUser?.posId ?? null,
      change.reason,
    ],
  );
}
