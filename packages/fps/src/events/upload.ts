import { createPublicKey, type KeyObject } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { FpsSchema } from '../db/schema.js';
import type { Clock } from '../registry/registrations.js';
import { canonicalJson } from '@gks/audit';
import { dataHashOf, readSignedFields, shortSignatureOf, signatureHolds } from './event-signature.js';

type Db = Kysely<FpsSchema>;

export type EventOutcome =
  | { readonly totalCounter: number; readonly outcome: 'stored' | 'duplicate' }
  | { readonly totalCounter: number | null; readonly outcome: 'refused'; readonly reason: string };

export interface UploadReport {
  readonly outcomes: readonly EventOutcome[];
  /** Every event 1..acknowledgedThrough of this FDM is stored here: the FDM may forget its queue up to it. */
  readonly acknowledgedThrough: number;
}

/** At most this many events per request: one request stays one bounded transaction. */
export const maxEventsPerUpload = 500;

/**
 * Stores events uploaded by `fdmId` (authenticated by its client certificate). Each event is
 * `{fields, request, result}` as the FDM's memory holds it; its signature is checked against the
 * FDM's registered certificates on arrival. Idempotent: the same fdmRef with the same content is
 * a no-op; the same fdmRef with other content is refused and kept as evidence (upload_refusal).
 */
export async function storeUploadedEvents(
  db: Db,
  fdmId: string,
  events: readonly unknown[],
  clock: Clock,
): Promise<UploadReport> {
  const keys = await fdmPublicKeys(db, fdmId);
  const outcomes: EventOutcome[] = [];
  for (const event of events) outcomes.push(await storeOne(db, fdmId, keys, event, clock));
  return { outcomes, acknowledgedThrough: await acknowledgedThrough(db, fdmId) };
}

async function storeOne(
  db: Db,
  fdmId: string,
  keys: readonly KeyObject[],
  event: unknown,
  clock: Clock,
): Promise<EventOutcome> {
  const refuse = async (reason: string, totalCounter: number | null): Promise<EventOutcome> => {
    await db
      .insertInto('upload_refusal')
      .values({
        fdm_id: fdmId,
        total_counter: totalCounter,
        reason,
        payload: safeJson(event),
        received_at: clock.now(),
      })
      .execute();
    return { totalCounter, outcome: 'refused', reason };
  };
  if (typeof event !== 'object' || event === null || Array.isArray(event))
    return refuse('event is not an object', null);
  const { fields: rawFields, request, result } = event as Record<string, unknown>;
  const fields = readSignedFields(rawFields);
  if (typeof fields === 'string') return refuse(fields, null);
  const counter = fields.totalCounter;
  if (counter < 1) return refuse('totalCounter must be at least 1', null);
  if (fields.fdmId !== fdmId) return refuse(`event of ${fields.fdmId} uploaded by ${fdmId}`, counter);
  if (typeof result !== 'object' || result === null) return refuse('result is missing', counter);
  const digitalSignature = (result as Record<string, unknown>)['digitalSignature'];
  if (typeof digitalSignature !== 'string') return refuse('result.digitalSignature is missing', counter);
  let payload: string;
  let dataHash: string;
  try {
    const text = canonicalJson({ fields, request, result });
    if (text === undefined) throw new TypeError('not JSON data');
    payload = text;
    dataHash = dataHashOf(request);
  } catch {
    return refuse('event is not representable as JSON', counter);
  }
  if (dataHash !== fields.dataHash) return refuse('dataHash is not the hash of the request', counter);
  if (!keys.some((key) => signatureHolds(key, fields, digitalSignature)))
    return refuse("the signature does not verify with the FDM's certificate", counter);

  const existing = await db
    .selectFrom('uploaded_event')
    .select('payload')
    .where('fdm_id', '=', fdmId)
    .where('total_counter', '=', counter)
    .executeTakeFirst();
  if (existing) {
    return existing.payload === payload
      ? { totalCounter: counter, outcome: 'duplicate' }
      : refuse('an event with this fdmRef and other content is already stored', counter);
  }
  const data = (typeof request === 'object' && request !== null ? request : {}) as Record<string, unknown>;
  const inserted = await db
    .insertInto('uploaded_event')
    .values({
      fdm_id: fdmId,
      total_counter: counter,
      event_label: fields.eventLabel,
      event_counter: fields.eventCounter,
      event_operation: fields.eventOperation,
      fdm_date_time: fields.fdmDateTime,
      is_training: fields.isTraining,
      pos_id: fields.posId,
      pos_fiscal_ticket_no: fields.posFiscalTicketNo,
      vat_no: typeof data['vatNo'] === 'string' ? data['vatNo'] : null,
      est_no: typeof data['estNo'] === 'string' ? data['estNo'] : null,
      total_cents: totalCentsOf(data),
      digital_signature: digitalSignature,
      short_signature: shortSignatureOf(digitalSignature),
      payload,
      received_at: clock.now(),
    })
    // Two uploads of the same event at once: the loser finds the winner's row next time.
    .onConflict((oc) => oc.columns(['fdm_id', 'total_counter']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return storeOne(db, fdmId, keys, event, clock);
  return { totalCounter: counter, outcome: 'stored' };
}

/** transactionTotal (euros at the GraphQL boundary) in integer cents, when the event has one. */
function totalCentsOf(data: Record<string, unknown>): number | null {
  const transaction = data['transaction'];
  if (typeof transaction !== 'object' || transaction === null) return null;
  const total = (transaction as Record<string, unknown>)['transactionTotal'];
  return typeof total === 'number' && Number.isFinite(total) ? Math.round(total * 100) : null;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return '"(not JSON)"';
  }
}

/** The public keys of every FDM certificate the CA issued for `fdmId` (a renewal adds one). */
export async function fdmPublicKeys(db: Db, fdmId: string): Promise<KeyObject[]> {
  const rows = await db
    .selectFrom('issued_certificate')
    .select('pem')
    .where('fdm_id', '=', fdmId)
    .where('kind', '=', 'FDM')
    .execute();
  return rows.map((row) => createPublicKey(row.pem));
}

/** The highest n such that events 1..n of the FDM are all stored. */
export async function acknowledgedThrough(db: Db, fdmId: string): Promise<number> {
  // The end of the first run of consecutive counters; it counts only if that run starts at 1.
  const { rows } = await sql<{ first: number | null; run_end: number | null }>`
    SELECT
      (SELECT min(total_counter) FROM uploaded_event WHERE fdm_id = ${fdmId}) AS first,
      (SELECT min(e.total_counter) FROM uploaded_event e
        WHERE e.fdm_id = ${fdmId}
          AND NOT EXISTS (SELECT 1 FROM uploaded_event f
                          WHERE f.fdm_id = e.fdm_id AND f.total_counter = e.total_counter + 1)) AS run_end
  `.execute(db);
  const row = rows[0];
  return row && Number(row.first) === 1 ? Number(row.run_end) : 0;
}
