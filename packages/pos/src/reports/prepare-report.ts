import {
  computeTurnoverReport,
  computeUserReport,
  err,
  ok,
  type FdmReferenceInput,
  type FinancialReportModel,
  type ReportContext,
  type ReportProblem,
  type ReportTurnoverXInput,
  type ReportTurnoverZInput,
  type ReportUserXInput,
  type ReportUserZInput,
  type Result,
  type SignedEvent,
  type UsersReportModel,
} from '@gks/core';
import type { Database } from '../journal/journal.js';
import { loadJournaledEvents, type JournaledEvent, type JournaledEventProblem } from './journaled-events.js';

/** The fields every sign input starts with; the signing pipeline adds them. */
export type ReportCommonField =
  | 'language'
  | 'vatNo'
  | 'estNo'
  | 'posId'
  | 'posFiscalTicketNo'
  | 'posDateTime'
  | 'posSwVersion'
  | 'deviceId'
  | 'terminalId'
  | 'bookingPeriodId'
  | 'bookingDate'
  | 'ticketMedium'
  | 'employeeId';

export type ReportKind = 'X' | 'Z';

/** Which journal positions a report covers. */
export interface ReportPeriod {
  /** Exclusive: the previous Z of the same report, or where an X was asked to start. */
  readonly afterSeq: number;
  /** Inclusive: the last fiscal event looked at. */
  readonly upToSeq: number;
  readonly previousZ: { readonly reportNo: number; readonly journalSeq: number } | null;
  /** Signed events the report sums (reports and copies included, they just count nowhere). */
  readonly eventCount: number;
  /** Events still waiting for the FDM's answer; an X leaves them out, a Z refuses to run. */
  readonly pendingSeqs: readonly number[];
}

export type ReportPreparationProblem =
  | JournaledEventProblem
  | { readonly code: 'PENDING_EVENTS'; readonly journalSeqs: readonly number[] }
  | { readonly code: 'NO_BOOKING_DATE' }
  | { readonly code: 'BAD_RANGE'; readonly message: string }
  | {
      readonly code: 'REPORT_REFUSED';
      /** Each problem with the journal position of the event it concerns (null: a referenced sale). */
      readonly problems: readonly (ReportProblem & { readonly journalSeq: number | null })[];
    };

export type ReportOptions =
  | {
      readonly kind: 'X';
      /** Start after this journal position; after the last Z of the same report by default. */
      readonly afterSeq?: number;
      readonly upToSeq?: number;
      readonly context?: Omit<ReportContext, 'referencedSales'>;
    }
  | {
      readonly kind: 'Z';
      /** The day the Z closes; the booking date of the period's last event by default. */
      readonly reportBookingDate?: string;
      readonly context?: Omit<ReportContext, 'referencedSales'>;
    };

export type PreparedTurnoverReport =
  | {
      readonly kind: 'X';
      readonly mutation: 'signReportTurnoverX';
      readonly data: Omit<ReportTurnoverXInput, ReportCommonField>;
      readonly report: FinancialReportModel;
      readonly period: ReportPeriod;
    }
  | {
      readonly kind: 'Z';
      readonly mutation: 'signReportTurnoverZ';
      readonly data: Omit<ReportTurnoverZInput, ReportCommonField>;
      readonly report: FinancialReportModel;
      readonly period: ReportPeriod;
    };

export type PreparedUserReport =
  | {
      readonly kind: 'X';
      readonly mutation: 'signReportUserX';
      readonly data: Omit<ReportUserXInput, ReportCommonField>;
      readonly report: UsersReportModel;
      readonly period: ReportPeriod;
    }
  | {
      readonly kind: 'Z';
      readonly mutation: 'signReportUserZ';
      readonly data: Omit<ReportUserZInput, ReportCommonField>;
      readonly report: UsersReportModel;
      readonly period: ReportPeriod;
    };

/**
 * X or Z FINANCIEEL from the journal (C-46..C-49). A Z covers everything since the previous
 * turnover Z, however many days that is (C-47), and takes the next number; an X covers the
 * same by default and closes nothing.
 *
 * For a Z, call this and enqueue the Z in one transaction that first takes the journal lock
 * (`lockJournal`), so that no event lands between the period's end and the Z.
 */
export async function prepareTurnoverReport(
  db: Database,
  options: ReportOptions,
): Promise<Result<PreparedTurnoverReport, ReportPreparationProblem>> {
  const loaded = await loadPeriod(db, options, 'REPORT_TURNOVER_Z');
  if (!loaded.ok) return loaded;
  const { events, seqs, period, referencedSales, bookingDate } = loaded.value;
  const computed = computeTurnoverReport(events, { ...options.context, referencedSales });
  if (!computed.ok) return refused(computed.error, seqs);
  const { posDevices, fdmDevices, turnover, report } = computed.value;
  if (options.kind === 'X') {
    return ok({
      kind: 'X',
      mutation: 'signReportTurnoverX',
      data: { posDevices, fdmDevices, turnover },
      report,
      period,
    });
  }
  return ok({
    kind: 'Z',
    mutation: 'signReportTurnoverZ',
    data: {
      reportNo: (period.previousZ?.reportNo ?? 0) + 1,
      reportBookingDate: bookingDate,
      posDevices,
      fdmDevices,
      turnover,
    },
    report,
    period,
  });
}

/** X or Z GEBRUIKERS (C-50, C-51): as prepareTurnoverReport, with its own Z series and period. */
export async function prepareUserReport(
  db: Database,
  options: ReportOptions,
): Promise<Result<PreparedUserReport, ReportPreparationProblem>> {
  const loaded = await loadPeriod(db, options, 'REPORT_USER_Z');
  if (!loaded.ok) return loaded;
  const { events, seqs, period, bookingDate } = loaded.value;
  const computed = computeUserReport(events, options.context ?? {});
  if (!computed.ok) return refused(computed.error, seqs);
  const { posDevices, fdmDevices, users, report } = computed.value;
  if (options.kind === 'X') {
    return ok({
      kind: 'X',
      mutation: 'signReportUserX',
      data: { posDevices, fdmDevices, users },
      report,
      period,
    });
  }
  return ok({
    kind: 'Z',
    mutation: 'signReportUserZ',
    data: {
      reportNo: (period.previousZ?.reportNo ?? 0) + 1,
      reportBookingDate: bookingDate,
      posDevices,
      fdmDevices,
      users,
    },
    report,
    period,
  });
}

interface LoadedPeriod {
  readonly events: SignedEvent[];
  /** Journal position of each event, same order. */
  readonly seqs: number[];
  readonly period: ReportPeriod;
  readonly referencedSales: SignedEvent[];
  /** '' for an X. */
  readonly bookingDate: string;
}

type ZOperation = 'REPORT_TURNOVER_Z' | 'REPORT_USER_Z';

async function loadPeriod(
  db: Database,
  options: ReportOptions,
  zOperation: ZOperation,
): Promise<Result<LoadedPeriod, ReportPreparationProblem>> {
  const previous = await lastZ(db, zOperation);
  if (!previous.ok) return previous;
  const previousZ = previous.value;
  const afterSeq =
    options.kind === 'X' && options.afterSeq !== undefined ? options.afterSeq : (previousZ?.journalSeq ?? 0);
  const upToSeq = options.kind === 'X' ? options.upToSeq : undefined;
  if (
    !Number.isSafeInteger(afterSeq) ||
    afterSeq < 0 ||
    (upToSeq !== undefined && !(Number.isSafeInteger(upToSeq) && upToSeq >= afterSeq))
  ) {
    return err({
      code: 'BAD_RANGE',
      message: `journal range (${afterSeq}, ${String(upToSeq)}] is not a range of positions`,
    });
  }
  const stored = await loadJournaledEvents(db, { afterSeq, upToSeq });
  if (!stored.ok) return stored;
  const pendingSeqs = stored.value.filter((e) => e.outcome === null).map((e) => e.journalSeq);
  if (options.kind === 'Z' && pendingSeqs.length > 0)
    return err({ code: 'PENDING_EVENTS', journalSeqs: pendingSeqs });
  const signed = stored.value.filter((e): e is JournaledEvent & { signed: SignedEvent } => e.signed !== null);
  const events = signed.map((e) => e.signed);
  const referenced = await referencedSalesBefore(db, afterSeq, events);
  if (!referenced.ok) return referenced;
  const last = stored.value.at(-1)?.journalSeq ?? afterSeq;
  const bookingDate =
    options.kind === 'Z' ? (options.reportBookingDate ?? events.at(-1)?.request.bookingDate) : '';
  if (bookingDate === undefined) return err({ code: 'NO_BOOKING_DATE' });
  return ok({
    events,
    seqs: signed.map((e) => e.journalSeq),
    period: {
      afterSeq,
      upToSeq: upToSeq ?? last,
      previousZ,
      eventCount: events.length,
      pendingSeqs,
    },
    referencedSales: referenced.value,
    bookingDate,
  });
}

const lookBack = 200;

/**
 * The last Z of one series that the FDM did not refuse (a pending one keeps its number: it will
 * be resent). Training reports are no Z of the operator.
 */
async function lastZ(
  db: Database,
  operation: ZOperation,
): Promise<Result<{ reportNo: number; journalSeq: number } | null, ReportPreparationProblem>> {
  let upToSeq: number | undefined;
  for (;;) {
    const batch = await loadJournaledEvents(db, {
      afterSeq: 0,
      upToSeq,
      operations: [operation],
      newestFirst: { limit: lookBack },
    });
    if (!batch.ok) return batch;
    for (const z of batch.value) {
      if (z.outcome === 'refused' || z.isTraining) continue;
      const reportNo = z.data['reportNo'];
      if (typeof reportNo !== 'number' || !Number.isSafeInteger(reportNo)) {
        return err({
          code: 'UNREADABLE_REQUEST',
          journalSeq: z.journalSeq,
          message: 'Z report without reportNo',
        });
      }
      return ok({ reportNo, journalSeq: z.journalSeq });
    }
    if (batch.value.length < lookBack) return ok(null);
    upToSeq = (batch.value.at(-1)?.journalSeq ?? 1) - 1;
  }
}

const referenceKey = (ref: { fdmId: string; totalCounter: number }): string =>
  `${ref.fdmId}#${ref.totalCounter}`;

/**
 * Sales before the period that its invoices cover (C-45ter): read backwards from the period's
 * start until each is found, or until the FDM's counter falls below the oldest one wanted.
 */
async function referencedSalesBefore(
  db: Database,
  beforeSeq: number,
  events: readonly SignedEvent[],
): Promise<Result<SignedEvent[], ReportPreparationProblem>> {
  const inPeriod = new Set(
    events.filter((e) => e.mutation === 'signSale').map((e) => referenceKey(e.result.fdmRef)),
  );
  const wanted = new Map<string, FdmReferenceInput>();
  for (const event of events) {
    if (event.mutation !== 'signInvoice' || event.isTraining) continue;
    for (const ref of event.request.fdmRefs) {
      if (!inPeriod.has(referenceKey(ref))) wanted.set(referenceKey(ref), ref);
    }
  }
  const found: SignedEvent[] = [];
  let upToSeq = beforeSeq;
  while (wanted.size > 0 && upToSeq > 0) {
    const lowest = Math.min(...[...wanted.values()].map((ref) => ref.totalCounter));
    const batch = await loadJournaledEvents(db, {
      afterSeq: 0,
      upToSeq,
      operations: ['SALE'],
      newestFirst: { limit: lookBack },
    });
    if (!batch.ok) return batch;
    let below = batch.value.length < lookBack;
    for (const stored of batch.value) {
      const sale = stored.signed;
      if (sale === null) continue;
      const key = referenceKey(sale.result.fdmRef);
      if (wanted.delete(key)) found.push(sale);
      if (sale.result.fdmRef.totalCounter < lowest) below = true;
    }
    if (below) break;
    upToSeq = (batch.value.at(-1)?.journalSeq ?? 1) - 1;
  }
  // whatever is still missing, the computation reports by invoice
  return ok(found);
}

function refused(
  problems: readonly ReportProblem[],
  seqs: readonly number[],
): Result<never, ReportPreparationProblem> {
  return err({
    code: 'REPORT_REFUSED',
    problems: problems.map((p) => ({ ...p, journalSeq: p.event >= 0 ? (seqs[p.event] ?? null) : null })),
  });
}
