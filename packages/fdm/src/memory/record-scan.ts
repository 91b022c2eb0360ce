import type { FileHandle } from 'node:fs/promises';
import { crc32c } from './crc32c.js';
import { MAX_PAYLOAD_BYTES, RECORD_HEADER_BYTES, sha256 } from './record-format.js';

export type ScanItem =
  | {
      kind: 'record';
      index: number;
      offset: number;
      length: number;
      hash: Buffer;
      payload: Buffer;
      /** The whole record, header included (for a later checksum check). */
      bytes: Buffer;
    }
  | { kind: 'torn'; offset: number; bytes: number }
  | { kind: 'damage'; index: number; offset: number; reason: string };

const CHUNK_BYTES = 1024 * 1024;

export interface ScanOptions {
  /**
   * false: a record's CRC is checked only to explain a broken link (its successor's prevHash
   * covers every byte of it, CRC included), so the caller must check the last record's CRC
   * itself (recordChecksumOk). Damage is still named with the record and reason a full check
   * gives. Default true.
   */
  readonly everyChecksum?: boolean;
}

/**
 * Walks the records in [from, end) of a memory file and checks each one's framing, checksums
 * and place in the hash chain. Stops after the first torn tail or damage, which it yields last.
 * The payload's meaning is the caller's to check.
 */
export async function* scanRecords(
  file: FileHandle,
  from: number,
  end: number,
  firstIndex: number,
  firstPrevHash: Buffer,
  options: ScanOptions = {},
): AsyncGenerator<ScanItem> {
  const everyChecksum = options.everyChecksum ?? true;
  const reader = new WindowReader(file, end);
  let offset = from;
  let index = firstIndex;
  let prevHash = firstPrevHash;
  let previous: { offset: number; bytes: Buffer } | undefined;
  while (offset < end) {
    const head = await reader.bytes(offset, 8);
    if (!head) {
      yield { kind: 'torn', offset, bytes: end - offset };
      return;
    }
    const length = head.readUInt32BE(0);
    if (head.readUInt32BE(4) !== crc32c(head.subarray(0, 4))) {
      yield { kind: 'damage', index, offset, reason: 'record length field is corrupt' };
      return;
    }
    if (length > MAX_PAYLOAD_BYTES) {
      yield { kind: 'damage', index, offset, reason: `record length ${length} exceeds the maximum` };
      return;
    }
    const record = await reader.bytes(offset, RECORD_HEADER_BYTES + length);
    if (!record) {
      yield { kind: 'torn', offset, bytes: end - offset };
      return;
    }
    if ((everyChecksum || !record.subarray(12, 44).equals(prevHash)) && !recordChecksumOk(record)) {
      yield { kind: 'damage', index, offset, reason: 'record checksum mismatch' };
      return;
    }
    if (!record.subarray(12, 44).equals(prevHash)) {
      // Without per-record CRCs, a flip in the previous record shows here first: name that one.
      if (!everyChecksum && previous && !recordChecksumOk(previous.bytes)) {
        yield {
          kind: 'damage',
          index: index - 1,
          offset: previous.offset,
          reason: 'record checksum mismatch',
        };
        return;
      }
      yield {
        kind: 'damage',
        index,
        offset,
        reason: 'hash chain broken: previous-record hash does not match',
      };
      return;
    }
    const hash = sha256(record);
    yield {
      kind: 'record',
      index,
      offset,
      length: record.length,
      hash,
      payload: record.subarray(44),
      bytes: record,
    };
    previous = { offset, bytes: record };
    prevHash = hash;
    offset += record.length;
    index++;
  }
}

/** The record's CRC over its previous hash and payload matches. */
export function recordChecksumOk(record: Buffer): boolean {
  return record.readUInt32BE(8) === crc32c(record.subarray(12));
}

/** Sequential reads through a sliding window, so a multi-GB memory is never held whole. */
class WindowReader {
  private window = Buffer.alloc(0);
  private windowStart = 0;

  constructor(
    private readonly file: FileHandle,
    private readonly end: number,
  ) {}

  /** The `length` bytes at `offset`, or undefined when the file (up to `end`) is shorter. */
  async bytes(offset: number, length: number): Promise<Buffer | undefined> {
    if (offset + length > this.end) return undefined;
    if (offset < this.windowStart) throw new RangeError('WindowReader reads forward only');
    if (offset + length > this.windowStart + this.window.length) {
      const keep = this.window.subarray(Math.min(offset - this.windowStart, this.window.length));
      const loadFrom = this.windowStart + this.window.length;
      const loadStart = Math.max(loadFrom, offset);
      const toLoad = Math.min(Math.max(offset + length - loadStart, CHUNK_BYTES), this.end - loadStart);
      const fresh = Buffer.allocUnsafe(toLoad);
      let got = 0;
      while (got < toLoad) {
        const { bytesRead } = await this.file.read(fresh, got, toLoad - got, loadStart + got);
        if (bytesRead === 0) return undefined; // the file shrank under us
        got += bytesRead;
      }
      this.window = loadStart > loadFrom ? fresh : Buffer.concat([keep, fresh]);
      this.windowStart = loadStart > loadFrom ? loadStart : offset;
    }
    const at = offset - this.windowStart;
    return this.window.subarray(at, at + length);
  }
}
