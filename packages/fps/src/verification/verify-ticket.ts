import type { Kysely } from 'kysely';
import type { FpsSchema } from '../db/schema.js';

/** What the verification page says about a ticket's QR reference. */
export type TicketVerdict =
  | {
      readonly status: 'valid';
      readonly fdmId: string;
      readonly totalCounter: number;
      readonly fdmDateTime: string;
      readonly eventLabel: string;
      readonly eventOperation: string;
      readonly totalCents: number | null;
      readonly estNo: string | null;
      readonly vatNo: string | null;
      readonly isTraining: boolean;
    }
  /** No event with this fdmId and totalCounter has been uploaded (yet). */
  | { readonly status: 'unknown'; readonly fdmId: string; readonly totalCounter: number }
  /** The event exists but its signature is not the one on the ticket. */
  | { readonly status: 'forged'; readonly fdmId: string; readonly totalCounter: number }
  | { readonly status: 'malformed'; readonly reason: string };

/** Checks `<fdmId>/<totalCounter>/<shortSignature>` (the tail of the ticket's verificationUrl). */
export async function verifyTicket(
  db: Kysely<FpsSchema>,
  fdmId: string,
  totalCounterText: string,
  shortSignature: string,
): Promise<TicketVerdict> {
  if (!/^[A-Z0-9]{11}$/.test(fdmId)) return { status: 'malformed', reason: 'fdmId is 11 letters and digits' };
  if (!/^[1-9][0-9]{0,14}$/.test(totalCounterText))
    return { status: 'malformed', reason: 'totalCounter is a positive whole number' };
  if (!/^[0-9a-f]{40}$/.test(shortSignature))
    return { status: 'malformed', reason: 'the short signature is 40 lower-case hex digits' };
  const totalCounter = Number(totalCounterText);
  const row = await db
    .selectFrom('uploaded_event')
    .select([
      'fdm_date_time',
      'event_label',
      'event_operation',
      'total_cents',
      'est_no',
      'vat_no',
      'is_training',
      'short_signature',
    ])
    .where('fdm_id', '=', fdmId)
    .where('total_counter', '=', totalCounter)
    .executeTakeFirst();
  if (!row) return { status: 'unknown', fdmId, totalCounter };
  if (row.short_signature !== shortSignature) return { status: 'forged', fdmId, totalCounter };
  return {
    status: 'valid',
    fdmId,
    totalCounter,
    fdmDateTime: row.fdm_date_time,
    eventLabel: row.event_label,
    eventOperation: row.event_operation,
    totalCents: row.total_cents === null ? null : Number(row.total_cents),
    estNo: row.est_no,
    vatNo: row.vat_no,
    isTraining: row.is_training,
  };
}
