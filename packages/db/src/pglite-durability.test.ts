import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fsyncTree, segmentRange, WalSync } from './pglite-durability.js';

const perLogId = 256n; // 16 MB segments

describe('segmentRange', () => {
  it('is the one segment when nothing moved on', () => {
    expect(segmentRange('000000010000000000000001', '000000010000000000000001', perLogId)).toEqual([
      '000000010000000000000001',
    ]);
  });

  it('lists every segment in between, across a log id boundary', () => {
    expect(segmentRange('0000000100000000000000FE', '000000010000000100000001', perLogId)).toEqual([
      '0000000100000000000000FE',
      '0000000100000000000000FF',
      '000000010000000100000000',
      '000000010000000100000001',
    ]);
  });

  it('falls back to the newest segment after a timeline change or when going backwards', () => {
    expect(segmentRange('000000010000000000000005', '000000020000000000000006', perLogId)).toEqual([
      '000000020000000000000006',
    ]);
    expect(segmentRange('000000010000000000000005', '000000010000000000000003', perLogId)).toEqual([
      '000000010000000000000003',
    ]);
  });

  it.each(['', '00000001', '00000001000000000000000g', '../../etc/passwd0000000000'])(
    'refuses the name %j',
    (name) => {
      expect(() => segmentRange(name, '000000010000000000000001', perLogId)).toThrow(/WAL segment/);
    },
  );
});

describe('WalSync', () => {
  it('syncs the segments it is told about and fails loudly when one is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gks-walsync-'));
    try {
      mkdirSync(join(dir, 'pg_wal'));
      writeFileSync(join(dir, 'pg_wal', '000000010000000000000001'), 'wal');
      const sync = new WalSync(dir, 16 * 1024 * 1024);
      sync.syncUpTo({ lsn: '0/1000010', segment: '000000010000000000000001' });
      // same position: nothing to do, even though the next segment does not exist
      sync.syncUpTo({ lsn: '0/1000010', segment: '000000010000000000000002' });
      expect(() => sync.syncUpTo({ lsn: '0/2000010', segment: '000000010000000000000002' })).toThrow(
        /ENOENT/,
      );
      expect(() => fsyncTree(dir)).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
