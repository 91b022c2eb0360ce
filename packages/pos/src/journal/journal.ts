import { err, ok, type Result } from '@gks/core';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { PosSchema } from '../db/schema.js';
import { canonicalJson, entryHash, genesisHash, type JsonObject } from './canonical.js';

export interface Clock {
  now(): Date;
}

/** Entered data that is not a fiscal event (C-41); fiscal events go through the outbox. */
export const nonEventKinds = [
  'login',
  'logout',
  'price_change',
  'master_data_change',
  'configuration_change',
  'fdm_incident_start',
  'fdm_incident_end',
  'journal_export',
  // a kitchen note on order lines: not fiscal, so not in any event (LineEntryInput.note)
  'kitchen_note',
  // a document a printer accepted (a ticket's original, a kitchen ticket)
  'print',
] as const;
export type NonEventKind = (typeof nonEventKinds)[number];

/** Kinds written by the outbox, in the same chain. */
export type FiscalKind = 'fiscal_event' | 'fiscal_result';
export type JournalKind = NonEventKind | FiscalKind;

// Kinds that the system records on its own (a detected FDM outage, an export run by a
// scheduled job) may have no user; everything a person does has one (C-29).
const kindsWithoutUser: ReadonlySet<JournalKind> = new Set([
  'fdm_incident_start',
  'fdm_incident_end',
  'journal_export',
]);

export interface NonEventInput {
  readonly kind: NonEventKind;
  readonly terminalId: string | null;
  /** The POS's user id (never the INSZ/BIS number, which stays in the users table). */
  readonly userId: string | null;
  /** For fdm_incident_start/end: `cause` (C-26, B-4); for master data: what changed, before and after. */
  readonly data: JsonObject;
}

export interface JournalEntry {
  readonly seq: number;
  readonly recordedAt: Date;
  readonly kind: JournalKind;
  readonly terminalId: string | null;
  readonly userId: string | null;
  readonly data: string;
  readonly fdmMessage: Uint8Array | null;
  readonly prevHash: Uint8Array;
  readonly entryHash: Uint8Array;
}

export type JournalInputProblem =
  | { readonly code: 'UNKNOWN_KIND'; readonly kind: string }
  | { readonly code: 'USER_REQUIRED'; readonly kind: string }
  | { readonly code: 'BAD_IDENTIFIER'; readonly field: 'terminalId' | 'userId' }
  | { readonly code: 'DATA_NOT_JSON' }
  | { readonly code: 'CAUSE_REQUIRED' };

export type Database = Kysely<PosSchema> | Transaction<PosSchema>;

/** Appends a non-event to the journal, in the caller's transaction if `db` is one. */
export async function appendJournalEntry(
  db: Database,
  input: NonEventInput,
  clock: Clock,
): Promise<Result<JournalEntry, JournalInputProblem>> {
  const problem = checkNonEvent(input);
  if (problem) return err(problem);
  const data = canonicalJson(input.data);
  if (data === null) return err({ code: 'DATA_NOT_JSON' });
  const entry = await inTransaction(db, (trx) =>
    appendRaw(
      trx,
      { kind: input.kind, terminalId: input.terminalId, userId: input.userId, data, fdmMessage: null },
      clock,
    ),
  );
  return ok(entry);
}

function checkNonEvent(input: NonEventInput): JournalInputProblem | null {
  if (!(nonEventKinds as readonly string[]).includes(input.kind))
    return { code: 'UNKNOWN_KIND', kind: String(input.kind) };
  if (input.terminalId !== null && !isIdentifier(input.terminalId))
    return { code: 'BAD_IDENTIFIER', field: 'terminalId' };
  if (input.userId === null) {
    if (!kindsWithoutUser.has(input.kind)) return { code: 'USER_REQUIRED', kind: input.kind };
  } else if (!isIdentifier(input.userId)) return { code: 'BAD_IDENTIFIER', field: 'userId' };
  if (typeof input.data !== 'object' || input.data === null || Array.isArray(input.data))
    return { code: 'DATA_NOT_JSON' };
  if (input.kind === 'fdm_incident_start' || input.kind === 'fdm_incident_end') {
    const cause = input.data['cause'];
    if (typeof cause !== 'string' || cause.trim() === '') return { code: 'CAUSE_REQUIRED' };
  }
  return null;
}

/** 1..600 characters (the FDM's terminalId rule), no surrounding whitespace, no control characters. */
export function isIdentifier(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length >= 1 &&
    value.length <= 600 &&
    value.trim() === value &&
    // eslint-disable-next-line no-control-regex
    !/[\u0000-\u001f\u007f]/.test(value)
  );
}

export interface RawEntry {
  readonly kind: JournalKind;
  readonly terminalId: string | null;
  readonly userId: string | null;
  readonly data: string;
  readonly fdmMessage: Uint8Array | null;
}

// Serialises every append (and with it the POS ticket numbering) across connections. An advisory
// lock because gks_app has neither UPDATE (for SELECT ... FOR UPDATE) nor an EXCLUSIVE table lock.
const journalLockKey = 0x67_6b_73_02;

/** The newest entry, which the next one links to; null for an empty journal. */
export interface JournalHead {
  readonly seq: number;
  readonly entryHash: Uint8Array;
}

/**
 * Appends one entry inside an open transaction: takes the journal lock, then links to the
 * current head. Exported for tests and callers that add their own rows in the same transaction.
 */
export async function appendRaw(
  trx: Transaction<PosSchema>,
  raw: RawEntry,
  clock: Clock,
): Promise<JournalEntry> {
  await lockJournal(trx);
  const head = await readJournalHead(trx);
  const entry = nextEntry(head, raw, clock);
  await trx.insertInto('journal_entry').values(journalRow(entry)).execute();
  return entry;
}

/** The head as it stands; only meaningful under the journal lock (`lockJournal` first). */
export async function readJournalHead(trx: Transaction<PosSchema>): Promise<JournalHead | null> {
  const row = await trx
    .selectFrom('journal_entry')
    .select(['seq', 'entry_hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { seq: row.seq, entryHash: new Uint8Array(row.entry_hash) } : null;
}

/** The entry that follows `head`: its number, link and hash (C-41). */
export function nextEntry(head: JournalHead | null, raw: RawEntry, clock: Clock): JournalEntry {
  const fields = {
    seq: (head?.seq ?? 0) + 1,
    recordedAt: clock.now(),
    kind: raw.kind,
    terminalId: raw.terminalId,
    userId: raw.userId,
    data: raw.data,
    fdmMessage: raw.fdmMessage,
    prevHash: head ? head.entryHash : genesisHash,
  };
  return { ...fields, entryHash: entryHash(fields) };
}

/** The row that stores an entry, for an insert of its own or inside a combined statement. */
export function journalRow(entry: JournalEntry) {
  return {
    seq: entry.seq,
    recorded_at: entry.recordedAt,
    kind: entry.kind,
    terminal_id: entry.terminalId,
    user_id: entry.userId,
    data: entry.data,
    fdm_message: entry.fdmMessage,
    prev_hash: entry.prevHash,
    entry_hash: entry.entryHash,
  };
}

// Transactions holding the journal lock: the lock lasts until commit, so asking again would
// only add a round trip while every other terminal waits for it.
const lockedTransactions = new WeakSet<Transaction<PosSchema>>();

export async function lockJournal(trx: Transaction<PosSchema>): Promise<void> {
  if (lockedTransactions.has(trx)) return;
  await sql`SELECT pg_advisory_xact_lock(${journalLockKey})`.execute(trx);
  lockedTransactions.add(trx);
}

export async function inTransaction<T>(
  db: Database,
  work: (trx: Transaction<PosSchema>) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? work(db as Transaction<PosSchema>) : db.transaction().execute(work);
}

/** Reads entries in ascending order, `afterSeq` exclusive. */
export async function readJournal(db: Database, afterSeq: number, limit: number): Promise<JournalEntry[]> {
  const rows = await db
    .selectFrom('journal_entry')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    seq: row.seq,
    recordedAt: row.recorded_at,
    kind: row.kind as JournalKind,
    terminalId: row.terminal_id,
    userId: row.user_id,
    data: row.data,
    fdmMessage: row.fdm_message === null ? null : new Uint8Array(row.fdm_message),
    prevHash: new Uint8Array(row.prev_hash),
    entryHash: new Uint8Array(row.entry_hash),
  }));
}
