import { validateSignInput } from '@gks/core';
import { expect, it } from 'vitest';
import { openPosDatabase, type PosDatabase } from '../db/open-database.js';
import { describeEachBackend } from '../db/test-backends.js';
import { appendRaw, lockJournal } from '../journal/journal.js';
import { enqueueFiscalEvent, recordFiscalResult } from '../outbox/outbox.js';
import {
  prepareTurnoverReport,
  prepareUserReport,
  type PreparedTurnoverReport,
  type PreparedUserReport,
  type ReportOptions,
} from './prepare-report.js';
import { TestRegister, clock, common, sale } from './test-register.js';

const robot = '00000000029';

async function turnover(pos: PosDatabase, options: ReportOptions): Promise<PreparedTurnoverReport> {
  const prepared = await prepareTurnoverReport(pos.db, options);
  if (!prepared.ok) throw new Error(JSON.stringify(prepared.error));
  return prepared.value;
}

async function users(pos: PosDatabase, options: ReportOptions): Promise<PreparedUserReport> {
  const prepared = await prepareUserReport(pos.db, options);
  if (!prepared.ok) throw new Error(JSON.stringify(prepared.error));
  return prepared.value;
}

/** Signs a prepared report as the pipeline would: the common block added, checked by the FDM's rules. */
async function signReport(
  register: TestRegister,
  prepared: PreparedTurnoverReport | PreparedUserReport,
  day: number,
  minute: number,
  outcome: 'signed' | 'refused' | 'pending' = 'signed',
): Promise<number> {
  const data = { ...common(day, minute, robot), ticketMedium: 'DIGITAL' as const, ...prepared.data };
  const checked = validateSignInput(prepared.mutation, data as never);
  expect(checked.ok ? [] : checked.error).toEqual([]);
  const signed = await register.sign(prepared.mutation, data as never, { outcome });
  return signed.journalSeq;
}

describeEachBackend('X and Z reports from the journal', (backend) => {
  it('C-46/C-47: Z numbers run 1, 2, 3; each Z covers what followed the previous one', async () => {
    const pos = await openPosDatabase(await backend.fresh());
    const register = new TestRegister(pos.db);
    await register.sign('signSale', sale(1, 1, 10));
    await register.sign('signSale', sale(1, 2, 5.5));
    const z1 = await turnover(pos, { kind: 'Z' });
    expect(z1.kind === 'Z' && z1.data.reportNo).toBe(1);
    expect(z1.data).toMatchObject({ reportBookingDate: '2025-06-12' });
    expect(z1.report.turnover).toEqual({ count: 2, totalCents: 1550 });
    expect(z1.period.previousZ).toBeNull();
    const z1Seq = await signReport(register, z1, 1, 30);

    await register.sign('signSale', sale(1, 40, 3));
    const z2 = await turnover(pos, { kind: 'Z' });
    expect(z2.data).toMatchObject({ reportNo: 2 });
    expect(z2.period.previousZ).toEqual({ reportNo: 1, journalSeq: z1Seq });
    expect(z2.period.afterSeq).toBe(z1Seq);
    expect(z2.report.turnover).toEqual({ count: 1, totalCents: 300 });
    await signReport(register, z2, 1, 50);

    // nothing happened since: the day to close must be named
    const unnamed = await prepareTurnoverReport(pos.db, { kind: 'Z' });
    expect(unnamed.ok ? 'accepted' : unnamed.error).toEqual({ code: 'NO_BOOKING_DATE' });
    const z3 = await turnover(pos, { kind: 'Z', reportBookingDate: '2025-06-13' });
    expect(z3.data).toMatchObject({ reportNo: 3, reportBookingDate: '2025-06-13' });
    expect(z3.report.turnover).toEqual({ count: 0, totalCents: 0 });
    await pos.close();
  });

  it('C-47: after skipped days the Z covers the whole gap; its booking date is the last day', async () => {
    const pos = await openPosDatabase(await backend.fresh());
    const register = new TestRegister(pos.db);
    await register.sign('signSale', sale(1, 1, 10));
    await signReport(register, await turnover(pos, { kind: 'Z' }), 1, 5);
    await register.sign('signSale', sale(2, 1, 20)); // no Z on day 2
    await register.sign('signSale', sale(3, 1, 30)); // nor on day 3
    await register.sign('signSale', sale(4, 1, 40));
    const z = await turnover(pos, { kind: 'Z' });
    expect(z.data).toMatchObject({ reportNo: 2, reportBookingDate: '2025-06-15' });
    expect(z.report.turnover).toEqual({ count: 3, totalCents: 9000 });
    expect(z.report.scope.from).toBe('2025-06-13T10:01:00+02:00');
    expect(z.report.scope.to).toBe('2025-06-15T10:01:00+02:00');
    expect(z.data.fdmDevices).toEqual([
      expect.objectContaining({ firstTotalCounter: 3, lastTotalCounter: 5 }),
    ]);
    // the caller may name the day it closes
    const named = await turnover(pos, { kind: 'Z', reportBookingDate: '2025-06-16' });
    expect(named.data).toMatchObject({ reportBookingDate: '2025-06-16' });
    await pos.close();
  });

  it('C-18: an X covers what followed the last Z and closes nothing', async () => {
    const pos = await openPosDatabase(await backend.fresh());
    const register = new TestRegister(pos.db);
    await register.sign('signSale', sale(1, 1, 10));
    const first = await turnover(pos, { kind: 'X' });
    expect(first.kind).toBe('X');
    expect(first.data).not.toHaveProperty('reportNo');
    await signReport(register, first, 1, 2);
    await register.sign('signSale', sale(1, 3, 4));
    const second = await turnover(pos, { kind: 'X' });
    expect(second.report.turnover).toEqual({ count: 2, totalCents: 1400 });
    // the X did not start a new period, and the next Z is still number 1 with both sales
    const z = await turnover(pos, { kind: 'Z' });
    expect(z.data).toMatchObject({ reportNo: 1 });
    expect(z.report.turnover).toEqual({ count: 2, totalCents: 1400 });
    const zSeq = await signReport(register, z, 1, 10);
    await register.sign('signSale', sale(1, 11, 2.5));
    const afterZ = await turnover(pos, { kind: 'X' });
    expect(afterZ.report.turnover).toEqual({ count: 1, totalCents: 250 });
    expect(afterZ.period.afterSeq).toBe(zSeq);
    await pos.close();
  });

  it('an X between two journal positions', async () => {
    const pos = await openPosDatabase(await backend.fresh());
    const register = new TestRegister(pos.db);
    const seqs: number[] = [];
    for (const [minute, euros] of [
      [1, 1],
      [2, 2],
      [3, 4],
      [4, 8],
    ] as const) {
      seqs.push((await register.sign('signSale', sale(1, minute, euros))).journalSeq);
    }
    const middle = await turnover(pos, { kind: 'X', afterSeq: seqs[0] ?? 0, upToSeq: seqs[2] ?? 0 });
    expect(middle.report.turnover).toEqual({ count: 2, totalCents: 600 });
    expect(middle.period).toMatchObject({ afterSeq: seqs[0], upToSeq: seqs[2] });
    for (const range of [{ afterSeq: -1 }, { afterSeq: 5, upToSeq: 4 }, { afterSeq: 1.5 }]) {
      const bad = await prepareTurnoverReport(pos.db, { kind: 'X', ...range });
      expect(bad.ok ? 'accepted' : bad.error.code).toBe('BAD_RANGE');
    }
    await pos.close();
  });

  it('a Z waits for pending events; an X leaves them out and names them; refused events count nowhere', async () => {
    const pos = await openPosDatabase(await backend.fresh());
    const register = new TestRegister(pos.db);
    await register.sign('signSale', sale(1, 1, 10));
    const pending = await register.sign('signSale', sale(1, 2, 20), { outcome: 'pending' });
    await register.sign('signSale', sale(1, 3, 40), { outcome: 'refused' });
    const z = await prepareTurnoverReport(pos.db, { kind: 'Z' });
    expect(z.ok ? 'accepted' : z.error).toEqual({
      code: 'PENDING_EVENTS',
      journalSeqs: [pending.journalSeq],
    });
    const x = await turnover(pos, { kind: 'X' });
    expect(x.report.turnover).toEqual({ count: 1, totalCents: 1000 });
    expect(x.period.pendingSeqs).toEqual([pending.journalSeq]);
    await pos.close();
  });

  it('a refused Z leaves its number free; a pending Z keeps it; a training Z is no Z', async () => {
    const pos = await openPosDatabase(await backend.fresh());
    const register = new TestRegister(pos.db);
    await register.sign('signSale', sale(1, 1, 10));
    await signReport(register, await turnover(pos, { kind: 'Z' }), 1, 2, 'refused');
    const again = await turnover(pos, { kind: 'Z' });
    expect(again.data).toMatchObject({ reportNo: 1 });
    expect(again.report.turnover.totalCents).toBe(1000);
    const training = { ...common(1, 3, robot), ticketMedium: 'DIGITAL' as const, ...again.data };
    await register.sign('signReportTurnoverZ', training as never, { isTraining: true });
    expect((await turnover(pos, { kind: 'Z' })).data).toMatchObject({ reportNo: 1 });
    const pendingSeq = await signReport(register, again, 1, 4, 'pending');
    const next = await prepareTurnoverReport(pos.db, { kind: 'Z', reportBookingDate: '2025-06-13' });
    // the pending Z itself is a pending event of no later period: the next Z is number 2
    expect(next.ok && next.value.data).toMatchObject({ reportNo: 2 });
    expect(next.ok && next.value.period.afterSeq).toBe(pendingSeq);
    await pos.close();
  });

  it('C-50/C-51: the users Z has its own series and period', async () => {
    const pos = await openPosDatabase(await backend.fresh());
    const register = new TestRegister(pos.db);
    await register.sign('signWorkIn', common(1, 0));
    await register.sign('signSale', sale(1, 1, 10));
    await signReport(register, await turnover(pos, { kind: 'Z' }), 1, 2);
    await register.sign('signSale', sale(1, 3, 5));
    const userZ = await users(pos, { kind: 'Z', context: { userNames: { '84022899837': 'Ann' } } });
    expect(userZ.data).toMatchObject({ reportNo: 1 });
    expect(userZ.kind === 'Z' && userZ.data.users).toEqual([
      expect.objectContaining({
        employeeId: '84022899837',
        totalAmount: 15,
        firstPosDateTime: '2025-06-12T10:00:00+02:00',
        lastPosDateTime: '2025-06-12T10:03:00+02:00',
        socialEvents: [{ posDateTime: '2025-06-12T10:00:00+02:00', inOut: 'IN' }],
      }),
    ]);
    expect(userZ.report.users[0]?.name).toBe('Ann');
    await signReport(register, userZ, 1, 4);
    const turnoverZ = await turnover(pos, { kind: 'Z' });
    expect(turnoverZ.data).toMatchObject({ reportNo: 2 });
    expect(turnoverZ.report.turnover.totalCents).toBe(500);
    expect((await users(pos, { kind: 'Z', reportBookingDate: '2025-06-12' })).data).toMatchObject({
      reportNo: 2,
      users: [],
    });
    await pos.close();
  });

  it('C-45ter: an invoice in the period of a sale before it carries that sale amount', async () => {
    const pos = await openPosDatabase(await backend.fresh());
    const register = new TestRegister(pos.db);
    const invoiced = await register.sign('signSale', sale(1, 1, 52));
    for (let minute = 2; minute < 6; minute += 1) await register.sign('signSale', sale(1, minute, 1));
    await signReport(register, await turnover(pos, { kind: 'Z' }), 1, 10);
    await register.sign('signInvoice', {
      ...common(2, 1),
      invoiceNo: 'F2025-1',
      customerVatNo: 'BE0308357159',
      fdmRefs: [invoiced.result.fdmRef],
    });
    const z = await turnover(pos, { kind: 'Z' });
    expect(z.report.invoices).toEqual({
      count: 1,
      totalCents: 5200,
      items: [{ invoiceNo: 'F2025-1', totalCents: 5200 }],
    });
    expect(z.report.turnover.totalCents).toBe(0);
    await pos.close();
  });

  it('refuses a journal whose stored answer it cannot read, naming the event', async () => {
    const pos = await openPosDatabase(await backend.fresh());
    const register = new TestRegister(pos.db);
    const pending = await register.sign('signSale', sale(1, 1, 10), { outcome: 'pending' });
    await recordFiscalResult(
      pos.db,
      { eventSeq: pending.journalSeq, outcome: 'signed', response: new TextEncoder().encode('{"data":{}}') },
      clock,
    );
    const x = await prepareTurnoverReport(pos.db, { kind: 'X' });
    expect(x.ok ? 'accepted' : x.error).toMatchObject({
      code: 'UNREADABLE_RESULT',
      journalSeq: pending.journalSeq,
    });
    await pos.close();
  });

  it('refuses a request that is not the FDM client format', async () => {
    const pos = await openPosDatabase(await backend.fresh());
    const enqueued = await enqueueFiscalEvent(
      pos.db,
      {
        posId: 'CPOS0031234567',
        terminalId: 'T1',
        userId: 'u-1',
        eventLabel: 'N',
        eventOperation: 'SALE',
        request: () => new TextEncoder().encode('not json'),
      },
      clock,
    );
    expect(enqueued.ok).toBe(true);
    const x = await prepareTurnoverReport(pos.db, { kind: 'X' });
    expect(x.ok ? 'accepted' : x.error.code).toBe('UNREADABLE_REQUEST');
    await pos.close();
  });

  it('runs inside the transaction that holds the journal lock, as a Z must', async () => {
    const pos = await openPosDatabase(await backend.fresh());
    const register = new TestRegister(pos.db);
    await register.sign('signSale', sale(1, 1, 10));
    const reportNo = await pos.db.transaction().execute(async (trx) => {
      await lockJournal(trx);
      const z = await prepareTurnoverReport(trx, { kind: 'Z' });
      // an unrelated append in the same transaction still works after the report read
      await appendRaw(
        trx,
        { kind: 'login', terminalId: 'T1', userId: 'u-1', data: '{}', fdmMessage: null },
        clock,
      );
      return z.ok && z.value.kind === 'Z' ? z.value.data.reportNo : null;
    });
    expect(reportNo).toBe(1);
    await pos.close();
  });
});
