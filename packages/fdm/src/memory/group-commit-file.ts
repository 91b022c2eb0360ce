import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

interface Pending {
  readonly bytes: Buffer;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/** fdatasync rounds in flight at once: the next round is written while the previous one syncs. */
const ROUNDS_IN_FLIGHT = 2;

/**
 * An append-only file whose appends resolve once their bytes are on disk (fdatasync).
 * Appends queue; a round takes everything queued, writes it with one write and then syncs it
 * with one fdatasync, whatever the number of appends (group commit). The next round's write
 * starts as soon as the previous write has returned, so its fdatasync runs beside the previous
 * one instead of after it (at most ROUNDS_IN_FLIGHT at once): a request arriving during a sync
 * waits for one sync, not for the rest of that one and then its own. Bytes land in the order
 * append() was called, appends resolve in that order too, and each resolves only after an
 * fdatasync issued after its own bytes were written. After a failed write or sync the file
 * refuses every further append, and every later round fails: what reached the disk is then
 * unknown.
 */
export class GroupCommitFile {
  private queue: Pending[] = [];
  private failure: Error | undefined;
  private closed = false;
  private rounds = 0;
  private inFlight = 0;
  private writing = false;
  /** Settles (never rejects) once the newest round started has been resolved or rejected. */
  private settled: Promise<void> = Promise.resolve();

  private constructor(
    private readonly handle: FileHandle,
    private beforeFirstWrite: ((handle: FileHandle) => Promise<void>) | undefined,
  ) {}

  /**
   * `options.beforeFirstWrite` runs once, just before the first write reaches the file (taking a
   * writer's lock, cutting a torn tail). If it throws, the file fails like a failed write.
   */
  static async open(
    path: string,
    options: { beforeFirstWrite?: (handle: FileHandle) => Promise<void> } = {},
  ): Promise<GroupCommitFile> {
    return new GroupCommitFile(await open(path, 'a'), options.beforeFirstWrite);
  }

  /** Completed write + fdatasync rounds: far fewer than appends under concurrency. */
  get writeRounds(): number {
    return this.rounds;
  }

  get failed(): Error | undefined {
    return this.failure;
  }

  append(bytes: Buffer): Promise<void> {
    if (this.closed) return Promise.reject(new Error('append after close'));
    if (this.failure) return Promise.reject(this.failure);
    const done = new Promise<void>((resolve, reject) => this.queue.push({ bytes, resolve, reject }));
    this.pump();
    return done;
  }

  /** Waits for queued appends, then closes the handle. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    while (this.inFlight > 0 || this.queue.length > 0) await this.settled;
    await this.handle.close();
  }

  /** Starts a round when there is something to write, no write running and room for a sync. */
  private pump(): void {
    if (this.failure) {
      for (const p of this.queue.splice(0)) p.reject(this.failure);
      return;
    }
    if (this.writing || this.inFlight >= ROUNDS_IN_FLIGHT || this.queue.length === 0) return;
    const round = this.queue;
    this.queue = [];
    this.inFlight++;
    this.writing = true;
    const previous = this.settled;
    this.settled = this.runRound(round, previous);
  }

  private async runRound(round: Pending[], previous: Promise<void>): Promise<void> {
    let error: Error | undefined;
    try {
      if (this.beforeFirstWrite) {
        const prepare = this.beforeFirstWrite;
        this.beforeFirstWrite = undefined;
        await prepare(this.handle);
      }
      await writeFully(
        this.handle,
        round.length === 1 ? (round[0] as Pending).bytes : Buffer.concat(round.map((p) => p.bytes)),
      );
    } catch (e) {
      error = asError(e);
    }
    this.writing = false;
    if (error) this.failure ??= error;
    else {
      // The next round may be written while this one syncs.
      this.pump();
      try {
        await this.handle.datasync();
      } catch (e) {
        error = asError(e);
        this.failure ??= error;
      }
    }
    // Answers go out in append order: after every earlier round.
    await previous;
    this.inFlight--;
    const failure = error ?? this.failure;
    if (failure) {
      for (const p of round) p.reject(failure);
    } else {
      this.rounds++;
      for (const p of round) p.resolve();
    }
    this.pump();
  }
}

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

async function writeFully(handle: FileHandle, bytes: Buffer): Promise<void> {
  let written = 0;
  while (written < bytes.length) {
    // The file is opened with O_APPEND, so every write goes to the end whatever the position.
    const { bytesWritten } = await handle.write(bytes, written, bytes.length - written);
    written += bytesWritten;
  }
}

/** Makes a just-created or renamed directory entry durable (POSIX needs the directory synced). */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
