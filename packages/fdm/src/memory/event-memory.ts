import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import type { KeyObject } from 'node:crypto';
import { dirname } from 'node:path';
import type { EventLabel } from '@gks/core';
import { canonicalJson } from '../signing/canonical-json.js';
import { verifyEventSignature } from '../signing/event-signature.js';
import { ZERO_HASH, type SignedEventFields } from '../signing/signed-event.js';
import { GroupCommitFile, syncDirectory } from './group-commit-file.js';
import {
  checkFileHeader,
  encodeRecord,
  fileHeader,
  FILE_HEADER_BYTES,
  RECORD_HEADER_BYTES,
  ZERO_HASH_BYTES,
} from './record-format.js';
import { recordChecksumOk, scanRecords } from './record-scan.js';
import { WriterLock } from './writer-lock.js';
import {
  checkEventContent,
  checkNextEvent,
  checkNextFields,
  decodeSignedFields,
  decodeStoredEvent,
} from './stored-event.js';
import type { StoredEvent } from './stored-event.js';

/** Where and why the memory is damaged. recordIndex -1 means the file header. */
export type MemoryDamage = { readonly recordIndex: number; readonly offset: number; readonly reason: string };

export interface MemoryOpenReport {
  readonly records: number;
  /** Bytes of an incomplete last write (never acknowledged): ignored, and cut off before the next append. */
  readonly discardedTornBytes: number;
  readonly damage?: MemoryDamage;
}

export interface MemoryOpenOptions {
  /** The configured capacity behind bufferCapacityUsed; the engine enforces it, not the memory. */
  capacityBytes: number;
  /**
   * The FDM's public key. When given, open verifies the last record's signature: it covers the
   * previous record's hash, so it authenticates the whole chain, not just the last event.
   */
  publicKey?: KeyObject;
  /** 'all' also verifies every record's signature and full content (slower; for audits). Default 'last'. */
  verifySignatures?: 'last' | 'all';
  /**
   * Called once for each record the open counts, oldest first, with its signed fields (never for
   * a record found damaged): lets the engine rebuild its state in the same pass over the file.
   */
  onRecord?: (index: number, fields: SignedEventFields) => void;
}

/** Every CHECKPOINT_EVERY-th record's offset and predecessor, so read(from) need not start at 0. */
const CHECKPOINT_EVERY = 1024;
interface Checkpoint {
  readonly index: number;
  readonly offset: number;
  readonly prevHash: Buffer;
}

/**
 * The FDM's tamper-evident event memory: an append-only file of checksummed, hash-chained
 * records (format in record-format.ts and the README). There is deliberately no way to delete
 * or rewrite a record (C-57); open only ever cuts off a torn, never-acknowledged tail.
 */
export class EventMemory {
  private counted = 0;
  private lastHashBytes: Buffer = ZERO_HASH_BYTES;
  private last: StoredEvent | undefined;
  private size = FILE_HEADER_BYTES;
  private durableCount = 0;
  private durableSize = FILE_HEADER_BYTES;
  private readonly eventCounters = new Map<EventLabel, number>();
  private readonly checkpoints: Checkpoint[] = [];
  private writer: GroupCommitFile | undefined;
  private lock: WriterLock | undefined;
  private foundDamage: MemoryDamage | undefined;
  private closed = false;

  private constructor(
    readonly file: string,
    readonly capacityBytes: number,
  ) {}

  /** Creates an empty memory file (header only); refuses to touch an existing file. */
  static async create(file: string): Promise<void> {
    const handle = await open(file, 'wx');
    try {
      await handle.write(fileHeader());
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await syncDirectory(dirname(file));
  }

  /**
   * Opens (creating it when missing) and verifies the whole memory: framing, checksums, the
   * hash chain, each payload's canonical form and counters, and the last signature when a key
   * is given. Damage does not throw: it is reported, and the memory then refuses appends.
   */
  static async open(
    file: string,
    options: MemoryOpenOptions,
  ): Promise<{ memory: EventMemory; report: MemoryOpenReport }> {
    if (!Number.isSafeInteger(options.capacityBytes) || options.capacityBytes <= 0) {
      throw new RangeError('capacityBytes must be a positive integer');
    }
    const memory = new EventMemory(file, options.capacityBytes);
    let handle: FileHandle;
    try {
      handle = await open(file, 'r+');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      await EventMemory.create(file);
      handle = await open(file, 'r+');
    }
    let discardedTornBytes = 0;
    try {
      discardedTornBytes = await memory.load(handle, options);
    } finally {
      await handle.close();
    }
    if (!memory.foundDamage) {
      const cutTo = discardedTornBytes > 0 ? memory.size : undefined;
      // Only a process that appends takes the lock and cuts a torn tail: another process (a dump,
      // a status query) may open the memory while the FDM is writing that very record.
      memory.writer = await GroupCommitFile.open(file, {
        beforeFirstWrite: async (handle) => {
          memory.lock = await WriterLock.acquire(file);
          if (cutTo !== undefined) await handle.truncate(cutTo);
        },
      });
    }
    const report: MemoryOpenReport = {
      records: memory.counted,
      discardedTornBytes,
      ...(memory.foundDamage ? { damage: memory.foundDamage } : {}),
    };
    return { memory, report };
  }

  get count(): number {
    return this.counted;
  }
  get lastHash(): string {
    return this.lastHashBytes.toString('hex');
  }
  get lastEvent(): StoredEvent | undefined {
    return this.last;
  }
  /** Bytes of the file including records whose write is still in flight. */
  get sizeBytes(): number {
    return this.size;
  }
  get damage(): MemoryDamage | undefined {
    return this.foundDamage ?? this.writeFailure();
  }
  /** The last eventCounter given to a label (0 when none). */
  lastEventCounter(label: EventLabel): number {
    return this.eventCounters.get(label) ?? 0;
  }

  /**
   * Synchronously fixes the record's place in the chain, then resolves once it is on disk.
   * Appends made while a write is in flight share the next write + fdatasync (group commit).
   * An event that does not continue the chain (prevHash, counters, fdmRef, dataHash) is a bug in
   * the caller and throws, as does appending to a damaged or closed memory.
   */
  append(event: StoredEvent, requestJson?: string): Promise<{ index: number; hash: string }> {
    if (this.closed) throw new Error('event memory is closed');
    const damage = this.damage;
    if (damage) throw new Error(`event memory is damaged at record ${damage.recordIndex}: ${damage.reason}`);
    const writer = this.writer as GroupCommitFile;
    const problem = checkNextEvent(this.position(), event, requestJson);
    if (problem) throw new Error(`event does not continue the memory: ${problem}`);

    // canonicalJson(event), with the request's canonical form as the caller hashed it: the
    // dataHash check above has just tied that text to the signed fields.
    const payload =
      requestJson === undefined
        ? canonicalJson(event)
        : `{"fields":${canonicalJson(event.fields)},"request":${requestJson},"result":${canonicalJson(event.result)}}`;
    const { bytes, hash } = encodeRecord(this.lastHashBytes, Buffer.from(payload, 'utf8'));
    const index = this.counted;
    this.noteRecord(index, this.size, bytes.length, hash, event.fields);
    this.last = event;
    const hashHex = hash.toString('hex');
    const end = this.size;
    return writer.append(bytes).then(() => {
      // Rounds resolve in append order, so these only grow.
      this.durableCount = index + 1;
      this.durableSize = end;
      return { index, hash: hashHex };
    });
  }

  /**
   * Streams the records that were durable when read() was called, from a separate read handle:
   * appends go on meanwhile. Each record is re-checked; a change under the reader throws.
   */
  async *read(fromIndex = 0): AsyncIterable<{ index: number; hash: string; event: StoredEvent }> {
    const endCount = this.durableCount;
    const endSize = this.durableSize;
    if (fromIndex >= endCount) return;
    const start = this.checkpoints[Math.floor(Math.max(0, fromIndex) / CHECKPOINT_EVERY)] as Checkpoint;
    const handle = await open(this.file, 'r');
    try {
      for await (const item of scanRecords(handle, start.offset, endSize, start.index, start.prevHash)) {
        if (item.kind !== 'record') {
          const at = item.kind === 'damage' ? `record ${item.index}: ${item.reason}` : 'a torn record';
          throw new Error(`event memory changed while reading: ${at}`);
        }
        if (item.index < fromIndex) continue;
        const decoded = decodeStoredEvent(item.payload);
        if ('reason' in decoded) throw new Error(`event memory record ${item.index}: ${decoded.reason}`);
        yield { index: item.index, hash: item.hash.toString('hex'), event: decoded.event };
      }
    } finally {
      await handle.close();
    }
  }

  /**
   * The signed fields of the records that were durable when called, without decoding the rest
   * of each payload: what the engine rebuilds its counters and duplicate index from. Framing
   * and hash links are checked again (open checked the rest); a change under the reader throws.
   */
  async *signedFields(fromIndex = 0): AsyncIterable<{ index: number; fields: SignedEventFields }> {
    const endCount = this.durableCount;
    const endSize = this.durableSize;
    if (fromIndex >= endCount) return;
    const start = this.checkpoints[Math.floor(Math.max(0, fromIndex) / CHECKPOINT_EVERY)] as Checkpoint;
    const handle = await open(this.file, 'r');
    try {
      const scan = scanRecords(handle, start.offset, endSize, start.index, start.prevHash, {
        everyChecksum: false,
      });
      for await (const item of scan) {
        if (item.kind !== 'record') {
          const at = item.kind === 'damage' ? `record ${item.index}: ${item.reason}` : 'a torn record';
          throw new Error(`event memory changed while reading: ${at}`);
        }
        if (item.index < fromIndex) continue;
        const decoded = decodeSignedFields(item.payload);
        if ('reason' in decoded) throw new Error(`event memory record ${item.index}: ${decoded.reason}`);
        yield { index: item.index, fields: decoded.fields };
      }
    } finally {
      await handle.close();
    }
  }

  /** Waits for appends in flight, then releases the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writer?.close();
    await this.lock?.release();
  }

  private writeFailure(): MemoryDamage | undefined {
    const failure = this.writer?.failed;
    if (!failure) return undefined;
    return {
      recordIndex: this.durableCount,
      offset: this.durableSize,
      reason: `write failed: ${failure.message}`,
    };
  }

  private position() {
    return { count: this.counted, lastHash: this.lastHash, lastEventCounters: this.eventCounters };
  }

  private noteRecord(
    index: number,
    offset: number,
    length: number,
    hash: Buffer,
    fields: SignedEventFields,
  ): void {
    if (index % CHECKPOINT_EVERY === 0) {
      this.checkpoints.push({ index, offset, prevHash: this.lastHashBytes });
    }
    this.counted = index + 1;
    this.size = offset + length;
    this.lastHashBytes = hash;
    this.eventCounters.set(fields.eventLabel, fields.eventCounter);
  }

  /** What noteRecord changes, so that the newest noted record can be taken back. */
  private snapshot(label: EventLabel): Snapshot {
    return {
      counted: this.counted,
      size: this.size,
      lastHashBytes: this.lastHashBytes,
      checkpoints: this.checkpoints.length,
      label,
      labelCounter: this.eventCounters.get(label),
    };
  }

  private restore(s: Snapshot): void {
    this.counted = s.counted;
    this.size = s.size;
    this.lastHashBytes = s.lastHashBytes;
    this.checkpoints.length = s.checkpoints;
    if (s.labelCounter === undefined) this.eventCounters.delete(s.label);
    else this.eventCounters.set(s.label, s.labelCounter);
  }

  /**
   * Verifies the file and builds the in-memory state; returns the torn bytes it cut off.
   *
   * Every record's framing, length check and hash link are verified, and its signed fields
   * decoded for the counters. The rest of a payload (request, answer) is decoded and checked
   * (canonical form, fdmRef, dataHash) for the newest good record, whose bytes no successor's
   * link vouches for, and for any record a broken link points at; each record's signature and
   * full content with `verifySignatures: 'all'`, and whenever it is read. A changed byte
   * anywhere breaks the chain, and the newest record's signature covers the chain, so no edit
   * without the key goes unseen; what the faster open leaves out are inconsistencies only a
   * holder of the key could write, which reads and audits still report.
   */
  private async load(handle: FileHandle, options: MemoryOpenOptions): Promise<number> {
    const fileSize = (await handle.stat()).size;
    if (fileSize < FILE_HEADER_BYTES) return this.completeTornHeader(handle, fileSize);
    const header = Buffer.alloc(FILE_HEADER_BYTES);
    await handle.read(header, 0, FILE_HEADER_BYTES, 0);
    const headerProblem = checkFileHeader(header);
    if (headerProblem) {
      this.foundDamage = { recordIndex: -1, offset: 0, reason: headerProblem };
      return 0;
    }
    const everything = options.verifySignatures === 'all';
    const key = everything ? options.publicKey : undefined;
    let torn = 0;
    // The newest records noted, newest last, with what noting them changed: a record whose
    // full check fails afterwards is taken back (two deep: a broken link can name the one before).
    const recent: {
      index: number;
      offset: number;
      bytes: Buffer;
      fields: SignedEventFields;
      before: Snapshot;
    }[] = [];
    const onRecord = options.onRecord;
    const scan = scanRecords(handle, FILE_HEADER_BYTES, fileSize, 0, ZERO_HASH_BYTES, {
      everyChecksum: everything,
    });
    for await (const item of scan) {
      if (item.kind === 'torn') {
        torn = item.bytes;
        break;
      }
      if (item.kind === 'damage') {
        this.foundDamage = { recordIndex: item.index, offset: item.offset, reason: item.reason };
        break;
      }
      let problem: string | undefined;
      let fields: SignedEventFields | undefined;
      if (everything) {
        const decoded = decodeStoredEvent(item.payload, true);
        problem =
          'reason' in decoded
            ? decoded.reason
            : (checkNextEvent(this.position(), decoded.event, decoded.requestJson) ??
              (key ? signatureProblem(key, decoded.event) : undefined));
        if (!('reason' in decoded)) fields = decoded.event.fields;
      } else {
        const decoded = decodeSignedFields(item.payload);
        problem = 'reason' in decoded ? decoded.reason : checkNextFields(this.position(), decoded.fields);
        if (!('reason' in decoded)) fields = decoded.fields;
        // Unchecked so far, a flipped byte in this very record explains any such problem best.
        if (problem !== undefined && !recordChecksumOk(item.bytes)) problem = 'record checksum mismatch';
      }
      if (problem !== undefined || !fields) {
        this.foundDamage = { recordIndex: item.index, offset: item.offset, reason: problem ?? 'bad payload' };
        break;
      }
      recent.push({
        index: item.index,
        offset: item.offset,
        bytes: item.bytes,
        fields,
        before: this.snapshot(fields.eventLabel),
      });
      // Beyond the two newest, nothing is taken back any more: the observer may hear of it.
      if (recent.length > 2) {
        const settled = recent.shift();
        if (settled && onRecord) onRecord(settled.index, settled.fields);
      }
      this.noteRecord(item.index, item.offset, item.length, item.hash, fields);
    }
    // The damage may lie in a noted record (the link after it broke), and the newest good
    // record has had no full check yet: take back noted records until one passes.
    const survivors = recent.slice();
    for (let entry = recent.pop(); entry; entry = recent.pop()) {
      if (this.foundDamage && this.foundDamage.recordIndex <= entry.index) {
        this.restore(entry.before);
        continue;
      }
      const checked = fullCheck(entry.bytes);
      if ('event' in checked) {
        this.last = checked.event;
        break;
      }
      this.restore(entry.before);
      this.foundDamage = { recordIndex: entry.index, offset: entry.offset, reason: checked.reason };
      torn = 0;
    }
    if (onRecord) {
      for (const entry of survivors) if (entry.index < this.counted) onRecord(entry.index, entry.fields);
    }
    if (this.counted > 0 && !this.last) this.last = await this.eventAt(this.counted - 1, handle);
    this.durableCount = this.counted;
    this.durableSize = this.size;
    if (!this.foundDamage && this.last && options.publicKey) {
      const problem = signatureProblem(options.publicKey, this.last);
      if (problem) {
        const lastIndex = this.counted - 1;
        const offset = (this.checkpoints[Math.floor(lastIndex / CHECKPOINT_EVERY)] as Checkpoint).offset;
        this.foundDamage = { recordIndex: lastIndex, offset, reason: problem };
      }
    }
    // A torn tail was never acknowledged (acknowledgement waits for fdatasync); open() arranges
    // for it to be cut just before this process's first append.
    return torn;
  }

  /** The decoded event at `index` (a good record), read through `handle`. */
  private async eventAt(index: number, handle: FileHandle): Promise<StoredEvent> {
    const start = this.checkpoints[Math.floor(index / CHECKPOINT_EVERY)] as Checkpoint;
    for await (const item of scanRecords(handle, start.offset, this.size, start.index, start.prevHash)) {
      if (item.kind !== 'record') break;
      if (item.index !== index) continue;
      const decoded = decodeStoredEvent(item.payload);
      if ('event' in decoded) return decoded.event;
      break;
    }
    throw new Error(`event memory record ${index} cannot be read back`);
  }

  /** A crash while creating the file can leave part of the header: finish it, nothing else. */
  private async completeTornHeader(handle: FileHandle, fileSize: number): Promise<number> {
    const expected = fileHeader();
    const present = Buffer.alloc(fileSize);
    if (fileSize > 0) await handle.read(present, 0, fileSize, 0);
    if (!present.equals(expected.subarray(0, fileSize))) {
      this.foundDamage = { recordIndex: -1, offset: 0, reason: 'file header is incomplete and corrupt' };
      return 0;
    }
    await handle.write(expected.subarray(fileSize), 0, FILE_HEADER_BYTES - fileSize, fileSize);
    await handle.datasync();
    return fileSize;
  }
}

interface Snapshot {
  readonly counted: number;
  readonly size: number;
  readonly lastHashBytes: Buffer;
  readonly checkpoints: number;
  readonly label: EventLabel;
  readonly labelCounter: number | undefined;
}

/** What open does not check for every record: its CRC and the payload's full content. */
function fullCheck(bytes: Buffer): { event: StoredEvent } | { reason: string } {
  if (!recordChecksumOk(bytes)) return { reason: 'record checksum mismatch' };
  const decoded = decodeStoredEvent(bytes.subarray(RECORD_HEADER_BYTES), true);
  if ('reason' in decoded) return decoded;
  const problem = checkEventContent(decoded.event, decoded.requestJson);
  return problem === undefined ? { event: decoded.event } : { reason: problem };
}

function signatureProblem(publicKey: KeyObject, event: StoredEvent): string | undefined {
  return verifyEventSignature(publicKey, event.fields, event.result.digitalSignature)
    ? undefined
    : 'signature does not verify with the FDM key';
}

/** The genesis prevHash: an empty memory's lastHash. */
export { ZERO_HASH };
