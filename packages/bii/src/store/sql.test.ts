import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseInUseError, openSql } from './sql.js';

const roots: string[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});
async function freshDataDir(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'gks-bii-sql-'));
  roots.push(root);
  return join(root, 'db');
}

describe('the embedded bridge database', () => {
  it('refuses a second opener with the bridge advice, and opens again once closed', async () => {
    const dataDir = await freshDataDir();
    const first = await openSql({ dataDir });
    const refused = await openSql({ dataDir }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DatabaseInUseError);
    expect((refused as DatabaseInUseError).pid).toBe(process.pid);
    expect((refused as Error).message).toMatch(/DATABASE_URL/);
    await first.close();
    const again = await openSql({ dataDir });
    expect(await again.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await again.close();
  });

  it('takes over a lock left by a process that is gone; a live holder keeps it', async () => {
    const dataDir = await freshDataDir();
    await writeFile(`${dataDir}.lock`, '2147483646\n'); // no such process
    const sql = await openSql({ dataDir });
    await sql.close();
    await writeFile(`${dataDir}.lock`, `${process.ppid}\n`);
    await expect(openSql({ dataDir })).rejects.toThrow(DatabaseInUseError);
  });
});
