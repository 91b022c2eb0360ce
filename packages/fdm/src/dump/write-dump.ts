import { mkdir, open, readFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { err, ok } from '@gks/core';
import type { Result } from '@gks/core';
import { certificateSerialOf } from '../ca/local-test-ca.js';
import type { EventMemory } from '../memory/event-memory.js';
import type { StoredEvent } from '../memory/stored-event.js';
import { readErrorLog } from '../state/error-log.js';
import type { FdmState } from '../state/fdm-state.js';
import { belgianDateOf, rtcTimestamp } from './belgian-time.js';
import { appendDumpLog, readDumpLog } from './dump-log.js';
import type { DumpLogEntry } from './dump-log.js';
import { checkPeriod, inPeriod, intersectPeriods, parseFdmDer } from './dump-period.js';
import type { DumpPeriod } from './dump-period.js';

export interface DumpOptions {
  state: FdmState;
  memory: EventMemory;
  outDir: string;
  /** Belgian dates YYYY-MM-DD, inclusive; combined with an FDM.DER in outDir (both apply). */
  from?: string;
  to?: string;
  /** The FDM clock's now. */
  now: Date;
  /** The last POS that talked to the FDM; defaults to the last stored event's posId. */
  lastPosId?: string;
}

export interface DumpSummary {
  readonly dumpNo: number;
  readonly outDir: string;
  readonly files: readonly string[];
  readonly period: DumpPeriod;
  readonly restrictedBy: DumpLogEntry['restrictedBy'];
  readonly events: number;
  readonly errors: number;
  readonly status: 'OK' | 'ERROR';
}

export const DUMP_FILES = {
  serial: 'FDMserl.txt',
  memory: 'FDMmem.log',
  errors: 'FDMerror.log',
  period: 'FDM.DER',
};

/** Dumps of one FDM run one at a time, so dump numbers are unique; signing is never waited for. */
const dumpQueues = new Map<string, Promise<unknown>>();

/**
 * Writes the C-75 report files into outDir, as the FDM does onto a card in port 3 (C-74):
 * FDMmem.log (every stored event with its control data), FDMerror.log (every error answered),
 * then records the dump in dumps.log (on disk before this returns) and writes FDMserl.txt, which
 * lists it. Reads use their own file handles, so signing goes on meanwhile (C-56).
 */
export function writeDump(opts: DumpOptions): Promise<Result<DumpSummary, { reason: string }>> {
  const key = opts.state.paths.dumpLog;
  const run = (dumpQueues.get(key) ?? Promise.resolve()).then(() => dumpNow(opts));
  const settled = run.catch(() => undefined);
  dumpQueues.set(key, settled);
  void settled.then(() => {
    if (dumpQueues.get(key) === settled) dumpQueues.delete(key);
  });
  return run;
}

async function dumpNow(opts: DumpOptions): Promise<Result<DumpSummary, { reason: string }>> {
  const { state, memory, outDir } = opts;
  const requested = checkPeriod({ from: opts.from, to: opts.to });
  if (!requested.ok) return requested;
  const card = await readCardPeriod(outDir);
  if (!card.ok) return card;
  const fromOptions = opts.from !== undefined || opts.to !== undefined;
  const period = card.value ? intersectPeriods(card.value, requested.value) : requested.value;
  const restrictedBy: DumpLogEntry['restrictedBy'] = card.value
    ? fromOptions
      ? 'FDM.DER+options'
      : 'FDM.DER'
    : fromOptions
      ? 'options'
      : 'none';

  try {
    await mkdir(outDir, { recursive: true });
  } catch (e) {
    return err({ reason: `cannot create ${outDir}: ${(e as Error).message}` });
  }
  const damage = memory.damage;
  const status = damage ? 'ERROR' : 'OK';
  let events = 0;
  let errors = 0;
  try {
    events = await writeLines(join(outDir, DUMP_FILES.memory), memoryLines(memory, period));
    errors = await writeLines(join(outDir, DUMP_FILES.errors), errorLines(state.paths.errorLog, period));
  } catch (e) {
    return err({ reason: `dump failed: ${(e as Error).message}` });
  }

  const previous = await readDumpLog(state.paths.dumpLog);
  const entry: DumpLogEntry = {
    dumpNo: (previous.at(-1)?.dumpNo ?? 0) + 1,
    at: opts.now.toISOString(),
    from: period.from ?? null,
    to: period.to ?? null,
    restrictedBy,
    events,
    errors,
    status,
  };
  await appendDumpLog(state.paths.dumpLog, entry);

  const lastPosId = opts.lastPosId ?? memory.lastEvent?.fields.posId ?? '-';
  const serial = [
    `productionNo=${state.config.productionNo}`,
    `status=${status}`,
    ...(damage
      ? [`statusDetail=record ${damage.recordIndex} at byte ${damage.offset}: ${oneLine(damage.reason)}`]
      : []),
    `lastPosProductionNo=${lastPosId}`,
    `rtc=${rtcTimestamp(opts.now)}`,
    `lastVscId=${certificateSerialOf(state.certificatePem)}`,
    `dumpCount=${previous.length + 1}`,
    ...[...previous, entry].map(dumpLine),
  ];
  try {
    await writeLines(join(outDir, DUMP_FILES.serial), toAsync(serial));
  } catch (e) {
    return err({ reason: `dump failed: ${(e as Error).message}` });
  }
  return ok({
    dumpNo: entry.dumpNo,
    outDir,
    files: [DUMP_FILES.serial, DUMP_FILES.memory, DUMP_FILES.errors],
    period,
    restrictedBy,
    events,
    errors,
    status,
  });
}

async function readCardPeriod(outDir: string): Promise<Result<DumpPeriod | undefined, { reason: string }>> {
  let text: string;
  try {
    text = await readFile(join(outDir, DUMP_FILES.period), 'latin1');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return ok(undefined);
    return err({ reason: `cannot read FDM.DER: ${(e as Error).message}` });
  }
  return parseFdmDer(text);
}

function dumpLine(e: DumpLogEntry): string {
  return [
    `dump.${e.dumpNo}=${rtcTimestamp(new Date(e.at))}`,
    `from=${e.from ?? '-'}`,
    `to=${e.to ?? '-'}`,
    `restrictedBy=${e.restrictedBy}`,
    `events=${e.events}`,
    `errors=${e.errors}`,
    `status=${e.status}`,
  ].join(';');
}

const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ');

/** FDMmem.log: one JSON object per event, keys in a fixed reading order. */
async function* memoryLines(memory: EventMemory, period: DumpPeriod): AsyncIterable<string> {
  for await (const { index, hash, event } of memory.read(0)) {
    if (!inPeriod(belgianDateOf(new Date(event.fields.fdmDateTime)), period)) continue;
    yield JSON.stringify(memoryLogLine(index, hash, event));
  }
}

function memoryLogLine(index: number, hash: string, { fields: f, request, result }: StoredEvent) {
  const transaction = (request as { transaction?: { transactionTotal?: unknown } } | null)?.transaction;
  return {
    record: index,
    fdmRef: {
      fdmId: f.fdmId,
      fdmDateTime: f.fdmDateTime,
      eventLabel: f.eventLabel,
      eventCounter: f.eventCounter,
      totalCounter: f.totalCounter,
    },
    eventOperation: f.eventOperation,
    isTraining: f.isTraining,
    posId: f.posId,
    terminalId: f.terminalId,
    deviceId: f.deviceId,
    posFiscalTicketNo: f.posFiscalTicketNo,
    posDateTime: f.posDateTime,
    total: typeof transaction?.transactionTotal === 'number' ? transaction.transactionTotal : null,
    vatCalc: result.vatCalc ?? null,
    digitalSignature: result.digitalSignature,
    shortSignature: result.shortSignature ?? null,
    dataHash: f.dataHash,
    prevHash: f.prevHash,
    recordHash: hash,
    data: request,
  };
}

async function* errorLines(file: string, period: DumpPeriod): AsyncIterable<string> {
  for await (const entry of readErrorLog(file)) {
    const at = new Date(entry.fdmDateTime);
    // An entry without a readable time cannot be placed in a period: kept only in full dumps.
    const keep = Number.isNaN(at.getTime())
      ? period.from === undefined && period.to === undefined
      : inPeriod(belgianDateOf(at), period);
    if (keep) yield JSON.stringify(entry);
  }
}

async function* toAsync(lines: readonly string[]): AsyncIterable<string> {
  yield* lines;
}

/** Writes lines (LF-terminated) in 64 kB batches, syncs, returns how many. */
async function writeLines(path: string, lines: AsyncIterable<string>): Promise<number> {
  const handle: FileHandle = await open(path, 'w');
  let count = 0;
  try {
    let batch: string[] = [];
    let batchChars = 0;
    for await (const line of lines) {
      batch.push(line, '\n');
      batchChars += line.length + 1;
      count++;
      if (batchChars >= 65_536) {
        await handle.writeFile(batch.join(''));
        batch = [];
        batchChars = 0;
      }
    }
    if (batch.length > 0) await handle.writeFile(batch.join(''));
    await handle.sync();
  } finally {
    await handle.close();
  }
  return count;
}
