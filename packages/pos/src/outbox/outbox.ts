import {
  eventLabelValues,
  eventOperationValues,
  err,
  ok,
  type EventLabel,
  type EventOperation,
  type Result,
} from '@gks/core';
import { canonicalJson } from '../journal/canonical.js';
import type { ExpressionBuilder } from 'kysely';
import type { PosSchema } from '../db/schema.js';
import {
  inTransaction,
  isIdentifier,
  journalRow,
  lockJournal,
  nextEntry,
  type Clock,
  type Database,
  type JournalHead,
} from '../journal/journal.js';
import { nextPosFiscalTicketNo } from './ticket-number.js';

export interface FiscalEventDraft {
  readonly posId: string;
  readonly terminalId: string;
  readonly userId: string;
  readonly eventLabel: EventLabel;
  readonly eventOperation: EventOperation;
  /**
   * Builds the exact request bytes once the ticket number is allocated; these bytes are what
   * is sent, and resent after a crash. Runs inside the transaction: a throw gives the number back.
   */
  readonly request: (posFiscalTicketNo: number) => Uint8Array;
}

export interface FiscalEvent {
  readonly journalSeq: number;
  readonly recordedAt: Date;
  readonly posId: string;
  readonly posFiscalTicketNo: number;
  readonly eventLabel: EventLabel;
  readonly eventOperation: EventOperation;
  readonly terminalId: string;
  readonly userId: string;
  readonly request: Uint8Array;
}

export type FiscalOutcome = 'signed' | 'refused';

export interface FiscalResultInput {
  readonly eventSeq: number;
  /** `signed`: the FDM registered the event (also for a DUPLICATE_REQUEST answer); `refused`: it did not. */
  readonly outcome: FiscalOutcome;
  /** The exact bytes of the FDM's answer. */
  readonly response: Uint8Array;
}

export type OutboxProblem =
  | { readonly code: 'BAD_IDENTIFIER'; readonly field: 'posId' | 'terminalId' | 'userId' }
  | { readonly code: 'BAD_LABEL' | 'BAD_OPERATION' | 'EMPTY_REQUEST' | 'BAD_OUTCOME' }
  | { readonly code: 'UNKNOWN_EVENT' | 'RESULT_ALREADY_RECORDED'; readonly eventSeq: number };

/**
 * Journals a fiscal event as pending, before it is sent: allocates the POS ticket number,
 * builds the request with it and appends both in one transaction (the caller's, if `db` is one).
 */
export async function enqueueFiscalEvent(
  db: Database,
  draft: FiscalEventDraft,
  clock: Clock,
): Promise<Result<FiscalEvent, OutboxProblem>> {
  for (const field of ['posId', 'terminalId', 'userId'] as const) {
    if (!isIdentifier(draft[field])) return err({ code: 'BAD_IDENTIFIER', field });
  }
  if (!(eventLabelValues as readonly string[]).includes(draft.eventLabel)) return err({ code: 'BAD_LABEL' });
  if (!(eventOperationValues as readonly string[]).includes(draft.eventOperation))
    return err({ code: 'BAD_OPERATION' });

  return inTransaction(db, async (trx) => {
    await lockJournal(trx); // before reading the last number: the lock is what makes it gap-free
    // Everything below runs while every other terminal waits for the lock: one read, one write.
    const now = await trx
      .selectNoFrom((eb) => [
        headSeq(eb).as('head_seq'),
        headHash(eb).as('head_hash'),
        eb
          .selectFrom('fiscal_event')
          .select('pos_fiscal_ticket_no')
          .where('pos_id', '=', draft.posId)
          .orderBy('journal_seq', 'desc')
          .limit(1)
          .as('last_no'),
      ])
      .executeTakeFirstOrThrow();
    const posFiscalTicketNo = nextPosFiscalTicketNo(now.last_no ?? null);
    const request = Uint8Array.from(draft.request(posFiscalTicketNo));
    if (request.length === 0) return err({ code: 'EMPTY_REQUEST' } as const);
    const data = canonicalJson({
      posId: draft.posId,
      posFiscalTicketNo,
      eventLabel: draft.eventLabel,
      eventOperation: draft.eventOperation,
    });
    const entry = nextEntry(
      headOf(now),
      {
        kind: 'fiscal_event',
        terminalId: draft.terminalId,
        userId: draft.userId,
        data: data ?? '{}',
        fdmMessage: request,
      },
      clock,
    );
    await trx
      .with('entry', (w) => w.insertInto('journal_entry').values(journalRow(entry)))
      .insertInto('fiscal_event')
      .values({
        journal_seq: entry.seq,
        pos_id: draft.posId,
        pos_fiscal_ticket_no: posFiscalTicketNo,
        event_label: draft.eventLabel,
        event_operation: draft.eventOperation,
        terminal_id: draft.terminalId,
        user_id: draft.userId,
      })
      .execute();
    return ok({
      journalSeq: entry.seq,
      recordedAt: entry.recordedAt,
      posId: draft.posId,
      posFiscalTicketNo,
      eventLabel: draft.eventLabel,
      eventOperation: draft.eventOperation,
      terminalId: draft.terminalId,
      userId: draft.userId,
      request,
    });
  });
}

/** Records the FDM's answer by appending a result (never by changing the event). */
export async function recordFiscalResult(
  db: Database,
  input: FiscalResultInput,
  clock: Clock,
): Promise<Result<{ readonly journalSeq: number }, OutboxProblem>> {
  if (input.outcome !== 'signed' && input.outcome !== 'refused') return err({ code: 'BAD_OUTCOME' });
  if (input.response.length === 0) return err({ code: 'EMPTY_REQUEST' });
  return inTransaction(db, async (trx) => {
    await lockJournal(trx);
    const now = await trx
      .selectNoFrom((eb) => [
        headSeq(eb).as('head_seq'),
        headHash(eb).as('head_hash'),
        eventOf(eb, input.eventSeq).select('terminal_id').as('terminal_id'),
        eventOf(eb, input.eventSeq).select('user_id').as('user_id'),
        eb
          .exists(eb.selectFrom('fiscal_result').select('event_seq').where('event_seq', '=', input.eventSeq))
          .as('recorded'),
      ])
      .executeTakeFirstOrThrow();
    // user_id is NOT NULL in fiscal_event: null here means there is no such event
    if (now.user_id === null) return err({ code: 'UNKNOWN_EVENT', eventSeq: input.eventSeq } as const);
    if (now.recorded) return err({ code: 'RESULT_ALREADY_RECORDED', eventSeq: input.eventSeq } as const);
    const data = canonicalJson({ eventSeq: input.eventSeq, outcome: input.outcome });
    const entry = nextEntry(
      headOf(now),
      {
        kind: 'fiscal_result',
        terminalId: now.terminal_id,
        userId: now.user_id,
        data: data ?? '{}',
        fdmMessage: Uint8Array.from(input.response),
      },
      clock,
    );
    await trx
      .with('entry', (w) => w.insertInto('journal_entry').values(journalRow(entry)))
      .insertInto('fiscal_result')
      .values({ event_seq: input.eventSeq, journal_seq: entry.seq, outcome: input.outcome })
      .execute();
    return ok({ journalSeq: entry.seq });
  });
}

// The journal's head as scalar subqueries, so that it is read in the same statement as what
// the append needs besides (one round trip under the lock).
const headSeq = (eb: ExpressionBuilder<PosSchema, never>) =>
  eb.selectFrom('journal_entry').select('seq').orderBy('seq', 'desc').limit(1);
const headHash = (eb: ExpressionBuilder<PosSchema, never>) =>
  eb.selectFrom('journal_entry').select('entry_hash').orderBy('seq', 'desc').limit(1);

const eventOf = (eb: ExpressionBuilder<PosSchema, never>, eventSeq: number) =>
  eb.selectFrom('fiscal_event').where('journal_seq', '=', eventSeq);

function headOf(row: { head_seq: number | null; head_hash: Uint8Array | null }): JournalHead | null {
  if (row.head_seq === null || row.head_hash === null) return null;
  return { seq: row.head_seq, entryHash: new Uint8Array(row.head_hash) };
}

/** Fiscal events without a result, oldest first: after a crash, resend each one byte-identically. */
export async function pendingEvents(db: Database): Promise<FiscalEvent[]> {
  const rows = await db
    .selectFrom('fiscal_event')
    .innerJoin('journal_entry', 'journal_entry.seq', 'fiscal_event.journal_seq')
    .leftJoin('fiscal_result', 'fiscal_result.event_seq', 'fiscal_event.journal_seq')
    .where('fiscal_result.event_seq', 'is', null)
    .select([
      'fiscal_event.journal_seq',
      'journal_entry.recorded_at',
      'journal_entry.fdm_message',
      'fiscal_event.pos_id',
      'fiscal_event.pos_fiscal_ticket_no',
      'fiscal_event.event_label',
      'fiscal_event.event_operation',
      'fiscal_event.terminal_id',
      'fiscal_event.user_id',
    ])
    .orderBy('fiscal_event.journal_seq')
    .execute();
  return rows.map((row) => ({
    journalSeq: row.journal_seq,
    recordedAt: row.recorded_at,
    posId: row.pos_id,
    posFiscalTicketNo: row.pos_fiscal_ticket_no,
    eventLabel: row.event_label as EventLabel,
    eventOperation: row.event_operation as EventOperation,
    terminalId: row.terminal_id,
    userId: row.user_id,
    request: new Uint8Array(row.fdm_message ?? new Uint8Array()),
  }));
}
