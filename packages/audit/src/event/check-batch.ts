import { hash } from 'node:crypto';
import { finding } from '../findings/finding.js';
import type { Finding, FindingRecord } from '../findings/finding.js';
import { crc32c } from '../formats/crc32c.js';
import { memberSpan } from '../formats/json-span.js';
import { RECORD_HEADER_BYTES } from '../memory-file/memory-layout.js';
import { checkDecodedEvent } from './check-event.js';
import type { DecodedEvent, EventCheckContext } from './check-event.js';
import type { EventSummary } from './event-summary.js';

/** Records of the memory file, framed by the main thread. */
export interface MemoryBatchInput {
  readonly kind: 'memory';
  readonly firstIndex: number;
  readonly offsets: readonly number[];
  readonly starts: readonly number[];
  readonly bytes: Uint8Array;
}

/** Lines of an FDMmem.log dump. */
export interface DumpBatchInput {
  readonly kind: 'dump';
  readonly firstLine: number;
  readonly lines: readonly string[];
}

export type BatchInput = MemoryBatchInput | DumpBatchInput;

export function checkBatch(batch: BatchInput, ctx: EventCheckContext): EventSummary[] {
  const summaries: EventSummary[] = [];
  checkBatchEach(batch, ctx, (s) => summaries.push(s));
  return summaries;
}

/**
 * The same, handing each record's summary on as soon as it is made: a caller that packs them
 * at once keeps none alive, and the garbage collector has little to copy.
 */
export function checkBatchEach(
  batch: BatchInput,
  ctx: EventCheckContext,
  each: (s: EventSummary) => void,
): void {
  if (batch.kind === 'memory') checkMemoryBatch(batch, ctx, each);
  else for (const s of checkDumpBatch(batch, ctx)) each(s);
}

function checkMemoryBatch(
  batch: MemoryBatchInput,
  ctx: EventCheckContext,
  each: (s: EventSummary) => void,
): void {
  const bytes = Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength);
  const starts = batch.starts;
  const n = starts.length;
  const end = (i: number) => (i + 1 < n ? (starts[i + 1] as number) : bytes.length);
  const hashes: string[] = [];
  const headerPrevHashes: string[] = [];
  for (let i = 0; i < n; i++) {
    const start = starts[i] as number;
    hashes.push(hash('sha256', bytes.subarray(start, end(i))));
    headerPrevHashes.push(bytes.toString('hex', start + 12, start + RECORD_HEADER_BYTES));
  }
  const linked = (i: number) => i > 0 && i < n && headerPrevHashes[i] === hashes[i - 1];
  for (let i = 0; i < n; i++) {
    // When the next record links to this one's hash, the next signature vouches for these bytes
    // and the CRC adds nothing; it is computed where the chain cannot vouch, to tell damage apart.
    const vouched = linked(i + 1);
    const where = { index: batch.firstIndex + i, offset: batch.offsets[i] as number };
    const headerPrevHash = headerPrevHashes[i] as string;
    // Hashes the worker compared already stay here: they are 128 bytes a record to copy.
    const link: RecordLink = {
      ...(vouched ? {} : { recordHash: hashes[i] as string }),
      ...(linked(i) ? { linked: true } : { headerPrevHash }),
    };
    const record = bytes.subarray(starts[i] as number, end(i));
    each(checkRecord(record, headerPrevHash, link, !vouched, where, ctx));
  }
}

/** What a record says about its place in the chain, as the summary carries it. */
interface RecordLink {
  readonly headerPrevHash?: string;
  readonly recordHash?: string;
  readonly linked?: true;
}

/** The three members of a stored payload, parsed, and where the request's bytes are. */
interface PayloadParts {
  readonly fields: unknown;
  readonly request: unknown;
  readonly result: unknown;
  /** The request's bytes in the payload, when they could be located. */
  readonly requestSpan: readonly [number, number] | undefined;
}

const FIELDS_MEMBER = Buffer.from('{"fields":');
const REQUEST_MEMBER = Buffer.from(',"request":');
const RESULT_MEMBER = Buffer.from(',"result":');
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/**
 * The payload as the FDM writes it, `{"fields":{..},"request":{..},"result":{..}}`, split at
 * its member names and parsed piece by piece; undefined for any other layout. When the three
 * pieces parse as objects and tile the payload exactly, JSON's grammar leaves no other reading:
 * the result equals parsing the whole payload, and the request's bytes are known without
 * scanning them.
 */
function splitPayload(p: Buffer): PayloadParts | undefined {
  if (p.length < FIELDS_MEMBER.length || FIELDS_MEMBER.compare(p, 0, FIELDS_MEMBER.length) !== 0)
    return undefined;
  const requestAt = p.indexOf(REQUEST_MEMBER, FIELDS_MEMBER.length);
  if (requestAt < 0) return undefined;
  const resultAt = p.indexOf(RESULT_MEMBER, requestAt + REQUEST_MEMBER.length);
  if (resultAt < 0 || p[p.length - 1] !== CLOSE_OBJECT) return undefined;
  const fields = parseObject(p, FIELDS_MEMBER.length, requestAt);
  const requestSpan = [requestAt + REQUEST_MEMBER.length, resultAt] as const;
  const request = parseObject(p, requestSpan[0], requestSpan[1]);
  const result = parseObject(p, resultAt + RESULT_MEMBER.length, p.length - 1);
  if (fields === undefined || request === undefined || result === undefined) return undefined;
  return { fields, request, result, requestSpan };
}

/** The JSON object in p[from, to), or undefined when that is not exactly one object. */
function parseObject(p: Buffer, from: number, to: number): object | undefined {
  if (to - from < 2 || p[from] !== OPEN_OBJECT || p[to - 1] !== CLOSE_OBJECT) return undefined;
  try {
    return JSON.parse(p.toString('utf8', from, to)) as object;
  } catch {
    return undefined;
  }
}

/** The payload parsed whole, for any layout; the request's bytes located by scanning. */
function parseWholePayload(p: Buffer, where: FindingRecord): PayloadParts | Finding {
  let parsed: unknown;
  try {
    parsed = JSON.parse(p.toString('utf8'));
  } catch {
    return finding('PAYLOAD_UNREADABLE', where, 'the payload is not JSON');
  }
  const payload = parsed as Record<string, unknown> | null;
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return finding('PAYLOAD_UNREADABLE', where, 'the payload is not an event object');
  }
  const result = payload['result'];
  if (typeof result !== 'object' || result === null || !('request' in payload)) {
    return finding('PAYLOAD_UNREADABLE', where, 'the payload lacks fields, request or result');
  }
  return {
    fields: payload['fields'],
    request: payload['request'],
    result,
    requestSpan: memberSpan(p, 'request'),
  };
}

function checkRecord(
  record: Buffer,
  headerPrevHash: string,
  link: RecordLink,
  checkCrc: boolean,
  where: { index: number; offset: number },
  ctx: EventCheckContext,
): EventSummary {
  const findings: Finding[] = [];
  const damaged = checkCrc && record.readUInt32BE(8) !== crc32c(record.subarray(12));
  if (damaged) {
    findings.push(
      finding(
        'RECORD_CHECKSUM_MISMATCH',
        where,
        'the record bytes do not match their CRC-32C: the record was changed',
      ),
    );
  }
  const base = { ...where, ...link, damaged };
  const payloadBytes = record.subarray(RECORD_HEADER_BYTES);
  const parts =
    (ctx.wholePayloadParse ? undefined : splitPayload(payloadBytes)) ??
    parseWholePayload(payloadBytes, where);
  if ('code' in parts) {
    findings.push(parts);
    return { ...base, findings };
  }
  const r = parts.result as Record<string, unknown>;
  const span = parts.requestSpan;
  const decoded: DecodedEvent = {
    fields: parts.fields,
    request: parts.request,
    digitalSignature: r['digitalSignature'],
    shortSignature: r['shortSignature'],
    verificationUrl: r['verificationUrl'],
    vatCalc: r['vatCalc'],
    result: r,
    requestHash: span ? hash('sha256', payloadBytes.subarray(span[0], span[1])) : undefined,
  };
  const checked = checkDecodedEvent(where, decoded, ctx);
  const signedPrev = checked.fields?.prevHash;
  if (signedPrev !== undefined && signedPrev !== headerPrevHash) {
    findings.push(
      finding(
        'PREV_HASH_FIELD_MISMATCH',
        { ...where, totalCounter: checked.fields?.totalCounter },
        `the signed prevHash ${signedPrev} differs from the record header's ${headerPrevHash}`,
      ),
    );
  }
  for (const f of checked.findings) findings.push(f);
  return { ...base, ...checked, findings };
}

/** The dump line's fields, laid out as fdm README "Dumps" describes FDMmem.log. */
function checkDumpBatch(batch: DumpBatchInput, ctx: EventCheckContext): EventSummary[] {
  return batch.lines.map((line, i) => {
    const lineNo = batch.firstLine + i;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      parsed = undefined;
    }
    const o = parsed as Record<string, unknown> | undefined;
    const index = typeof o?.['record'] === 'number' ? o['record'] : lineNo - 1;
    const where = { index };
    if (typeof o !== 'object' || o === null || typeof o['fdmRef'] !== 'object' || o['fdmRef'] === null) {
      return {
        index,
        damaged: false,
        findings: [finding('PAYLOAD_UNREADABLE', where, `FDMmem.log line ${lineNo} is not an event line`)],
      };
    }
    const ref = o['fdmRef'] as Record<string, unknown>;
    const fields = {
      fdmId: ref['fdmId'],
      fdmDateTime: ref['fdmDateTime'],
      eventLabel: ref['eventLabel'],
      eventCounter: ref['eventCounter'],
      totalCounter: ref['totalCounter'],
      eventOperation: o['eventOperation'],
      isTraining: o['isTraining'],
      posId: o['posId'],
      posFiscalTicketNo: o['posFiscalTicketNo'],
      posDateTime: o['posDateTime'],
      terminalId: o['terminalId'],
      deviceId: o['deviceId'],
      dataHash: o['dataHash'],
      prevHash: o['prevHash'],
    };
    const checked = checkDecodedEvent(
      where,
      {
        fields,
        request: o['data'],
        digitalSignature: o['digitalSignature'],
        shortSignature: o['shortSignature'],
        verificationUrl: o['verificationUrl'],
        vatCalc: o['vatCalc'],
      },
      ctx,
    );
    const recordHash = typeof o['recordHash'] === 'string' ? o['recordHash'] : undefined;
    return { index, damaged: false, ...(recordHash ? { recordHash } : {}), ...checked };
  });
}
