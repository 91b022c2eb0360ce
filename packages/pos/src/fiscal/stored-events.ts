import type { EventLabel, EventOperation, SignMutation, SignMutationInputs, SignResult } from '@gks/core';
import { preparedSignRequestFromBytes } from '@gks/fdm-client';
import type { Database } from '../journal/journal.js';

/** A fiscal event as the journal holds it: the request that was sent and the FDM's answer. */
export interface StoredEvent {
  readonly eventSeq: number;
  readonly recordedAt: Date;
  readonly posFiscalTicketNo: number;
  readonly eventLabel: EventLabel;
  readonly eventOperation: EventOperation;
  readonly terminalId: string;
  readonly userId: string;
  readonly mutation: SignMutation;
  readonly isTraining: boolean;
  readonly data: SignMutationInputs[SignMutation];
  readonly outcome: 'signed' | 'refused' | 'pending';
  /** The FDM's SignResult, when signed. */
  readonly result: SignResult | null;
}

const baseQuery = (db: Database) =>
  db
    .selectFrom('fiscal_event')
    .innerJoin('journal_entry as request', 'request.seq', 'fiscal_event.journal_seq')
    .leftJoin('fiscal_result', 'fiscal_result.event_seq', 'fiscal_event.journal_seq')
    .leftJoin('journal_entry as answer', 'answer.seq', 'fiscal_result.journal_seq')
    .select([
      'fiscal_event.journal_seq',
      'fiscal_event.pos_fiscal_ticket_no',
      'fiscal_event.event_label',
      'fiscal_event.event_operation',
      'fiscal_event.terminal_id',
      'fiscal_event.user_id',
      'request.recorded_at',
      'request.fdm_message as request_bytes',
      'fiscal_result.outcome',
      'answer.fdm_message as answer_bytes',
    ]);

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

export async function readStoredEvent(db: Database, eventSeq: number): Promise<StoredEvent | null> {
  if (!Number.isSafeInteger(eventSeq) || eventSeq < 1) return null;
  const row = await baseQuery(db).where('fiscal_event.journal_seq', '=', eventSeq).executeTakeFirst();
  return row ? storedEventOf(row) : null;
}

/** Newest first. */
export async function listStoredEvents(
  db: Database,
  options: { limit: number; beforeSeq?: number; terminalId?: string },
): Promise<StoredEvent[]> {
  let query = baseQuery(db).orderBy('fiscal_event.journal_seq', 'desc').limit(options.limit);
  if (options.beforeSeq !== undefined)
    query = query.where('fiscal_event.journal_seq', '<', options.beforeSeq);
  if (options.terminalId !== undefined)
    query = query.where('fiscal_event.terminal_id', '=', options.terminalId);
  return (await query.execute()).map(storedEventOf);
}

/** The sign input inside a journaled request body (the FDM client's GraphQL request). */
export function requestData(body: Uint8Array): SignMutationInputs[SignMutation] {
  const parsed = JSON.parse(Buffer.from(body).toString('utf8')) as {
    variables: { data: SignMutationInputs[SignMutation] };
  };
  return parsed.variables.data;
}

function storedEventOf(row: Row): StoredEvent {
  const prepared = preparedSignRequestFromBytes(new Uint8Array(row.request_bytes ?? new Uint8Array()));
  if (!prepared.ok) throw new Error(`journaled request ${row.journal_seq} unreadable: ${prepared.error}`);

  let result: SignResult | null = null;
  if (row.outcome === 'signed' && row.answer_bytes) {
    const answer = JSON.parse(Buffer.from(row.answer_bytes).toString('utf8')) as { signResult: SignResult };
    result = answer.signResult;
  }
  return {
    eventSeq: row.journal_seq,
    recordedAt: row.recorded_at,
    posFiscalTicketNo: row.pos_fiscal_ticket_no,
    eventLabel: row.event_label as EventLabel,
    eventOperation: row.event_operation as EventOperation,
    terminalId: row.terminal_id,
    userId: row.user_id,
    mutation: prepared.value.mutation,
    isTraining: prepared.value.isTraining,
    data: requestData(prepared.value.body),
    outcome: row.outcome === null ? 'pending' : (row.outcome as 'signed' | 'refused'),
    result,
  };
}
