import {
  err,
  labelFor,
  eventOperationOf,
  ok,
  validateSignInput,
  type InvalidRequest,
  type MessageItem,
  type Result,
  type SignMutation,
  type SignMutationInputs,
  type SignResult,
} from '@gks/core';
import type { FdmClient, FdmError, PreparedSignRequest } from '@gks/fdm-client';
import { preparedSignRequestFromBytes, prepareSignRequest } from '@gks/fdm-client';
import type { Transaction } from 'kysely';
import type { PosSchema } from '../db/schema.js';
import { Mutex } from '../db/mutex.js';
import { inTransaction, lockJournal, type Clock, type Database } from '../journal/journal.js';
import { enqueueFiscalEvent, pendingEvents, recordFiscalResult } from '../outbox/outbox.js';
import { fdmDownMessage, posError, type PosError } from '../register/pos-error.js';
import { commonFields, type CommonFieldName, type EventContext, type PosIdentity } from './common-fields.js';
import { FdmIncidents } from './fdm-incidents.js';
import { requestData, type StoredEvent } from './stored-events.js';

/** A sign input without the common block, which the pipeline adds. */
export type EventBody<M extends SignMutation> = Omit<SignMutationInputs[M], CommonFieldName>;

/** A body that must be computed from the journal in the event's own transaction (a Z report). */
export type LazyBody<M extends SignMutation> = (
  trx: Transaction<PosSchema>,
) => Promise<Result<EventBody<M>, PosError>>;

export interface SignedEvent<M extends SignMutation = SignMutation> {
  readonly eventSeq: number;
  readonly posFiscalTicketNo: number;
  readonly mutation: M;
  readonly isTraining: boolean;
  readonly data: SignMutationInputs[M];
  readonly result: SignResult;
  readonly mandatoryMessages: readonly MessageItem[];
  readonly duplicate: boolean;
  /** The event as the journal now holds it (what `readStoredEvent` would read back). */
  readonly stored: StoredEvent;
}

export interface SignSteps {
  /**
   * Runs in the transaction that journals the event, before it: inserts the registration rows
   * the event covers. An error rolls everything back (no ticket number is used).
   */
  readonly before?: (trx: Transaction<PosSchema>) => Promise<Result<void, PosError>>;
  /** Runs in the same transaction after the event is journaled: links it to what it covers. */
  readonly after?: (trx: Transaction<PosSchema>, eventSeq: number) => Promise<void>;
}

/** Thrown inside the journaling transaction to roll it back with a value; never leaves this module. */
class Rollback extends Error {
  constructor(readonly problem: PosError) {
    super(problem.message);
  }
}

/** Codes by which an FDM says it cannot sign anything now: an incident (C-26), not a bad request. */
const outageCodes: ReadonlySet<string> = new Set([
  'FDM_NOT_OPERATIONAL',
  'FDM_LOCKED',
  'BUFFER_FULL',
  'FDM_NOT_CONNECTED',
  'UNAUTHORIZED',
]);

/**
 * The one way an event reaches the FDM: build the full input, validate it (a POS never sends
 * an invalid event), journal it with its ticket number and exact bytes in one transaction,
 * send those bytes, record the answer. Events left without an answer (crash, FDM away) are
 * resent byte-identically before any new event is made.
 */
export class SigningPipeline {
  readonly incidents: FdmIncidents;
  readonly #db: Database;
  readonly #fdm: FdmClient;
  readonly #clock: Clock;
  readonly #identity: PosIdentity;
  /** Journaled events whose answer is unknown and that nobody is sending right now. */
  readonly #stuck = new Set<number>();
  readonly #flushLock = new Mutex();

  constructor(options: { db: Database; fdm: FdmClient; clock: Clock; identity: PosIdentity }) {
    this.#db = options.db;
    this.#fdm = options.fdm;
    this.#clock = options.clock;
    this.#identity = options.identity;
    this.incidents = new FdmIncidents(options.db, options.clock);
  }

  get identity(): PosIdentity {
    return this.#identity;
  }

  /** At start: every event journaled but unanswered is resent, oldest first, before new work. */
  async recover(): Promise<Result<{ resent: number }, PosError>> {
    await this.incidents.restore();
    for (const event of await pendingEvents(this.#db)) this.#stuck.add(event.journalSeq);
    const count = this.#stuck.size;
    const flushed = await this.flush();
    return flushed.ok ? ok({ resent: count }) : flushed;
  }

  /** Events still waiting for the FDM (after a failed send). */
  get stuckCount(): number {
    return this.#stuck.size;
  }

  /** Resends the stuck events; refuses (and keeps them) while the FDM does not answer. */
  async flush(): Promise<Result<void, PosError>> {
    if (this.#stuck.size === 0) return ok(undefined);
    const release = await this.#flushLock.acquire();
    try {
      const pending = await pendingEvents(this.#db);
      for (const event of pending) {
        if (!this.#stuck.has(event.journalSeq)) continue;
        const prepared = preparedSignRequestFromBytes(event.request);
        if (!prepared.ok)
          throw new Error(`journaled request ${event.journalSeq} unreadable: ${prepared.error}`);
        const sent = await this.#send(event.journalSeq, prepared.value);
        if (!sent.ok && sent.error.code === 'FDM_NOT_OPERATIONAL') return sent;
      }
      return ok(undefined);
    } finally {
      release();
    }
  }

  async sign<M extends SignMutation>(
    mutation: M,
    context: EventContext,
    body: EventBody<M> | LazyBody<M>,
    steps: SignSteps = {},
  ): Promise<Result<SignedEvent<M>, PosError>> {
    const flushed = await this.flush();
    if (!flushed.ok) return flushed;
    const isTraining = context.training;
    let prepared: PreparedSignRequest | null = null;
    let data: SignMutationInputs[M] | null = null;
    let enqueued: { eventSeq: number; posFiscalTicketNo: number; recordedAt: Date };
    try {
      enqueued = await inTransaction(this.#db, async (trx) => {
        if (steps.before) {
          const done = await steps.before(trx);
          if (!done.ok) throw new Rollback(done.error);
        }
        let eventBody: EventBody<M>;
        if (typeof body === 'function') {
          // Computed under the journal lock, so nothing can be journaled between it and the event.
          await lockJournal(trx);
          const computed = await body(trx);
          if (!computed.ok) throw new Rollback(computed.error);
          eventBody = computed.value;
        } else eventBody = body;
        const event = await enqueueFiscalEvent(
          trx,
          {
            posId: this.#identity.posId,
            terminalId: context.terminalId,
            userId: context.userId,
            eventLabel: labelFor(mutation, isTraining),
            eventOperation: eventOperationOf[mutation],
            request: (posFiscalTicketNo) => {
              const input = {
                ...commonFields(this.#identity, context, posFiscalTicketNo, this.#clock.now()),
                ...eventBody,
              } as SignMutationInputs[M];
              const checked = validateSignInput(mutation, input);
              if (!checked.ok) throw new Rollback(invalidEvent(checked.error));
              data = input;
              prepared = prepareSignRequest(mutation, input, isTraining);
              return prepared.body;
            },
          },
          this.#clock,
        );
        if (!event.ok) throw new Error(`outbox refused an event the pipeline built: ${event.error.code}`);
        if (steps.after) await steps.after(trx, event.value.journalSeq);
        return {
          eventSeq: event.value.journalSeq,
          posFiscalTicketNo: event.value.posFiscalTicketNo,
          recordedAt: event.value.recordedAt,
        };
      });
    } catch (error) {
      if (error instanceof Rollback) return err(error.problem);
      throw error;
    }
    const request = prepared as PreparedSignRequest | null;
    const input = data as SignMutationInputs[M] | null;
    if (request === null || input === null) throw new Error('the event was journaled without its request');
    const sent = await this.#send(enqueued.eventSeq, request);
    if (!sent.ok) return sent;
    return ok({
      eventSeq: enqueued.eventSeq,
      posFiscalTicketNo: enqueued.posFiscalTicketNo,
      mutation,
      isTraining,
      data: input,
      result: sent.value.result,
      mandatoryMessages: sent.value.mandatoryMessages,
      duplicate: sent.value.duplicate,
      // Read back from the bytes just journaled rather than from the database: the same values.
      stored: {
        eventSeq: enqueued.eventSeq,
        recordedAt: enqueued.recordedAt,
        posFiscalTicketNo: enqueued.posFiscalTicketNo,
        eventLabel: labelFor(mutation, isTraining),
        eventOperation: eventOperationOf[mutation],
        terminalId: context.terminalId,
        userId: context.userId,
        mutation,
        isTraining,
        data: requestData(request.body),
        outcome: 'signed',
        result: JSON.parse(JSON.stringify(sent.value.result)) as SignResult,
      },
    });
  }

  /** Sends journaled bytes and records the answer; an unknown outcome leaves the event stuck. */
  async #send(
    eventSeq: number,
    request: PreparedSignRequest,
  ): Promise<
    Result<{ result: SignResult; mandatoryMessages: readonly MessageItem[]; duplicate: boolean }, PosError>
  > {
    this.#stuck.delete(eventSeq);
    const answer = await this.#fdm.send(request);
    if (answer.ok) {
      const { result, mandatoryMessages, duplicate } = answer.value;
      await this.#record(eventSeq, 'signed', { signResult: result, duplicate });
      await this.incidents.end('the FDM signs again');
      return ok({ result, mandatoryMessages, duplicate });
    }
    const failure = answer.error;
    if (unknownOutcome(failure)) {
      this.#stuck.add(eventSeq);
      await this.incidents.start(causeOf(failure));
      return posError('FDM_NOT_OPERATIONAL', fdmDownMessage, {
        details: { cause: causeOf(failure), pendingEventSeq: String(eventSeq) },
      });
    }
    await this.#record(eventSeq, 'refused', { error: failure });
    if (failure.kind === 'fdm' && outageCodes.has(failure.code)) {
      await this.incidents.start(causeOf(failure));
      return posError('FDM_NOT_OPERATIONAL', `${fdmDownMessage} The FDM says: ${failure.message}`, {
        details: { fdmCode: failure.code },
      });
    }
    return posError('FDM_REFUSED', `the FDM refused the event: ${failure.message}`, {
      details: {
        fdmCode: failure.kind === 'fdm' ? failure.code : failure.reason,
        ...(failure.kind === 'fdm' && failure.subCode ? { subCode: failure.subCode } : {}),
        ...(failure.kind === 'fdm' && failure.field ? { field: failure.field } : {}),
      },
    });
  }

  async #record(eventSeq: number, outcome: 'signed' | 'refused', answer: unknown): Promise<void> {
    const recorded = await recordFiscalResult(
      this.#db,
      { eventSeq, outcome, response: new TextEncoder().encode(JSON.stringify(answer)) },
      this.#clock,
    );
    if (!recorded.ok)
      throw new Error(`could not record the FDM's answer to ${eventSeq}: ${recorded.error.code}`);
  }
}

/** No answer, or an answer that a resend may change: the FDM may have signed, so keep the bytes. */
function unknownOutcome(failure: FdmError): boolean {
  if (failure.kind === 'transport') return failure.retryable || failure.reason !== 'HTTP_STATUS';
  return failure.retryable || failure.code === 'DUPLICATE_REQUEST';
}

function causeOf(failure: FdmError): string {
  return failure.kind === 'fdm'
    ? `${failure.code}: ${failure.message}`
    : `${failure.reason}${failure.errorCode ? ` (${failure.errorCode})` : ''}: ${failure.message}`;
}

function invalidEvent(findings: readonly InvalidRequest[]): PosError {
  const first = findings[0];
  return {
    code: 'INVALID_EVENT',
    message: `the register built an event the FDM would refuse: ${first?.subCode ?? '?'} at ${first?.field ?? '?'}: ${first?.message ?? ''}`,
    details: { subCode: first?.subCode ?? '', field: first?.field ?? '', findings: String(findings.length) },
  };
}
