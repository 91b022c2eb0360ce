import { execFileSync } from 'node:child_process';
import { closeSync, fsyncSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/*
 * Why this module exists (PGlite 0.5.16 in Node, read from its shipped code):
 * - A data directory on disk is mounted with Emscripten's NODEFS: every write() of the WASM
 *   Postgres becomes a synchronous fs.writeSync on a host file descriptor, so a committed
 *   transaction's WAL is in the OS page cache when the query resolves. That survives a
 *   crash or kill -9 of our process.
 * - Nothing reaches the disk itself: PGlite starts Postgres with `-F` (fsync=off), and even with
 *   fsync on, Emscripten's fdatasync/fsync syscalls are no-ops and NODEFS has no fsync
 *   operation. A power cut could lose acknowledged commits.
 * - `relaxedDurability` only changes whether PGlite awaits its own syncToFs, which does
 *   nothing for NODEFS (writes already went through).
 * So after each commit we fsync, from the host, the WAL segments written since the last
 * sync, and the whole data directory when it is opened (crash recovery writes data files and
 * a checkpoint) and after it is closed (the shutdown checkpoint writes the data files).
 */

export interface WalPosition {
  /** The WAL insert position, e.g. `0/17264D8`. */
  readonly lsn: string;
  /** The segment file holding it, e.g. `000000010000000000000001`. */
  readonly segment: string;
}

export class WalSync {
  readonly #walDir: string;
  readonly #segmentsPerLogId: bigint;
  #lastLsn: string | null = null;
  #lastSegment: string | null = null;

  constructor(dataDir: string, walSegmentBytes: number) {
    this.#walDir = join(dataDir, 'pg_wal');
    this.#segmentsPerLogId = 0x1_0000_0000n / BigInt(walSegmentBytes);
  }

  /** Makes everything written up to `position` durable; a no-op when nothing was written since. */
  syncUpTo(position: WalPosition): void {
    if (position.lsn === this.#lastLsn) return;
    const from = this.#lastSegment ?? position.segment;
    const names = segmentRange(from, position.segment, this.#segmentsPerLogId);
    for (const name of names) fsyncPath(join(this.#walDir, name));
    if (position.segment !== this.#lastSegment) fsyncPath(this.#walDir); // a new segment file's directory entry
    this.#lastLsn = position.lsn;
    this.#lastSegment = position.segment;
  }
}

/** The segment names from `from` to `to`, both included (names are timeline, log id, segment in hex). */
export function segmentRange(from: string, to: string, segmentsPerLogId: bigint): string[] {
  const parse = (name: string): { timeline: string; index: bigint } => {
    if (!/^[0-9A-F]{24}$/.test(name)) throw new Error(`not a WAL segment name: ${name}`);
    const logId = BigInt(`0x${name.slice(8, 16)}`);
    const segment = BigInt(`0x${name.slice(16, 24)}`);
    return { timeline: name.slice(0, 8), index: logId * segmentsPerLogId + segment };
  };
  const start = parse(from);
  const end = parse(to);
  if (start.timeline !== end.timeline || end.index < start.index) return [to];
  const names: string[] = [];
  for (let i = start.index; i <= end.index; i++) {
    const logId = i / segmentsPerLogId;
    const segment = i % segmentsPerLogId;
    names.push(start.timeline + hex8(logId) + hex8(segment));
  }
  return names;
}

const hex8 = (n: bigint): string => n.toString(16).toUpperCase().padStart(8, '0');

export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Flushes everything under `root` to disk. `sync -f` (syncfs on the file system holding it)
 * takes milliseconds where fsyncing the ~1,000 files of a data directory one by one takes most
 * of a second on ext4; the per-file walk is the fallback where `sync -f` is missing.
 */
export function syncDirectory(root: string): void {
  try {
    execFileSync('sync', ['-f', root], { stdio: 'ignore' });
  } catch {
    fsyncTree(root);
  }
}

/** fsyncs every file and directory under `root` (children before their directory). */
export function fsyncTree(root: string): void {
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) fsyncTree(path);
    else if (entry.isFile()) fsyncPath(path);
  }
  fsyncPath(root);
}
