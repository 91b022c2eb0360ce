import { open, readFile, unlink } from 'node:fs/promises';

/**
 * One writing process per memory file: `<memory>.lock` holds the writer's pid. Two FDMs started
 * on one state directory would otherwise fork the hash chain and ruin the memory. A lock whose
 * process is gone (a crash, kill -9) is taken over. Readers (dumps, status) take no lock.
 */
export class WriterLock {
  private constructor(private readonly path: string) {}

  static async acquire(memoryFile: string): Promise<WriterLock> {
    const path = `${memoryFile}.lock`;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const handle = await open(path, 'wx', 0o600);
        try {
          await handle.writeFile(`${process.pid}\n`);
          await handle.sync();
        } finally {
          await handle.close();
        }
        return new WriterLock(path);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const holder = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
      if (Number.isSafeInteger(holder) && holder > 0 && processIsAlive(holder)) {
        throw new Error(`the memory is being written by process ${holder} (${path})`);
      }
      await unlink(path).catch(() => undefined); // stale: its writer is gone
    }
    throw new Error(`cannot take the writer lock ${path}`);
  }

  async release(): Promise<void> {
    await unlink(this.path).catch(() => undefined);
  }
}

function processIsAlive(pid: number): boolean {
  if (pid === process.pid) return true; // another writer in this very process
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
