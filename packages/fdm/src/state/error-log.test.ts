import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorLog, readErrorLog } from './error-log.js';
import type { ErrorLogEntry } from './error-log.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'errlog-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function all(it: AsyncIterable<ErrorLogEntry>): Promise<ErrorLogEntry[]> {
  const out: ErrorLogEntry[] = [];
  for await (const e of it) out.push(e);
  return out;
}

const entry = (i: number): ErrorLogEntry => ({
  fdmDateTime: `2025-03-14T12:00:${String(i % 60).padStart(2, '0')}Z`,
  posId: 'CPOS0031234567',
  operation: 'signSale',
  code: 'INVALID_REQUEST',
  subCode: 'VALUE_OUT_OF_RANGE',
  field: 'data.posFiscalTicketNo',
  message: `bad ticket ${i}`,
});

describe('ErrorLog', () => {
  it('keeps concurrent appends, in order, across reopen', async () => {
    const file = join(dir, 'errors.log');
    const log = await ErrorLog.open(file);
    await Promise.all(Array.from({ length: 50 }, (_, i) => log.append(entry(i))));
    await log.close();
    const again = await ErrorLog.open(file);
    await again.append({ fdmDateTime: '2025-03-14T13:00:00Z', code: 'UNKNOWN_POS', message: 'who?' });
    const read = await all(again.read());
    expect(read).toHaveLength(51);
    expect(read.slice(0, 50)).toEqual(Array.from({ length: 50 }, (_, i) => entry(i)));
    expect(read[50]).toEqual({ fdmDateTime: '2025-03-14T13:00:00Z', code: 'UNKNOWN_POS', message: 'who?' });
    await again.close();
  });

  it('drops undefined members and escapes newlines, one line per entry', async () => {
    const file = join(dir, 'errors.log');
    const log = await ErrorLog.open(file);
    await log.append({ fdmDateTime: 't', code: 'X', message: 'a\nb', posId: undefined });
    await log.close();
    expect(await readFile(file, 'utf8')).toBe('{"fdmDateTime":"t","code":"X","message":"a\\nb"}\n');
  });

  it('skips a torn last line and lines that are not entries', async () => {
    const file = join(dir, 'errors.log');
    const log = await ErrorLog.open(file);
    await log.append(entry(1));
    await appendFile(
      file,
      'garbage\n[1,2]\n{"code":"X"}\n{"fdmDateTime":"t","code":"X","message":"m","posId":5}\n',
    );
    await log.append(entry(2));
    await appendFile(file, '{"fdmDateTime":"t","code":"TORN"');
    expect(await all(readErrorLog(file))).toEqual([entry(1), entry(2)]);
    await log.close();
  });

  it('reads a missing or empty log as no entries', async () => {
    expect(await all(readErrorLog(join(dir, 'none.log')))).toEqual([]);
    const log = await ErrorLog.open(join(dir, 'empty.log'));
    expect(await all(log.read())).toEqual([]);
    await log.close();
  });
});
