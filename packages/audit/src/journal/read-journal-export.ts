import { constants, createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { createHash } from 'node:crypto';
import { finding } from '../findings/finding.js';
import type { Finding } from '../findings/finding.js';
import { canonicalJson } from '../formats/canonical-json.js';
import { dataHashOf } from '../formats/signed-bytes.js';
import { seriesOf } from '../ledger/ticket-numbers.js';
import type { TicketScheme } from '../ledger/ticket-numbers.js';
import type { JournalEvent } from './journal-event.js';

/**
 * Adapter for the POS journal's text export (packages/pos README, journal/export.ts): one JSON
 * object per line, {seq, recordedAt, kind, terminalId, userId, data, fdmMessage |
 * fdmMessageBase64, prevHash, entryHash}. Each entry's hash is SHA-256 over the UTF-8 of the
 * JSON array [format, seq, recordedAt, kind, terminalId, userId, canonical data text,
 * hex SHA-256 of the FDM message bytes or null, prevHash]. Fiscal events are `fiscal_event`
 * entries (the request bytes sent) answered by `fiscal_result` entries (the answer bytes).
 */
const JOURNAL_FORMAT = 'gks-pos-journal/1';
const GENESIS = '0'.repeat(64);
const MAX_TICKET_NO = 999_999_999;

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;

export interface JournalReadOptions {
  readonly ticketScheme: TicketScheme;
  readonly onFinding: (f: Finding) => void;
}

/**
 * Streams the journal's fiscal events, each once its answer is read (or, at the end, as
 * pending). Checks the entry hash chain and the POS ticket numbering on the way.
 */
export async function* readJournalExport(
  path: string,
  options: JournalReadOptions,
): AsyncGenerator<JournalEvent> {
  try {
    await access(path, constants.R_OK);
  } catch (e) {
    options.onFinding(
      finding('INPUT_UNREADABLE', {}, `cannot read the journal ${path}: ${(e as Error).message}`),
    );
    return;
  }
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  try {
    yield* readJournalLines(lines, options);
  } finally {
    lines.close();
  }
}

/**
 * The same, over lines of the export format from anywhere (a file, or rows of the POS's
 * database turned into export lines by `readJournalDatabase`).
 */
export async function* readJournalLines(
  lines: AsyncIterable<string>,
  options: JournalReadOptions,
): AsyncGenerator<JournalEvent> {
  const report = options.onFinding;
  const waiting = new Map<number, Omit<JournalEvent, 'outcome'>>();
  const lastTicket = new Map<string, number>();
  let expectedSeq: number | undefined;
  let fromStart = false;
  let previousHash: string | undefined;
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (line.trim() === '') continue;
    const entry = parseEntry(line);
    if (typeof entry === 'string') {
      report(finding('JOURNAL_UNREADABLE_LINE', {}, `line ${lineNo}: ${entry}`));
      continue;
    }
    const at = { journalSeq: entry.seq };
    if (expectedSeq === undefined) {
      fromStart = entry.seq === 1;
      if (entry.seq !== 1)
        report(finding('JOURNAL_SEQ_GAP', at, `the journal starts at seq ${entry.seq}, not 1`));
    } else if (entry.seq !== expectedSeq) {
      report(finding('JOURNAL_SEQ_GAP', at, `seq ${entry.seq} where ${expectedSeq} was expected`));
    }
    const expectedPrev = previousHash ?? (entry.seq === 1 ? GENESIS : undefined);
    if (expectedPrev !== undefined && entry.prevHash !== expectedPrev) {
      report(
        finding(
          'JOURNAL_CHAIN_BROKEN',
          at,
          `prevHash ${entry.prevHash} is not the previous entry's hash ${expectedPrev}`,
        ),
      );
    }
    if (entry.computedHash !== entry.entryHash) {
      report(
        finding(
          'JOURNAL_ENTRY_ALTERED',
          at,
          `the entry hashes to ${entry.computedHash}, it states ${entry.entryHash}`,
        ),
      );
    }
    expectedSeq = entry.seq + 1;
    previousHash = entry.entryHash;

    if (entry.kind === 'fiscal_event') {
      const event = fiscalEvent(entry, report);
      if (!event) continue;
      checkTicketNumber(event, options.ticketScheme, lastTicket, fromStart, report);
      waiting.set(entry.seq, event);
    } else if (entry.kind === 'fiscal_result') {
      const eventSeq = obj(entry.data)?.['eventSeq'];
      const outcome = obj(entry.data)?.['outcome'];
      const event = typeof eventSeq === 'number' ? waiting.get(eventSeq) : undefined;
      if (!event) {
        report(
          finding(
            'JOURNAL_UNREADABLE_LINE',
            at,
            `a result for event seq ${String(eventSeq)}, which is not waiting`,
          ),
        );
        continue;
      }
      waiting.delete(event.journalSeq);
      if (outcome === 'signed') {
        const answer = signResultOf(entry.message);
        if (!answer) {
          report(finding('JOURNAL_UNREADABLE_LINE', at, 'a signed result without a readable FDM answer'));
        }
        yield { ...event, outcome: 'signed', resultSeq: entry.seq, ...answer };
      } else {
        yield { ...event, outcome: 'refused', resultSeq: entry.seq };
      }
    }
  }
  for (const event of waiting.values()) yield { ...event, outcome: 'pending' };
}

interface ParsedEntry {
  readonly seq: number;
  readonly kind: string;
  readonly data: unknown;
  readonly message: Buffer | null;
  readonly prevHash: string;
  readonly entryHash: string;
  readonly computedHash: string;
  readonly terminalId: unknown;
}

function parseEntry(line: string): ParsedEntry | string {
  let o: Json | undefined;
  try {
    o = obj(JSON.parse(line));
  } catch {
    return 'not JSON';
  }
  if (!o) return 'not an object';
  const { seq, recordedAt, kind, terminalId, userId, data, prevHash, entryHash } = o;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq)) return 'no seq';
  if (typeof recordedAt !== 'string' || typeof kind !== 'string') return 'no recordedAt or kind';
  if (typeof prevHash !== 'string' || typeof entryHash !== 'string') return 'no prevHash or entryHash';
  const dataText = canonicalJson(data);
  if (dataText === undefined) return 'data is not JSON data';
  let message: Buffer | null = null;
  if (typeof o['fdmMessage'] === 'string') message = Buffer.from(o['fdmMessage'], 'utf8');
  else if (typeof o['fdmMessageBase64'] === 'string') message = Buffer.from(o['fdmMessageBase64'], 'base64');
  const hashedForm = JSON.stringify([
    JOURNAL_FORMAT,
    seq,
    recordedAt,
    kind,
    terminalId ?? null,
    userId ?? null,
    dataText,
    message === null ? null : createHash('sha256').update(message).digest('hex'),
    prevHash,
  ]);
  const computedHash = createHash('sha256').update(hashedForm, 'utf8').digest('hex');
  return { seq, kind, data, message, prevHash, entryHash, computedHash, terminalId };
}

function fiscalEvent(
  entry: ParsedEntry,
  report: (f: Finding) => void,
): Omit<JournalEvent, 'outcome'> | undefined {
  const d = obj(entry.data);
  const posId = d?.['posId'];
  const ticketNo = d?.['posFiscalTicketNo'];
  const eventLabel = d?.['eventLabel'];
  const eventOperation = d?.['eventOperation'];
  if (typeof posId !== 'string' || typeof ticketNo !== 'number' || typeof eventLabel !== 'string') {
    report(
      finding(
        'JOURNAL_UNREADABLE_LINE',
        { journalSeq: entry.seq },
        'a fiscal event without posId, ticket or label',
      ),
    );
    return undefined;
  }
  let requestData: Json | undefined;
  try {
    requestData = obj(
      obj(obj(JSON.parse(entry.message?.toString('utf8') ?? 'null'))?.['variables'])?.['data'],
    );
  } catch {
    requestData = undefined;
  }
  if (!requestData) {
    report(
      finding(
        'JOURNAL_UNREADABLE_LINE',
        { journalSeq: entry.seq },
        'the request sent to the FDM cannot be read',
      ),
    );
  }
  const operation = typeof eventOperation === 'string' ? eventOperation : '';
  const terminalId = requestData?.['terminalId'];
  const posDateTime = requestData?.['posDateTime'];
  return {
    journalSeq: entry.seq,
    posId,
    posFiscalTicketNo: ticketNo,
    eventLabel,
    eventOperation: operation,
    terminalId: typeof terminalId === 'string' ? terminalId : undefined,
    posDateTime: typeof posDateTime === 'string' ? posDateTime : undefined,
    requestHash: requestData ? dataHashOf(asCoerced(operation, requestData)) : undefined,
  };
}

/**
 * What GraphQL input coercion makes of the request before the FDM hashes it, for the schema's
 * cases that change the value: a default (TurnoverInput.drawersOpenCount = 0) and a single
 * object where a list is expected (TransferInput.from / to).
 */
function asCoerced(operation: string, data: Json): Json {
  if ((operation === 'REPORT_TURNOVER_X' || operation === 'REPORT_TURNOVER_Z') && obj(data['turnover'])) {
    const turnover = obj(data['turnover']) as Json;
    if (turnover['drawersOpenCount'] === undefined) {
      return { ...data, turnover: { ...turnover, drawersOpenCount: 0 } };
    }
  }
  if (operation === 'COST_CENTER_CHANGE' && obj(data['transfer'])) {
    const transfer = obj(data['transfer']) as Json;
    const list = (v: unknown) => (v === undefined || v === null || Array.isArray(v) ? v : [v]);
    return { ...data, transfer: { ...transfer, from: list(transfer['from']), to: list(transfer['to']) } };
  }
  return data;
}

function signResultOf(message: Buffer | null): Pick<JournalEvent, 'fdmRef' | 'digitalSignature'> | undefined {
  let data: Json | undefined;
  try {
    data = obj(obj(JSON.parse(message?.toString('utf8') ?? 'null'))?.['data']);
  } catch {
    return undefined;
  }
  const result = obj(Object.values(data ?? {})[0]);
  const ref = obj(result?.['fdmRef']);
  if (!result || !ref) return undefined;
  const { fdmId, fdmDateTime, eventLabel, eventCounter, totalCounter } = ref;
  if (typeof fdmId !== 'string' || typeof fdmDateTime !== 'string' || typeof eventLabel !== 'string')
    return undefined;
  if (typeof eventCounter !== 'number' || typeof totalCounter !== 'number') return undefined;
  const signature = result['digitalSignature'];
  return {
    fdmRef: { fdmId, fdmDateTime, eventLabel, eventCounter, totalCounter },
    ...(typeof signature === 'string' ? { digitalSignature: signature } : {}),
  };
}

function checkTicketNumber(
  e: Omit<JournalEvent, 'outcome'>,
  scheme: TicketScheme,
  last: Map<string, number>,
  fromStart: boolean,
  report: (f: Finding) => void,
): void {
  const series = seriesOf(scheme, {
    posId: e.posId,
    eventLabel: e.eventLabel,
    terminalId: e.terminalId ?? '',
  });
  const previous = last.get(series) ?? (fromStart ? 0 : undefined);
  last.set(series, e.posFiscalTicketNo);
  if (previous === undefined) return;
  const expected = previous >= MAX_TICKET_NO ? 1 : previous + 1;
  const n = e.posFiscalTicketNo;
  if (n === expected) return;
  const at = { journalSeq: e.journalSeq, ticket: { posId: e.posId, posFiscalTicketNo: n } };
  if (n > expected) {
    report(
      finding(
        'TICKET_NO_GAP',
        at,
        n === expected + 1
          ? `series ${series}: ticket ${expected} is missing before ${n}`
          : `series ${series}: tickets ${expected}..${n - 1} are missing before ${n}`,
      ),
    );
  } else {
    report(finding('TICKET_NO_REPEATED', at, `series ${series}: ticket ${n} follows ${previous}`));
  }
}
