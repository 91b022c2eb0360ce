import {
  eventOperationOf,
  err,
  ok,
  type Result,
  type SignedEvent,
  type SignMutation,
  type SignResult,
} from '@gks/core';
import { preparedSignRequestFromBytes } from '@gks/fdm-client';
import type { Database } from '../journal/journal.js';

/** A fiscal event of the journal read back: its request and, once answered, the FDM's answer. */
export interface JournaledEvent {
  readonly journalSeq: number;
  /** null while the FDM has not answered (the event is pending in the outbox). */
  readonly outcome: 'signed' | 'refused' | null;
  readonly mutation: SignMutation;
  readonly isTraining: boolean;
  readonly data: Readonly<Record<string, unknown>>;
  /** The event with the FDM's answer; null unless signed. */
  readonly signed: SignedEvent | null;
}

export type JournaledEventProblem = {
  readonly code: 'UNREADABLE_REQUEST' | 'UNREADABLE_RESULT';
  readonly journalSeq: number;
  readonly message: string;
};

const decoder = new TextDecoder('utf-8', { fatal: true });

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(decoder.decode(bytes));
  } catch {
    return undefined;
  }
}

/**
 * Rebuilds a signed event from the bytes the outbox keeps: the request exactly as sent (the FDM
 * client's `{query, variables: {data, isTraining}, operationName}`) and the answer as the signing
 * pipeline records it (`{signResult, duplicate}`); a raw GraphQL response `{data: {signXxx}}` or a
 * bare SignResult is read too.
 */
export function readJournaledEvent(
  journalSeq: number,
  eventOperation: string,
  outcome: JournaledEvent['outcome'],
  request: Uint8Array,
  response: Uint8Array | null,
): Result<JournaledEvent, JournaledEventProblem> {
  const prepared = preparedSignRequestFromBytes(request);
  if (!prepared.ok) return err({ code: 'UNREADABLE_REQUEST', journalSeq, message: prepared.error });
  const { mutation, isTraining } = prepared.value;
  if (eventOperationOf[mutation] !== eventOperation) {
    return err({
      code: 'UNREADABLE_REQUEST',
      journalSeq,
      message: `request is ${mutation} but the outbox indexed the event as ${eventOperation}`,
    });
  }
  const body = parseJson(request);
  const data = isRecord(body) && isRecord(body['variables']) ? body['variables']['data'] : undefined;
  if (!isRecord(data)) return err({ code: 'UNREADABLE_REQUEST', journalSeq, message: 'no variables.data' });
  const stored = { journalSeq, outcome, mutation, isTraining, data };
  if (outcome !== 'signed') return ok({ ...stored, signed: null });
  const answer = response === null ? undefined : parseJson(response);
  const result = signResultIn(answer, mutation);
  if (!isRecord(result) || !isRecord(result['fdmRef'])) {
    return err({ code: 'UNREADABLE_RESULT', journalSeq, message: `the answer holds no ${mutation} result` });
  }
  // The request passed the FDM's checks when signed; the report re-reads every amount it sums.
  const signed = {
    mutation,
    isTraining,
    request: data,
    result: result as unknown as SignResult,
  } as unknown as SignedEvent;
  return ok({ ...stored, signed });
}

function signResultIn(answer: unknown, mutation: SignMutation): unknown {
  if (!isRecord(answer)) return undefined;
  if (isRecord(answer['signResult'])) return answer['signResult'];
  if (isRecord(answer['data']) && isRecord(answer['data'][mutation])) return answer['data'][mutation];
  return answer;
}

export interface JournalRange {
  /** Exclusive. */
  readonly afterSeq: number;
  /** Inclusive; the end of the journal when absent. */
  readonly upToSeq?: number | undefined;
  /** Only these operations (e.g. SALE); all when absent. */
  readonly operations?: readonly string[] | undefined;
  /** Newest first, at most `limit` rows: for looking back. */
  readonly newestFirst?: { readonly limit: number } | undefined;
}

/** The outbox's fiscal events in a range of journal positions, with their answers. */
export async function loadJournaledEvents(
  db: Database,
  range: JournalRange,
): Promise<Result<JournaledEvent[], JournaledEventProblem>> {
  let query = db
    .selectFrom('fiscal_event as e')
    .innerJoin('journal_entry as sent', 'sent.seq', 'e.journal_seq')
    .leftJoin('fiscal_result as r', 'r.event_seq', 'e.journal_seq')
    .leftJoin('journal_entry as received', 'received.seq', 'r.journal_seq')
    .select([
      'e.journal_seq',
      'e.event_operation',
      'sent.fdm_message as request',
      'r.outcome',
      'received.fdm_message as response',
    ])
    .where('e.journal_seq', '>', range.afterSeq);
  if (range.upToSeq !== undefined) query = query.where('e.journal_seq', '<=', range.upToSeq);
  if (range.operations !== undefined) query = query.where('e.event_operation', 'in', [...range.operations]);
  query = range.newestFirst
    ? query.orderBy('e.journal_seq', 'desc').limit(range.newestFirst.limit)
    : query.orderBy('e.journal_seq');
  const rows = await query.execute();
  const stored: JournaledEvent[] = [];
  for (const row of rows) {
    const outcome = row.outcome === 'signed' || row.outcome === 'refused' ? row.outcome : null;
    const event = readJournaledEvent(
      row.journal_seq,
      row.event_operation,
      outcome,
      new Uint8Array(row.request ?? new Uint8Array()),
      row.response === null ? null : new Uint8Array(row.response),
    );
    if (!event.ok) return event;
    stored.push(event.value);
  }
  return ok(stored);
}
