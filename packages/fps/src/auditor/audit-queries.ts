import { sql, type Kysely, type Transaction } from 'kysely';
import type { FpsSchema } from '../db/schema.js';

/**
 * Runs `work` as fps_auditor in a read-only transaction: PostgreSQL itself refuses any write,
 * whatever the code inside does (least privilege). SET LOCAL ROLE is allowed because the
 * session's login user is a member of fps_auditor (the migrations grant it), and it ends with
 * the transaction.
 */
export function asAuditor<T>(
  db: Kysely<FpsSchema>,
  work: (trx: Transaction<FpsSchema>) => Promise<T>,
): Promise<T> {
  return db
    .transaction()
    .setAccessMode('read only')
    .execute(async (trx) => {
      await sql`SET LOCAL ROLE fps_auditor`.execute(trx);
      return work(trx);
    });
}

export interface AuditFilter {
  readonly fdmId?: string;
  /** fdmDateTime at or after (inclusive), ISO text as the FDM wrote it. */
  readonly from?: string;
  /** fdmDateTime before (exclusive). */
  readonly to?: string;
  readonly limit: number;
  /** Keyset paging: events after this (fdmId, totalCounter). */
  readonly after?: { fdmId: string; totalCounter: number };
}

export interface AuditedEvent {
  readonly fdmId: string;
  readonly totalCounter: number;
  readonly eventLabel: string;
  readonly eventCounter: number;
  readonly eventOperation: string;
  readonly fdmDateTime: string;
  readonly isTraining: boolean;
  readonly posId: string;
  readonly posFiscalTicketNo: number;
  readonly vatNo: string | null;
  readonly estNo: string | null;
  readonly totalCents: number | null;
  readonly shortSignature: string;
  readonly receivedAt: string;
}

export async function auditEvents(trx: Kysely<FpsSchema>, filter: AuditFilter): Promise<AuditedEvent[]> {
  let query = trx.selectFrom('uploaded_event').selectAll();
  if (filter.fdmId) query = query.where('fdm_id', '=', filter.fdmId);
  if (filter.from) query = query.where('fdm_date_time', '>=', filter.from);
  if (filter.to) query = query.where('fdm_date_time', '<', filter.to);
  if (filter.after) {
    const after = filter.after;
    query = query.where((eb) =>
      eb.or([
        eb('fdm_id', '>', after.fdmId),
        eb.and([eb('fdm_id', '=', after.fdmId), eb('total_counter', '>', after.totalCounter)]),
      ]),
    );
  }
  const rows = await query.orderBy('fdm_id').orderBy('total_counter').limit(filter.limit).execute();
  return rows.map((r) => ({
    fdmId: r.fdm_id,
    totalCounter: Number(r.total_counter),
    eventLabel: r.event_label,
    eventCounter: Number(r.event_counter),
    eventOperation: r.event_operation,
    fdmDateTime: r.fdm_date_time,
    isTraining: r.is_training,
    posId: r.pos_id,
    posFiscalTicketNo: Number(r.pos_fiscal_ticket_no),
    vatNo: r.vat_no,
    estNo: r.est_no,
    totalCents: r.total_cents === null ? null : Number(r.total_cents),
    shortSignature: r.short_signature,
    receivedAt: new Date(r.received_at).toISOString(),
  }));
}
