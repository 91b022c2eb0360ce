import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { openPosDatabase } from '../db/open-database.js';
import { describeEachBackend, sharedDatabase } from '../db/test-backends.js';
import { appendJournalEntry, appendRaw, readJournal, type Clock } from '../journal/journal.js';
import { verifyJournalChain } from '../journal/verify.js';
import { enqueueFiscalEvent, pendingEvents, recordFiscalResult, type FiscalEventDraft } from './outbox.js';

const clock: Clock = { now: () => new Date('2026-03-01T12:00:00.000Z') };
const encoder = new TextEncoder();

/** A stand-in for the FDM client's serialised request: the bytes must carry the ticket number. */
const draft = (overrides: Partial<FiscalEventDraft> = {}): FiscalEventDraft => ({
  posId: 'CGKS0010000001',
  terminalId: 'T1',
  userId: 'u-1',
  eventLabel: 'N',
  eventOperation: 'SALE',
  request: (no) =>
    encoder.encode(`{"query":"mutation signSale","variables":{"posFiscalTicketNo":${no},"note":"é€"}}`),
  ...overrides,
});

describeEachBackend('fiscal outbox', (backend) => {
  const emptyDatabase = sharedDatabase(backend);
  // event 1 with its result (journal entry 2)
  const answeredOnce = sharedDatabase(backend, async (pos) => {
    const event = await enqueueFiscalEvent(pos.db, draft(), clock);
    const result = await recordFiscalResult(
      pos.db,
      { eventSeq: 1, outcome: 'signed', response: encoder.encode('{}') },
      clock,
    );
    if (!event.ok || !result.ok) throw new Error('could not prepare the answered event');
  });

  it('C-20: numbers one series per POS across labels and terminals, journaling each event with its bytes', async () => {
    const pos = await openPosDatabase(await backend.fresh());
    const numbers: number[] = [];
    for (const overrides of [
      { eventLabel: 'S', eventOperation: 'WORK_IN' },
      { eventLabel: 'P', eventOperation: 'ORDER', terminalId: 'T2' },
      { eventLabel: 'N', eventOperation: 'SALE' },
      { posId: 'CGKS0010000002' },
      { eventLabel: 'T', eventOperation: 'SALE' },
    ] as const) {
      const event = await enqueueFiscalEvent(pos.db, draft(overrides), clock);
      if (!event.ok) throw new Error(event.error.code);
      numbers.push(event.value.posFiscalTicketNo);
    }
    expect(numbers).toEqual([1, 2, 3, 1, 4]);
    const journal = await readJournal(pos.db, 0, 10);
    expect(journal.map((e) => e.kind)).toEqual(Array(5).fill('fiscal_event'));
    expect(journal[2]?.data).toBe(
      '{"eventLabel":"N","eventOperation":"SALE","posFiscalTicketNo":3,"posId":"CGKS0010000001"}',
    );
    expect(new TextDecoder().decode(journal[2]?.fdmMessage ?? new Uint8Array())).toContain(
      '"posFiscalTicketNo":3',
    );
    expect((await verifyJournalChain(pos.db)).ok).toBe(true);
    await pos.close();
  });

  it('C-20: 50 concurrent allocations get 1..50, no gap, no repeat', async () => {
    const pos = await openPosDatabase({ ...(await backend.fresh()), poolSize: 20 });
    const events = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        enqueueFiscalEvent(pos.db, draft({ terminalId: `T${i % 7}` }), clock),
      ),
    );
    const numbers = events.map((e) => (e.ok ? e.value.posFiscalTicketNo : -1)).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    // the number inside each request is the number recorded for it
    for (const event of events) {
      if (!event.ok) throw new Error(event.error.code);
      expect(new TextDecoder().decode(event.value.request)).toContain(
        `"posFiscalTicketNo":${event.value.posFiscalTicketNo},`,
      );
    }
    expect((await verifyJournalChain(pos.db)).ok).toBe(true);
    await pos.close();
  });

  it('C-41: events, their answers and non-events appended at once keep one chain and gap-free numbers', async () => {
    const pos = await openPosDatabase({ ...(await backend.fresh()), poolSize: 10 });
    const first = await Promise.all(
      Array.from({ length: 12 }, () => enqueueFiscalEvent(pos.db, draft(), clock)),
    );
    const seqs = first.map((e) => (e.ok ? e.value.journalSeq : -1));
    // answers to the first events race new events and logins for the lock
    const mixed = await Promise.all([
      ...seqs.map((eventSeq) =>
        recordFiscalResult(pos.db, { eventSeq, outcome: 'signed', response: encoder.encode('{}') }, clock),
      ),
      ...Array.from({ length: 12 }, () => enqueueFiscalEvent(pos.db, draft({ eventLabel: 'P' }), clock)),
      ...Array.from({ length: 6 }, (_, i) =>
        appendJournalEntry(pos.db, { kind: 'login', terminalId: 'T1', userId: `u-${i}`, data: {} }, clock),
      ),
    ]);
    expect(mixed.every((r) => r.ok)).toBe(true);
    const journal = await readJournal(pos.db, 0, 100);
    expect(journal.map((e) => e.seq)).toEqual(Array.from({ length: 42 }, (_, i) => i + 1));
    const numbers = await pos.db.selectFrom('fiscal_event').select('pos_fiscal_ticket_no').execute();
    expect(numbers.map((r) => r.pos_fiscal_ticket_no).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 24 }, (_, i) => i + 1),
    );
    expect((await pendingEvents(pos.db)).length).toBe(12);
    expect((await verifyJournalChain(pos.db)).ok).toBe(true);
    await pos.close();
  });

  it('refuses an answer for an unknown event, before and after it exists', async () => {
    const pos = await openPosDatabase(await backend.fresh());
    const answer = { eventSeq: 1, outcome: 'signed' as const, response: encoder.encode('{}') };
    expect(await recordFiscalResult(pos.db, answer, clock)).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_EVENT', eventSeq: 1 },
    });
    await appendJournalEntry(pos.db, { kind: 'login', terminalId: 'T1', userId: 'u-1', data: {} }, clock);
    // entry 1 is a login, not an event
    expect((await recordFiscalResult(pos.db, answer, clock)).ok).toBe(false);
    expect((await readJournal(pos.db, 0, 10)).length).toBe(1);
    await pos.close();
  });

  it('C-20: a failed enqueue gives its number back', async () => {
    const pos = await openPosDatabase(await backend.fresh());
    await enqueueFiscalEvent(pos.db, draft(), clock);
    await expect(
      enqueueFiscalEvent(
        pos.db,
        draft({
          request: () => {
            throw new Error('serialiser bug');
          },
        }),
        clock,
      ),
    ).rejects.toThrow(/serialiser bug/);
    await expect(
      pos.db.transaction().execute(async (trx) => {
        await enqueueFiscalEvent(trx, draft(), clock);
        throw new Error('ticket finalisation failed');
      }),
    ).rejects.toThrow(/finalisation/);
    const empty = await enqueueFiscalEvent(pos.db, draft({ request: () => new Uint8Array() }), clock);
    expect(empty.ok ? 'enqueued' : empty.error.code).toBe('EMPTY_REQUEST');
    const next = await enqueueFiscalEvent(pos.db, draft(), clock);
    expect(next.ok && next.value.posFiscalTicketNo).toBe(2);
    await pos.close();
  });

  it('wraps to 1 after 999999999', async () => {
    const location = await backend.fresh();
    const owner = await openPosDatabase({ ...location, role: 'owner' });
    await owner.db.transaction().execute(async (trx) => {
      const entry = await appendRaw(
        trx,
        {
          kind: 'fiscal_event',
          terminalId: 'T1',
          userId: 'u-1',
          data: '{}',
          fdmMessage: encoder.encode('{}'),
        },
        clock,
      );
      await trx
        .insertInto('fiscal_event')
        .values({
          journal_seq: entry.seq,
          pos_id: 'CGKS0010000001',
          pos_fiscal_ticket_no: 999_999_999,
          event_label: 'N',
          event_operation: 'SALE',
          terminal_id: 'T1',
          user_id: 'u-1',
        })
        .execute();
    });
    await owner.close();
    const pos = await openPosDatabase(location);
    const next = await enqueueFiscalEvent(pos.db, draft(), clock);
    expect(next.ok && next.value.posFiscalTicketNo).toBe(1);
    await pos.close();
  });

  it.each<[string, Partial<FiscalEventDraft>, string]>([
    ['an empty posId', { posId: '' }, 'BAD_IDENTIFIER'],
    ['a terminal with a tab', { terminalId: 'T\t1' }, 'BAD_IDENTIFIER'],
    ['a missing user (C-29)', { userId: undefined as unknown as string }, 'BAD_IDENTIFIER'],
    ['an unknown label', { eventLabel: 'Z' as FiscalEventDraft['eventLabel'] }, 'BAD_LABEL'],
    ['a lowercase label', { eventLabel: 'n' as FiscalEventDraft['eventLabel'] }, 'BAD_LABEL'],
    [
      'an unknown operation',
      { eventOperation: 'REFUND' as FiscalEventDraft['eventOperation'] },
      'BAD_OPERATION',
    ],
  ])('refuses %s without consuming a number', async (_name, overrides, code) => {
    const pos = await emptyDatabase();
    const refused = await enqueueFiscalEvent(pos.db, draft(overrides), clock);
    expect(refused.ok ? 'enqueued' : refused.error.code).toBe(code);
    expect(await readJournal(pos.db, 0, 10)).toEqual([]);
  });

  it('after a crash, pending events come back with their exact request bytes; a result ends that', async () => {
    const location = await backend.fresh();
    const before = await openPosDatabase(location);
    const binary = Uint8Array.from([0xff, 0x00, 0xfe, 0x80]); // not UTF-8: bytes are bytes
    const sent: Uint8Array[] = [];
    for (const request of [
      (no: number) => encoder.encode(`{"n":${no}}`),
      () => binary,
      (no: number) => encoder.encode(`{"n":${no}}`),
    ]) {
      const event = await enqueueFiscalEvent(before.db, draft({ request }), clock);
      if (!event.ok) throw new Error(event.error.code);
      sent.push(event.value.request);
    }
    const answered = await recordFiscalResult(
      before.db,
      { eventSeq: 1, outcome: 'signed', response: encoder.encode('{"data":{}}') },
      clock,
    );
    expect(answered.ok && answered.value.journalSeq).toBe(4);
    await before.close(); // the "crash": no results for events 2 and 3

    const after = await openPosDatabase(location);
    const pending = await pendingEvents(after.db);
    expect(pending.map((p) => [p.journalSeq, p.posFiscalTicketNo])).toEqual([
      [2, 2],
      [3, 3],
    ]);
    expect(Buffer.from(pending[0]?.request ?? [])).toEqual(Buffer.from(binary));
    expect(Buffer.from(pending[1]?.request ?? [])).toEqual(Buffer.from(sent[2] ?? []));
    expect(pending[1]).toMatchObject({
      posId: 'CGKS0010000001',
      terminalId: 'T1',
      userId: 'u-1',
      eventLabel: 'N',
      eventOperation: 'SALE',
    });

    const refused = await recordFiscalResult(
      after.db,
      { eventSeq: 2, outcome: 'refused', response: encoder.encode('{"errors":[]}') },
      clock,
    );
    expect(refused.ok).toBe(true);
    expect((await pendingEvents(after.db)).map((p) => p.journalSeq)).toEqual([3]);
    expect((await verifyJournalChain(after.db)).ok).toBe(true);
    await after.close();
  });

  it('chain verification finds outbox rows that disagree with the journal (trigger disabled by the owner)', async () => {
    const location = await backend.fresh();
    const pos = await openPosDatabase(location);
    for (let i = 0; i < 3; i++) await enqueueFiscalEvent(pos.db, draft(), clock);
    await recordFiscalResult(
      pos.db,
      { eventSeq: 1, outcome: 'signed', response: encoder.encode('{}') },
      clock,
    );
    await pos.close();

    const attacker = await openPosDatabase({ ...location, role: 'owner' });
    expect((await verifyJournalChain(attacker.db)).ok).toBe(true);
    await sql`ALTER TABLE fiscal_event DISABLE TRIGGER ALL`.execute(attacker.db);
    await sql`ALTER TABLE fiscal_result DISABLE TRIGGER ALL`.execute(attacker.db);
    // renumber a ticket, and delete an answer so that a signed event would be sent again
    await sql`UPDATE fiscal_event SET pos_fiscal_ticket_no = 7 WHERE journal_seq = 2`.execute(attacker.db);
    await sql`DELETE FROM fiscal_result WHERE event_seq = 1`.execute(attacker.db);
    const verified = await verifyJournalChain(attacker.db, { batchSize: 2 });
    expect(verified.ok ? [] : verified.error).toEqual([
      { seq: 2, problem: 'OUTBOX_MISMATCH' },
      { seq: 4, problem: 'OUTBOX_MISMATCH' },
    ]);
    await attacker.close();
  });

  it.each<[string, { eventSeq: number; outcome?: string; response?: Uint8Array }, string]>([
    ['a second result for the same event', { eventSeq: 1 }, 'RESULT_ALREADY_RECORDED'],
    ['a result for an event that does not exist', { eventSeq: 99 }, 'UNKNOWN_EVENT'],
    ['a result pointing at a journal entry that is itself a result', { eventSeq: 2 }, 'UNKNOWN_EVENT'],
    ['an unknown outcome', { eventSeq: 1, outcome: 'maybe' }, 'BAD_OUTCOME'],
    ['an empty response', { eventSeq: 1, response: new Uint8Array() }, 'EMPTY_REQUEST'],
  ])('refuses %s', async (_name, input, code) => {
    const pos = await answeredOnce();
    const result = await recordFiscalResult(
      pos.db,
      {
        eventSeq: input.eventSeq,
        outcome: (input.outcome ?? 'signed') as 'signed',
        response: input.response ?? encoder.encode('{}'),
      },
      clock,
    );
    expect(result.ok ? 'recorded' : result.error.code).toBe(code);
    const count = await sql<{ n: number }>`SELECT count(*)::bigint AS n FROM fiscal_result`.execute(pos.db);
    expect(count.rows[0]?.n).toBe(1);
  });
});
