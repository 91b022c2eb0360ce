import { sql } from 'kysely';
import { PassThrough, Writable } from 'node:stream';
import { expect, it } from 'vitest';
import { openPosDatabase, type PosDatabase, type PosDatabaseLocation } from '../db/open-database.js';
import { describeEachBackend, sharedDatabase } from '../db/test-backends.js';
import { canonicalJson, entryHash } from './canonical.js';
import { exportJournalText } from './export.js';
import { appendJournalEntry, readJournal, type Clock, type NonEventInput } from './journal.js';
import { verifyJournalChain } from './verify.js';

/** A clock that advances one second per reading, from a fixed start. */
const steppingClock = (start = Date.parse('2026-03-01T10:00:00.000Z')): Clock => {
  let next = start;
  return { now: () => new Date((next += 1000)) };
};

const login: NonEventInput = { kind: 'login', terminalId: 'T1', userId: 'u-1', data: { alias: 'Ann' } };

async function withJournal(
  location: PosDatabaseLocation,
  entries: readonly NonEventInput[],
): Promise<PosDatabase> {
  const pos = await openPosDatabase(location);
  const clock = steppingClock();
  for (const entry of entries) {
    const appended = await appendJournalEntry(pos.db, entry, clock);
    expect(appended.ok).toBe(true);
  }
  return pos;
}

async function collect(run: (out: Writable) => Promise<unknown>): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await run(out);
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}

const someEntries: NonEventInput[] = [
  login,
  {
    kind: 'price_change',
    terminalId: 'T1',
    userId: 'u-1',
    data: { product: 'Soda', before: 220, after: 250 },
  },
  {
    kind: 'fdm_incident_start',
    terminalId: null,
    userId: null,
    data: { cause: 'FDM_NOT_OPERATIONAL: no answer in 5 s' },
  },
  { kind: 'fdm_incident_end', terminalId: null, userId: null, data: { cause: 'FDM answered status again' } },
  { kind: 'logout', terminalId: 'T1', userId: 'u-1', data: {} },
];

describeEachBackend('journal', (backend) => {
  const emptyDatabase = sharedDatabase(backend);

  it('C-41: appends non-events with consecutive numbers, each linked to the previous hash', async () => {
    const pos = await withJournal(await backend.fresh(), someEntries);
    const entries = await readJournal(pos.db, 0, 100);
    expect(entries.map((e) => [e.seq, e.kind])).toEqual(someEntries.map((e, i) => [i + 1, e.kind]));
    expect(Buffer.from(entries[0]?.prevHash ?? [])).toEqual(Buffer.alloc(32));
    for (let i = 1; i < entries.length; i++) {
      expect(Buffer.from(entries[i]?.prevHash ?? [])).toEqual(Buffer.from(entries[i - 1]?.entryHash ?? []));
    }
    expect(entries[1]?.data).toBe('{"after":250,"before":220,"product":"Soda"}');
    expect(entries[0]?.recordedAt.toISOString()).toBe('2026-03-01T10:00:01.000Z');
    const verified = await verifyJournalChain(pos.db);
    expect(verified.ok && verified.value.entries).toBe(5);
    await pos.close();
  });

  it.each<[string, NonEventInput, string]>([
    ['an unknown kind', { ...login, kind: 'sale' as NonEventInput['kind'] }, 'UNKNOWN_KIND'],
    [
      'a fiscal kind (only the outbox writes those)',
      { ...login, kind: 'fiscal_event' as NonEventInput['kind'] },
      'UNKNOWN_KIND',
    ],
    ['a login without user (C-29)', { ...login, userId: null }, 'USER_REQUIRED'],
    ['a price change without user (C-29)', { ...login, kind: 'price_change', userId: null }, 'USER_REQUIRED'],
    ['an empty user id', { ...login, userId: '' }, 'BAD_IDENTIFIER'],
    ['a user id with spaces around', { ...login, userId: ' u-1' }, 'BAD_IDENTIFIER'],
    ['a terminal id with a newline', { ...login, terminalId: 'T\n1' }, 'BAD_IDENTIFIER'],
    ['a terminal id of 601 characters', { ...login, terminalId: 'x'.repeat(601) }, 'BAD_IDENTIFIER'],
    ['data that is an array', { ...login, data: [] as unknown as NonEventInput['data'] }, 'DATA_NOT_JSON'],
    ['data with NaN', { ...login, data: { n: Number.NaN } }, 'DATA_NOT_JSON'],
    [
      'data with a Date',
      { ...login, data: { at: new Date() } as unknown as NonEventInput['data'] },
      'DATA_NOT_JSON',
    ],
    [
      'an incident without cause (B-4)',
      { kind: 'fdm_incident_start', terminalId: null, userId: null, data: {} },
      'CAUSE_REQUIRED',
    ],
    [
      'an incident with a blank cause',
      { kind: 'fdm_incident_end', terminalId: null, userId: null, data: { cause: '  ' } },
      'CAUSE_REQUIRED',
    ],
  ])('refuses %s and writes nothing', async (_name, input, code) => {
    const pos = await emptyDatabase();
    const result = await appendJournalEntry(pos.db, input, steppingClock());
    expect(result.ok ? 'appended' : result.error.code).toBe(code);
    expect(await readJournal(pos.db, 0, 10)).toEqual([]);
  });

  it('appends inside the caller transaction and vanishes with its rollback', async () => {
    const pos = await withJournal(await backend.fresh(), [login]);
    await expect(
      pos.db.transaction().execute(async (trx) => {
        await appendJournalEntry(trx, { ...login, kind: 'logout' }, steppingClock());
        throw new Error('the surrounding work failed');
      }),
    ).rejects.toThrow(/surrounding/);
    const next = await appendJournalEntry(pos.db, { ...login, kind: 'logout' }, steppingClock());
    expect(next.ok && next.value.seq).toBe(2);
    expect((await verifyJournalChain(pos.db)).ok).toBe(true);
    await pos.close();
  });

  it('keeps one unbroken chain under 40 concurrent appends', async () => {
    const pos = await openPosDatabase(await backend.fresh());
    const clock = steppingClock();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => appendJournalEntry(pos.db, { ...login, data: { i } }, clock)),
    );
    expect(results.map((r) => (r.ok ? r.value.seq : 0)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    const verified = await verifyJournalChain(pos.db, { batchSize: 7 });
    expect(verified.ok && verified.value.entries).toBe(40);
    await pos.close();
  });

  it('finds a row altered by the owner who disabled the trigger', async () => {
    const location = await backend.fresh();
    await (await withJournal(location, someEntries)).close();
    const attacker = await openPosDatabase({ ...location, role: 'owner' });
    await sql`ALTER TABLE journal_entry DISABLE TRIGGER journal_entry_append_only`.execute(attacker.db);
    await sql`UPDATE journal_entry SET data = ${'{"after":1,"before":220,"product":"Soda"}'} WHERE seq = 2`.execute(
      attacker.db,
    );
    await sql`ALTER TABLE journal_entry ENABLE TRIGGER journal_entry_append_only`.execute(attacker.db);
    const verified = await verifyJournalChain(attacker.db);
    expect(verified.ok ? [] : verified.error).toEqual([{ seq: 2, problem: 'HASH_MISMATCH' }]);
    await attacker.close();
  });

  it('finds a row altered together with its own hash: the next link breaks', async () => {
    const location = await backend.fresh();
    await (await withJournal(location, someEntries)).close();
    const attacker = await openPosDatabase({ ...location, role: 'owner' });
    const [victim] = await readJournal(attacker.db, 2, 1);
    if (!victim) throw new Error('seeded journal is missing entry 3');
    const forged = { ...victim, data: canonicalJson({ cause: 'nothing happened' }) ?? '' };
    await sql`ALTER TABLE journal_entry DISABLE TRIGGER ALL`.execute(attacker.db);
    await sql`UPDATE journal_entry SET data = ${forged.data}, entry_hash = ${entryHash(forged)} WHERE seq = 3`.execute(
      attacker.db,
    );
    const afterUpdate = await verifyJournalChain(attacker.db);
    expect(afterUpdate.ok ? [] : afterUpdate.error).toEqual([{ seq: 4, problem: 'BROKEN_LINK' }]);
    await sql`DELETE FROM journal_entry WHERE seq = 4`.execute(attacker.db);
    const afterDelete = await verifyJournalChain(attacker.db);
    expect(afterDelete.ok ? [] : afterDelete.error).toEqual([
      { seq: 5, problem: 'SEQUENCE_GAP', expected: 4 },
      { seq: 5, problem: 'BROKEN_LINK' },
    ]);
    await attacker.close();
  });

  it('exports one documented JSON line per entry, in order, and journals the export', async () => {
    const location = await backend.fresh();
    const pos = await withJournal(location, someEntries);
    const clock = steppingClock(Date.parse('2026-03-02T08:00:00.000Z'));
    let summary: unknown;
    const text = await collect(async (out) => {
      summary = await exportJournalText(pos.db, out, {
        batchSize: 2,
        journalAs: { clock, terminalId: 'T9', userId: 'u-2' },
      });
    });
    expect(summary).toEqual({ ok: true, value: { entries: 5, lastSeq: 5 } });
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(5);
    const entries = await readJournal(pos.db, 0, 100);
    const [first, second] = entries;
    expect(lines[0]).toBe(
      `{"seq":1,"recordedAt":"2026-03-01T10:00:01.000Z","kind":"login","terminalId":"T1","userId":"u-1",` +
        `"data":{"alias":"Ann"},"prevHash":"${'0'.repeat(64)}","entryHash":"${Buffer.from(first?.entryHash ?? []).toString('hex')}"}`,
    );
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(parsed.map((p) => p['seq'])).toEqual([1, 2, 3, 4, 5]);
    expect(parsed[2]?.['terminalId']).toBeNull();
    expect(parsed[1]?.['prevHash']).toBe(Buffer.from(first?.entryHash ?? []).toString('hex'));
    expect(parsed[1]?.['entryHash']).toBe(Buffer.from(second?.entryHash ?? []).toString('hex'));
    const exported = entries[5];
    expect([exported?.kind, exported?.userId, exported?.data]).toEqual([
      'journal_export',
      'u-2',
      '{"entries":5,"format":"jsonl","lastSeq":5}',
    ]);
    await pos.close();
  });

  it('exports an empty journal as no lines', async () => {
    const pos = await openPosDatabase(await backend.fresh());
    expect(await collect((out) => exportJournalText(pos.db, out))).toBe('');
    await pos.close();
  });

  it('waits for a slow reader instead of buffering the whole journal', async () => {
    const pos = await withJournal(
      await backend.fresh(),
      Array.from({ length: 30 }, (_, i) => ({ ...login, data: { i, padding: 'x'.repeat(200) } })),
    );
    let mostBuffered = 0;
    const received: string[] = [];
    const slow = new Writable({
      highWaterMark: 256,
      write(chunk: Buffer, _encoding, done) {
        received.push(chunk.toString('utf8'));
        mostBuffered = Math.max(mostBuffered, slow.writableLength);
        setTimeout(done, 1);
      },
    });
    const result = await exportJournalText(pos.db, slow, { batchSize: 4 });
    expect(result.ok && result.value.entries).toBe(30);
    const lines = received.join('').split('\n').filter(Boolean);
    expect(lines).toHaveLength(30);
    // one line (~400 bytes) in flight at a time, where ignoring backpressure would queue all 30
    expect(mostBuffered).toBeLessThan(2 * (lines[0]?.length ?? 0));
    await pos.close();
  });
});
