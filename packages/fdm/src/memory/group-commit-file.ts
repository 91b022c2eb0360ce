import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

interface Pending {
  readonly bytes: Buffer;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/**
 * An append-only file whose appends resolve once their bytes are on disk (fdatasync).
 * While one write + fdatasync is in flight, new appends queue and go out together in the
 * next round: one write and one fdatasync per round, whatever the number of appends (group
 * commit). Bytes land in the order append() was called. After a failed write or sync the file
 * refuses every further append: what reached the disk is then unknown.
 */
export class GroupCommitFile {
  private queue: Pending[] = [];
  private flushing: Promise<void> | undefined;
  private failure: Error | undefined;
  private closed = false;
  private rounds = 0;

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
    this.flushing ??= this.flushRounds();
    return done;
  }

  /** Waits for queued appends, then closes the handle. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.flushing;
    await this.handle.close();
  }

  private async flushRounds(): Promise<void> {
    try {
      while (this.queue.length > 0 && !this.failure) {
        const round = this.queue;
        this.queue = [];
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
          await this.handle.datasync();
          this.rounds++;
        } catch (e) {
          this.failure = e instanceof Error ? e : new Error(String(e));
          for (const p of round) p.reject(this.failure);
          break;
        }
        for (const p of round) p.resolve();
      }
      if (this.failure) for (const p of this.queue.splice(0)) p.reject(this.failure);
    } finally {
      this.flushing = undefined;
    }
  }
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
