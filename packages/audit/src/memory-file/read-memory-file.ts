import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { finding } from '../findings/finding.js';
import type { Finding } from '../findings/finding.js';
import { crc32c } from '../formats/crc32c.js';
import {
  FILE_HEADER_BYTES,
  MAGIC,
  MAX_PAYLOAD_BYTES,
  RECORD_HEADER_BYTES,
  VERSION,
} from './memory-layout.js';

/** Consecutive framed records, copied out of the file so a worker can own them. */
export interface RecordBatch {
  readonly firstIndex: number;
  /** File offset of each record. */
  readonly offsets: number[];
  /** Record i is bytes[starts[i], starts[i + 1]) (the last ends at bytes.length). */
  readonly starts: number[];
  readonly bytes: Buffer;
}

export interface FramingOptions {
  readonly recordsPerBatch?: number;
  readonly onFinding: (f: Finding) => void;
  /** Bytes read so far, for a progress bar. */
  readonly onBytes?: (done: number, total: number) => void;
}

const WINDOW_BYTES = 8 * 1024 * 1024;

/**
 * Frames the records of a memory file and hands them out in batches; checking their contents
 * is the caller's. Framing damage is reported and reading goes on: a corrupt length field is
 * skipped by searching for the next position where an intact record starts.
 */
export async function* readMemoryFile(path: string, options: FramingOptions): AsyncGenerator<RecordBatch> {
  const perBatch = options.recordsPerBatch ?? 512;
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    options.onFinding(finding('INPUT_UNREADABLE', {}, `cannot open ${path}: ${(e as Error).message}`));
    return;
  }
  try {
    const size = (await handle.stat()).size;
    const window = new FileWindow(handle, size);
    const header = await window.bytes(0, FILE_HEADER_BYTES);
    const headerProblem = header ? checkHeader(header) : 'the file is shorter than its 16-byte header';
    if (headerProblem) {
      options.onFinding(finding('FILE_HEADER_BAD', { offset: 0 }, headerProblem));
      if (!header || header.subarray(0, 8).toString('latin1') !== MAGIC) return;
    }
    let offset = FILE_HEADER_BYTES;
    let index = 0;
    let batch: { offsets: number[]; firstIndex: number; from: number; to: number } | undefined;
    const flush = async (): Promise<RecordBatch | undefined> => {
      if (!batch) return undefined;
      const from = batch.from;
      const source = (await window.bytes(batch.from, batch.to - batch.from)) as Buffer;
      // Its own ArrayBuffer (never Node's shared pool), so it can be transferred to a worker.
      const bytes = Buffer.allocUnsafeSlow(source.length);
      source.copy(bytes);
      const out: RecordBatch = {
        firstIndex: batch.firstIndex,
        offsets: batch.offsets,
        starts: batch.offsets.map((o) => o - from),
        bytes,
      };
      batch = undefined;
      return out;
    };
    while (offset < size) {
      const length = await window.framedLength(offset);
      if (length === 'torn') {
        options.onFinding(
          finding(
            'TRUNCATED_TAIL',
            { index, offset },
            `the file ends ${size - offset} bytes into an incomplete record`,
          ),
        );
        break;
      }
      if (length === 'corrupt') {
        const next = await window.nextIntactRecord(offset + 1);
        options.onFinding(
          finding(
            'RECORD_LENGTH_CORRUPT',
            { index, offset },
            `the length field at byte ${offset} fails its checksum; ` +
              (next === undefined
                ? `no intact record follows (${size - offset} bytes unread)`
                : `reading resumes at byte ${next} (${next - offset} bytes skipped)`),
          ),
        );
        if (next === undefined) break;
        const done = await flush();
        if (done) yield done;
        offset = next;
        index++;
        continue;
      }
      const end = offset + RECORD_HEADER_BYTES + length;
      if (batch && (batch.offsets.length >= perBatch || !window.holds(batch.from, end))) {
        const done = await flush();
        if (done) yield done;
        options.onBytes?.(offset, size);
      }
      if (!batch) batch = { offsets: [], firstIndex: index, from: offset, to: offset };
      batch.offsets.push(offset);
      batch.to = end;
      offset = end;
      index++;
    }
    const done = await flush();
    if (done) yield done;
    options.onBytes?.(size, size);
  } finally {
    await handle.close();
  }
}

function checkHeader(header: Buffer): string | undefined {
  if (header.subarray(0, 8).toString('latin1') !== MAGIC) return 'not an FDM memory file (bad magic)';
  if (header.readUInt32BE(12) !== crc32c(header.subarray(0, 12))) return 'file header checksum mismatch';
  const version = header.readUInt32BE(8);
  if (version !== VERSION) return `memory format version ${version}, this verifier reads version ${VERSION}`;
  return undefined;
}

/** Forward reads through a large window, so the file is never held whole. */
class FileWindow {
  private buf = Buffer.alloc(0);
  private start = 0;

  constructor(
    private readonly file: FileHandle,
    private readonly size: number,
  ) {}

  holds(from: number, to: number): boolean {
    return from >= this.start && to <= this.start + this.buf.length;
  }

  async bytes(offset: number, length: number): Promise<Buffer | undefined> {
    if (offset + length > this.size) return undefined;
    if (!this.holds(offset, offset + length)) {
      const want = Math.min(Math.max(length, WINDOW_BYTES), this.size - offset);
      const fresh = Buffer.allocUnsafe(want);
      let got = 0;
      while (got < want) {
        const { bytesRead } = await this.file.read(fresh, got, want - got, offset + got);
        if (bytesRead === 0) return undefined;
        got += bytesRead;
      }
      this.buf = fresh;
      this.start = offset;
    }
    return this.buf.subarray(offset - this.start, offset - this.start + length);
  }

  /** The payload length of the record at offset, or why there is none. */
  async framedLength(offset: number): Promise<number | 'torn' | 'corrupt'> {
    const head = await this.bytes(offset, 8);
    if (!head) return 'torn';
    if (head.readUInt32BE(4) !== crc32c(head.subarray(0, 4))) return 'corrupt';
    const length = head.readUInt32BE(0);
    if (length > MAX_PAYLOAD_BYTES) return 'corrupt';
    if (offset + RECORD_HEADER_BYTES + length > this.size) return 'torn';
    return length;
  }

  /** The first offset >= from where a whole record with good checksums starts. */
  async nextIntactRecord(from: number): Promise<number | undefined> {
    for (let at = from; at + RECORD_HEADER_BYTES <= this.size; at++) {
      const length = await this.framedLength(at);
      if (typeof length !== 'number') continue;
      const record = await this.bytes(at, RECORD_HEADER_BYTES + length);
      if (record && record.readUInt32BE(8) === crc32c(record.subarray(12))) return at;
    }
    return undefined;
  }
}
