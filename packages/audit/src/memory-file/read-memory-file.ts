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

/** Consecutive framed records, read into a buffer of their own so a worker can own them. */
export interface RecordBatch {
  readonly firstIndex: number;
  /** File offset of each record. */
  readonly offsets: number[];
  /** Record i is bytes[starts[i], starts[i + 1]) (the last ends at bytes.length). */
  readonly starts: number[];
  /** A view on an ArrayBuffer that nothing else uses: it may be transferred. */
  readonly bytes: Buffer;
}

export interface FramingOptions {
  /** At most this many records a batch (default: as many as one read chunk holds). */
  readonly recordsPerBatch?: number;
  /** Bytes read at a time, and so about the size of a batch (default 2 MiB). */
  readonly chunkBytes?: number;
  readonly onFinding: (f: Finding) => void;
  /** Bytes read so far, for a progress bar. */
  readonly onBytes?: (done: number, total: number) => void;
  /** Where read buffers come from (default: fresh memory each time). */
  readonly allocate?: (size: number) => Buffer;
}

const CHUNK_BYTES = 2 * 1024 * 1024;
const WINDOW_BYTES = 8 * 1024 * 1024;

/**
 * Frames the records of a memory file and hands them out in batches; checking their contents
 * is the caller's. The file is read in chunks and a batch is the records of one chunk, so its
 * bytes are read once into memory that can be transferred, never copied again (only the
 * incomplete record at a chunk's end is carried into the next). Framing damage is reported and
 * reading goes on: a corrupt length field is skipped by searching for the next position where
 * an intact record starts.
 */
export async function* readMemoryFile(path: string, options: FramingOptions): AsyncGenerator<RecordBatch> {
  const perBatch = options.recordsPerBatch ?? Number.POSITIVE_INFINITY;
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    options.onFinding(finding('INPUT_UNREADABLE', {}, `cannot open ${path}: ${(e as Error).message}`));
    return;
  }
  try {
    const size = (await handle.stat()).size;
    const chunks = new ChunkReader(handle, size, options.chunkBytes ?? CHUNK_BYTES, options.allocate);
    const header = size >= FILE_HEADER_BYTES ? await chunks.hold(0, FILE_HEADER_BYTES) : undefined;
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
      const b = batch;
      batch = undefined;
      const bytes = await chunks.release(b.from, b.to);
      options.onBytes?.(b.to, size);
      return {
        firstIndex: b.firstIndex,
        offsets: b.offsets,
        starts: b.offsets.map((o) => o - b.from),
        bytes,
      };
    };
    while (offset < size) {
      if (offset + 8 > size) {
        options.onFinding(tornTail(index, offset, size));
        break;
      }
      if (!chunks.holds(offset, offset + 8)) {
        const done = await flush();
        if (done) yield done;
        if (!(await chunks.hold(offset, offset + 8))) {
          options.onFinding(tornTail(index, offset, size));
          break;
        }
      }
      const length = chunks.framedLength(offset);
      if (length === 'corrupt') {
        const done = await flush();
        if (done) yield done;
        const next = await nextIntactRecord(handle, size, offset + 1);
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
        offset = next;
        index++;
        continue;
      }
      const end = offset + RECORD_HEADER_BYTES + length;
      if (end > size) {
        options.onFinding(tornTail(index, offset, size));
        break;
      }
      if (batch && (batch.offsets.length >= perBatch || !chunks.holds(batch.from, end))) {
        const done = await flush();
        if (done) yield done;
      }
      if (!chunks.holds(offset, end) && !(await chunks.hold(offset, end))) {
        options.onFinding(tornTail(index, offset, size));
        break;
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

function tornTail(index: number, offset: number, size: number): Finding {
  return finding(
    'TRUNCATED_TAIL',
    { index, offset },
    `the file ends ${size - offset} bytes into an incomplete record`,
  );
}

function checkHeader(header: Buffer): string | undefined {
  if (header.subarray(0, 8).toString('latin1') !== MAGIC) return 'not an FDM memory file (bad magic)';
  if (header.readUInt32BE(12) !== crc32c(header.subarray(0, 12))) return 'file header checksum mismatch';
  const version = header.readUInt32BE(8);
  if (version !== VERSION) return `memory format version ${version}, this verifier reads version ${VERSION}`;
  return undefined;
}

/** The payload length in a record's first 8 bytes, unless its checksum or size rules it out. */
function lengthField(head: Buffer, at: number): number | 'corrupt' {
  if (head.readUInt32BE(at + 4) !== crc32c(head.subarray(at, at + 4))) return 'corrupt';
  const length = head.readUInt32BE(at);
  return length > MAX_PAYLOAD_BYTES ? 'corrupt' : length;
}

/**
 * Forward reads in chunks, each into a fresh buffer: bytes handed out by `release` belong to
 * the caller from then on (a worker may take them), and this reader never touches them again.
 */
class ChunkReader {
  private buf: Buffer = Buffer.alloc(0);
  private start = 0;

  constructor(
    private readonly file: FileHandle,
    private readonly size: number,
    private readonly chunkBytes: number,
    private readonly allocate: (size: number) => Buffer = (size) => Buffer.allocUnsafeSlow(size),
  ) {}

  holds(from: number, to: number): boolean {
    return from >= this.start && to <= this.start + this.buf.length;
  }

  /** Makes [from, to) held, reading ahead a chunk; undefined when the file ends before `to`. */
  async hold(from: number, to: number): Promise<Buffer | undefined> {
    if (!this.holds(from, to)) await this.refill(from, Math.max(to, from + this.chunkBytes));
    return this.holds(from, to) ? this.buf.subarray(from - this.start, to - this.start) : undefined;
  }

  /** The payload length of the record at a held offset, or 'corrupt'. */
  framedLength(offset: number): number | 'corrupt' {
    return lengthField(this.buf, offset - this.start);
  }

  /**
   * Hands out the held bytes [from, to) and carries what follows them into a new chunk, so
   * the caller may transfer the returned bytes' whole ArrayBuffer.
   */
  async release(from: number, to: number): Promise<Buffer> {
    const out = this.buf.subarray(from - this.start, to - this.start);
    await this.refill(to, to + this.chunkBytes);
    return out;
  }

  /** A fresh buffer for [from, min(to, size)): held bytes are copied, the rest read. */
  private async refill(from: number, to: number): Promise<void> {
    const end = Math.min(to, this.size);
    const fresh = this.allocate(Math.max(0, end - from));
    let got = 0;
    const heldEnd = this.start + this.buf.length;
    if (from >= this.start && from < heldEnd) {
      got = this.buf.copy(fresh, 0, from - this.start, Math.min(heldEnd, end) - this.start);
    }
    while (got < fresh.length) {
      const { bytesRead } = await this.file.read(fresh, got, fresh.length - got, from + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    // A file that shrank while read: what was read is all there is.
    this.buf = got < fresh.length ? fresh.subarray(0, got) : fresh;
    this.start = from;
  }
}

/**
 * The first offset >= from where a whole record with good checksums starts. Damage only:
 * reads through a window of its own, byte position by byte position.
 */
async function nextIntactRecord(file: FileHandle, size: number, from: number): Promise<number | undefined> {
  const window = new ChunkReader(file, size, WINDOW_BYTES);
  for (let at = from; at + RECORD_HEADER_BYTES <= size; at++) {
    const head = await window.hold(at, at + 8);
    if (!head) return undefined;
    const length = lengthField(head, 0);
    if (length === 'corrupt' || at + RECORD_HEADER_BYTES + length > size) continue;
    const record = await window.hold(at, at + RECORD_HEADER_BYTES + length);
    if (record && record.readUInt32BE(8) === crc32c(record.subarray(12))) return at;
  }
  return undefined;
}
