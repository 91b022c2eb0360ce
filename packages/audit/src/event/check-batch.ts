import { createHash } from 'node:crypto';
import { finding } from '../findings/finding.js';
import type { Finding } from '../findings/finding.js';
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
  return batch.kind === 'memory' ? checkMemoryBatch(batch, ctx) : checkDumpBatch(batch, ctx);
}

function checkMemoryBatch(batch: MemoryBatchInput, ctx: EventCheckContext): EventSummary[] {
  const bytes = Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength);
  const records = batch.starts.map((start, i) =>
    bytes.subarray(start, i + 1 < batch.starts.length ? (batch.starts[i + 1] as number) : bytes.length),
  );
  const hashes = records.map((r) => createHash('sha256').update(r).digest('hex'));
  return records.map((record, i) => {
    // When the next record links to this one's hash, the next signature vouches for these bytes
    // and the CRC adds nothing; it is computed where the chain cannot vouch, to tell damage apart.
    const next = records[i + 1];
    const vouched =
      next !== undefined && next.subarray(12, RECORD_HEADER_BYTES).toString('hex') === hashes[i];
    const where = { index: batch.firstIndex + i, offset: batch.offsets[i] as number };
    return checkRecord(record, hashes[i] as string, !vouched, where, ctx);
  });
}

function checkRecord(
  record: Buffer,
  recordHash: string,
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
  const headerPrevHash = record.subarray(12, RECORD_HEADER_BYTES).toString('hex');
  const base = { ...where, recordHash, headerPrevHash, damaged };
  const payloadBytes = record.subarray(RECORD_HEADER_BYTES);
  const text = payloadBytes.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    findings.push(finding('PAYLOAD_UNREADABLE', where, 'the payload is not JSON'));
    return { ...base, findings };
  }
  const payload = parsed as Record<string, unknown> | null;
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    findings.push(finding('PAYLOAD_UNREADABLE', where, 'the payload is not an event object'));
    return { ...base, findings };
  }
  const result = payload['result'];
  if (typeof result !== 'object' || result === null || !('request' in payload)) {
    findings.push(finding('PAYLOAD_UNREADABLE', where, 'the payload lacks fields, request or result'));
    return { ...base, findings };
  }
  const r = result as Record<string, unknown>;
  const decoded: DecodedEvent = {
    fields: payload['fields'],
    request: payload['request'],
    digitalSignature: r['digitalSignature'],
    shortSignature: r['shortSignature'],
    verificationUrl: r['verificationUrl'],
    vatCalc: r['vatCalc'],
    result: r,
    requestHash: spanHash(payloadBytes),
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
  return { ...base, ...checked, findings: [...findings, ...checked.findings] };
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

/** SHA-256 of the request's bytes as stored: the FDM's dataHash when the payload is canonical. */
function spanHash(payload: Buffer): string | undefined {
  const span = memberSpan(payload, 'request');
  return span ? createHash('sha256').update(payload.subarray(span[0], span[1])).digest('hex') : undefined;
}
