import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../findings/finding.js';
import type { JournalEvent } from './journal-event.js';
import { readJournalExport } from './read-journal-export.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gks-audit-journal-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function read(lines: string[]): Promise<{ events: JournalEvent[]; findings: Finding[] }> {
  const file = join(dir, `j-${Math.random().toString(36).slice(2)}.jsonl`);
  await writeFile(file, lines.join('\n') + '\n');
  const findings: Finding[] = [];
  const events: JournalEvent[] = [];
  for await (const e of readJournalExport(file, {
    ticketScheme: 'pos',
    onFinding: (f) => findings.push(f),
  })) {
    events.push(e);
  }
  return { events, findings };
}

// packages/pos's published hashed form of its test entry (journal/canonical.test.ts).
const vectorHashedForm =
  '["gks-pos-journal/1",1,"2026-03-01T10:15:30.123Z","login","T1","u-7","{\\"alias\\":\\"Ann\\"}",null,"' +
  '0'.repeat(64) +
  '"]';
const vectorHash = createHash('sha256').update(vectorHashedForm, 'utf8').digest('hex');
const vectorLine =
  `{"seq":1,"recordedAt":"2026-03-01T10:15:30.123Z","kind":"login","terminalId":"T1","userId":"u-7",` +
  `"data":{"alias":"Ann"},"prevHash":"${'0'.repeat(64)}","entryHash":"${vectorHash}"}`;

describe('readJournalExport', () => {
  it("recomputes the POS journal's published entry hash", async () => {
    expect(await read([vectorLine])).toEqual({ events: [], findings: [] });
  });

  it('reports an entry whose stated hash is not its own', async () => {
    const { findings } = await read([vectorLine.replace('"Ann"', '"Anne"')]);
    expect(findings.map((f) => f.code)).toEqual(['JOURNAL_ENTRY_ALTERED']);
  });

  it('reports a journal that does not start at seq 1, and every unreadable line', async () => {
    const { findings } = await read([vectorLine.replace('"seq":1', '"seq":2'), '{}', '[1]', 'x']);
    expect(findings.map((f) => f.code)).toEqual([
      'JOURNAL_SEQ_GAP',
      'JOURNAL_ENTRY_ALTERED',
      'JOURNAL_UNREADABLE_LINE',
      'JOURNAL_UNREADABLE_LINE',
      'JOURNAL_UNREADABLE_LINE',
    ]);
  });

  it('reports a journal file that cannot be read, without throwing', async () => {
    const findings: Finding[] = [];
    const events: JournalEvent[] = [];
    for await (const e of readJournalExport(join(dir, 'missing.jsonl'), {
      ticketScheme: 'pos',
      onFinding: (f) => findings.push(f),
    })) {
      events.push(e);
    }
    expect(events).toEqual([]);
    expect(findings.map((f) => f.code)).toEqual(['INPUT_UNREADABLE']);
  });

  it('reports a result for an event it never saw', async () => {
    const line = JSON.stringify({
      seq: 1,
      recordedAt: '2026-03-01T10:15:30.123Z',
      kind: 'fiscal_result',
      terminalId: 'T1',
      userId: 'u-7',
      data: { eventSeq: 99, outcome: 'signed' },
      fdmMessage: '{}',
      prevHash: '0'.repeat(64),
      entryHash: '0'.repeat(64),
    });
    const { findings } = await read([line]);
    expect(findings.map((f) => f.code)).toContain('JOURNAL_UNREADABLE_LINE');
  });
});
