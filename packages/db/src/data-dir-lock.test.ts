import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, lockDataDir } from './data-dir-lock.js';

describe('lockDataDir', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gks-lock-'));
  const dataDir = join(dir, 'data');
  afterEach(() => rmSync(`${dataDir}.lock`, { force: true }));

  it('refuses a second opener in the same process, and lets it in after release', () => {
    const release = lockDataDir(dataDir);
    expect(readFileSync(`${dataDir}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    expect(() => lockDataDir(dataDir)).toThrow(DataDirInUseError);
    release();
    release(); // idempotent
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
    lockDataDir(dataDir)();
  });

  it('refuses a lock held by another living process', () => {
    writeFileSync(`${dataDir}.lock`, `${process.ppid}\n`);
    expect(() => lockDataDir(dataDir)).toThrow(new RegExp(`process ${process.ppid}`));
  });

  it.each([
    [
      'a dead process',
      () => String(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout),
    ],
    ['garbage', () => 'not a pid'],
    ['an empty file', () => ''],
  ])('takes over a lock left by %s', (_name, content) => {
    writeFileSync(`${dataDir}.lock`, content());
    const release = lockDataDir(dataDir);
    expect(readFileSync(`${dataDir}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    release();
  });
});
