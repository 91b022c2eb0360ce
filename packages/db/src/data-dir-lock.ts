import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';

/** PGlite lets two instances open one data directory, which would corrupt it: we refuse instead. */
export class DataDirInUseError extends Error {
  constructor(
    readonly lockFile: string,
    readonly pid: number,
  ) {
    super(`the data directory is in use by process ${pid} (lock file ${lockFile})`);
    this.name = 'DataDirInUseError';
  }
}

const heldHere = new Set<string>();

/**
 * Takes `<dataDir>.lock` (a sibling: PGlite's initdb wants an empty directory), holding our pid.
 * A lock left by a dead process (kill -9, power cut) is taken over. Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  const lockFile = `${resolve(dataDir)}.lock`;
  if (heldHere.has(lockFile)) throw new DataDirInUseError(lockFile, process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      try {
        writeSync(fd, `${process.pid}\n`);
      } finally {
        closeSync(fd);
      }
      heldHere.add(lockFile);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        heldHere.delete(lockFile);
        rmSync(lockFile, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readLock(lockFile), 10);
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder))
        throw new DataDirInUseError(lockFile, holder);
      rmSync(lockFile, { force: true }); // stale: its process is gone
    }
  }
  throw new DataDirInUseError(lockFile, -1);
}

function readLock(lockFile: string): string {
  try {
    return readFileSync(lockFile, 'utf8');
  } catch {
    return '';
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
