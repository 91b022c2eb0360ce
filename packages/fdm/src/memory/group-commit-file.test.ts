import { describe, it, expect } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GroupCommitFile } from './group-commit-file.js';

describe('GroupCommitFile', () => {
  it('writes concurrent appends in call order with far fewer write+sync rounds than appends', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gcf-'));
    try {
      const file = await GroupCommitFile.open(join(dir, 'log'));
      const done = Array.from({ length: 200 }, (_, i) => file.append(Buffer.from(`${i}\n`)));
      await Promise.all(done);
      expect(file.writeRounds).toBeGreaterThanOrEqual(1);
      expect(file.writeRounds).toBeLessThanOrEqual(3);
      await file.close();
      const lines = (await readFile(join(dir, 'log'), 'utf8')).trimEnd().split('\n');
      expect(lines).toEqual(Array.from({ length: 200 }, (_, i) => String(i)));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('resolves appends in call order, bytes in call order, while rounds overlap', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gcf-'));
    try {
      const file = await GroupCommitFile.open(join(dir, 'log'));
      const resolved: number[] = [];
      const all: Promise<void>[] = [];
      for (let burst = 0; burst < 20; burst++) {
        for (let i = 0; i < 10; i++) {
          const n = burst * 10 + i;
          all.push(file.append(Buffer.from(`${n}\n`)).then(() => void resolved.push(n)));
        }
        // Let a round start before the next burst arrives, so that rounds overlap.
        await new Promise((r) => setImmediate(r));
      }
      await Promise.all(all);
      expect(resolved).toEqual(Array.from({ length: 200 }, (_, i) => i));
      expect(file.writeRounds).toBeGreaterThan(1);
      await file.close();
      const lines = (await readFile(join(dir, 'log'), 'utf8')).trimEnd().split('\n');
      expect(lines).toEqual(Array.from({ length: 200 }, (_, i) => String(i)));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('appends to the end of an existing file and refuses appends after close', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gcf-'));
    try {
      const path = join(dir, 'log');
      const a = await GroupCommitFile.open(path);
      await a.append(Buffer.from('a'));
      await a.close();
      const b = await GroupCommitFile.open(path);
      await b.append(Buffer.from('b'));
      await b.close();
      await expect(b.append(Buffer.from('c'))).rejects.toThrow(/close/);
      expect(await readFile(path, 'utf8')).toBe('ab');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!existsSync('/dev/full'))('fails every append, queued or later, once a write fails', async () => {
    const file = await GroupCommitFile.open('/dev/full');
    const results = await Promise.allSettled([1, 2, 3].map((i) => file.append(Buffer.alloc(i))));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(file.failed?.message).toMatch(/ENOSPC/);
    await expect(file.append(Buffer.alloc(1))).rejects.toBe(file.failed);
    await file.close();
  });
});
