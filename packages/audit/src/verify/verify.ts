import { performance } from 'node:perf_hooks';
import { checkCertificates, checkPreviousCertificates } from '../certificate/check-certificates.js';
import type { BatchInput } from '../event/check-batch.js';
import type { EventSummary } from '../event/event-summary.js';
import { firstDumpRecord, readDumpFile } from '../dump/read-dump-file.js';
import { checkSerialFile } from '../dump/read-serial-file.js';
import { finding } from '../findings/finding.js';
import type { Finding, FindingCode } from '../findings/finding.js';
import { JournalMatcher } from '../journal/cross-check.js';
import type { JournalEvent } from '../journal/journal-event.js';
import { readJournalDatabase } from '../journal/read-journal-database.js';
import { readJournalExport } from '../journal/read-journal-export.js';
import { Ledger } from '../ledger/ledger.js';
import type { TicketScheme } from '../ledger/ticket-numbers.js';
import { BufferPool } from '../memory-file/buffer-pool.js';
import { readMemoryFile } from '../memory-file/read-memory-file.js';
import { createBatchChecker } from '../workers/batch-checker.js';
import type { SignatureEngine } from '../signature/signature-check.js';
import { forEachSummary } from '../workers/summary-codec.js';
import type { PackedSummaries } from '../workers/summary-codec.js';

/** The FDM side: the memory file itself, or the FDMmem.log of a dump. */
export type FdmInput = { readonly memoryFile: string } | { readonly dumpFile: string };

export interface VerifyOptions {
  readonly fdm: FdmInput;
  /** PEM of the FDM's certificate (fdm-cert.pem in its state directory). */
  readonly fdmCertificatePem: string | undefined;
  /**
   * PEMs of certificates the FDM held before its current one (renewals: fdm-cert-previous/ of
   * its state directory). Each must come from the CA for the same fdmId and key; their validity
   * periods then count for the events signed under them.
   */
  readonly previousCertificatesPem?: readonly string[];
  /** PEM of the tax administration's CA: the trust anchor. */
  readonly caCertificatePem: string | undefined;
  /** The POS journal's text export; its events are adapted by `journalEvents` when given. */
  readonly journalFile?: string;
  /** Or the POS's PostgreSQL database itself, read in one read-only snapshot (an auditor login). */
  readonly journalDatabaseUrl?: string;
  /** Another POS's journal: any stream of its fiscal events, in journal order. */
  readonly journalEvents?: AsyncIterable<JournalEvent>;
  readonly ticketScheme?: TicketScheme;
  /** Worker threads for the per-record checks (default: one per core; 0 = this thread). */
  readonly workers?: number;
  /** Signature code: `auto` (default) takes the native verifier when it was built. */
  readonly signatureEngine?: SignatureEngine;
  readonly onProgress?: (done: number, total: number) => void;
  /** Findings kept in full; beyond this only counted (default 100,000). */
  readonly maxFindingsKept?: number;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly events: number;
  readonly journalEvents: number;
  readonly errors: number;
  readonly warnings: number;
  readonly byCode: Partial<Record<FindingCode, number>>;
  readonly findings: readonly Finding[];
  readonly findingsOmitted: number;
  readonly firstEvent?: { readonly totalCounter: number; readonly fdmDateTime: string };
  readonly lastEvent?: { readonly totalCounter: number; readonly fdmDateTime: string };
  readonly fdmId: string | undefined;
  readonly elapsedMs: number;
  readonly threads: number;
  readonly signatureEngine: 'native' | 'node' | 'none';
}

/**
 * Verifies an FDM memory (or dump) and, when given, the POS journal against it. Streams both;
 * reports every finding and never stops at the first.
 */
export async function verifyAudit(options: VerifyOptions): Promise<VerifyReport> {
  const started = performance.now();
  const keep = options.maxFindingsKept ?? 100_000;
  const findings: Finding[] = [];
  const byCode: Partial<Record<FindingCode, number>> = {};
  let errors = 0;
  let warnings = 0;
  const report = (f: Finding) => {
    byCode[f.code] = (byCode[f.code] ?? 0) + 1;
    if (f.severity === 'error') errors++;
    else warnings++;
    if (findings.length < keep) findings.push(f);
  };

  const trusted =
    options.fdmCertificatePem === undefined
      ? undefined
      : checkCertificates(options.fdmCertificatePem, options.caCertificatePem, report);
  if (!trusted) {
    report(
      finding('CERTIFICATE_INVALID', {}, 'no usable FDM certificate: signatures cannot be checked', 'error'),
    );
  }

  const previous = trusted
    ? checkPreviousCertificates(
        trusted,
        options.previousCertificatesPem ?? [],
        options.caCertificatePem,
        report,
      )
    : [];

  if ('dumpFile' in options.fdm)
    await checkSerialFile(options.fdm.dumpFile, options.fdmCertificatePem, report);
  const wholeMemory =
    'memoryFile' in options.fdm ? true : (await firstDumpRecord(options.fdm.dumpFile)) === 0;
  const ledger = new Ledger(
    {
      wholeMemory,
      ticketScheme: options.ticketScheme ?? 'pos',
      ...(trusted?.fdmId !== undefined ? { fdmId: trusted.fdmId } : {}),
      ...(trusted ? { certificateValidity: [trusted, ...previous] } : {}),
    },
    report,
  );

  const journalOptions = { ticketScheme: options.ticketScheme ?? 'pos', onFinding: report } as const;
  const journalSource =
    options.journalEvents ??
    (options.journalFile !== undefined
      ? readJournalExport(options.journalFile, journalOptions)
      : options.journalDatabaseUrl !== undefined
        ? readJournalDatabase(options.journalDatabaseUrl, journalOptions)
        : undefined);
  const matcher = journalSource ? new JournalMatcher(report) : undefined;
  const journal = journalSource?.[Symbol.asyncIterator]();
  let journalDone = false;
  const advanceJournal = async (target: number) => {
    if (!journal || !matcher) return;
    while (!journalDone && matcher.journalEvents < target) {
      const next = await journal.next();
      if (next.done) journalDone = true;
      else matcher.addJournal(next.value);
    }
  };

  const pool = new BufferPool();
  const checker = createBatchChecker({
    publicKeyDer: trusted?.publicKeyDer,
    workers: options.workers,
    ...(options.signatureEngine ? { signatureEngine: options.signatureEngine } : {}),
    onSpent: (b) => pool.give(b),
  });
  const absorb = (summaries: PackedSummaries) => {
    forEachSummary(summaries, (s) => {
      ledger.add(s);
      if (matcher && s.fields)
        matcher.addFdm(s.fields, s.digitalSignature ?? '', { index: s.index, ...ref(s) });
    });
  };
  try {
    const inFlight: Promise<PackedSummaries>[] = [];
    const limit = Math.max(4, checker.threads * 3);
    for await (const batch of batches(options.fdm, report, options.onProgress, pool)) {
      inFlight.push(checker.check(batch));
      while (inFlight.length >= limit) {
        absorb(await (inFlight.shift() as Promise<PackedSummaries>));
        // Keep the journal a little ahead, so both sides pair up in a small window.
        await advanceJournal(ledger.events + 4096);
      }
    }
    for (const p of inFlight) absorb(await p);
    await advanceJournal(Number.POSITIVE_INFINITY);
  } finally {
    await checker.close();
  }
  ledger.finish(matcher !== undefined);
  matcher?.finish(wholeMemory);

  const first = ledger.first;
  const last = ledger.last;
  return {
    ok: errors === 0,
    events: ledger.events,
    journalEvents: matcher?.journalEvents ?? 0,
    errors,
    warnings,
    byCode,
    findings,
    findingsOmitted: errors + warnings - findings.length,
    ...(first ? { firstEvent: { totalCounter: first.totalCounter, fdmDateTime: first.fdmDateTime } } : {}),
    ...(last ? { lastEvent: { totalCounter: last.totalCounter, fdmDateTime: last.fdmDateTime } } : {}),
    fdmId: trusted?.fdmId ?? first?.fdmId,
    elapsedMs: performance.now() - started,
    threads: checker.threads,
    signatureEngine: checker.signatureEngine,
  };
}

function ref(s: EventSummary) {
  const f = s.fields;
  return f
    ? {
        fdmRef: `${f.eventLabel} ${f.eventCounter}/${f.totalCounter}`,
        totalCounter: f.totalCounter,
        ticket: { posId: f.posId, posFiscalTicketNo: f.posFiscalTicketNo },
      }
    : {};
}

async function* batches(
  input: FdmInput,
  report: (f: Finding) => void,
  onBytes: ((done: number, total: number) => void) | undefined,
  pool: BufferPool,
): AsyncGenerator<BatchInput> {
  if ('memoryFile' in input) {
    for await (const b of readMemoryFile(input.memoryFile, {
      onFinding: report,
      allocate: (size) => pool.take(size),
      ...(onBytes ? { onBytes } : {}),
    })) {
      yield {
        kind: 'memory',
        firstIndex: b.firstIndex,
        offsets: b.offsets,
        starts: b.starts,
        bytes: b.bytes,
      };
    }
  } else {
    yield* readDumpFile(input.dumpFile, { onFinding: report, ...(onBytes ? { onBytes } : {}) });
  }
}
