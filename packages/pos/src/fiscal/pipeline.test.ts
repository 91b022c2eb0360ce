import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGliteTestBackend } from '../db/test-backends.js';
import { readJournal } from '../journal/journal.js';
import { readStoredEvent } from './stored-events.js';
import { pendingEvents } from '../outbox/outbox.js';
import { eventContext, type Actor } from '../register/register.js';
import type { RegisterRuntime } from '../server/runtime.js';
import { testRegister } from '../testing/api-register.js';
import { actorOf, type TestFdm } from '../testing/register-fixture.js';

// The pipeline against the software FDM: what is journaled, numbered and sent in each case.

const backend = new PGliteTestBackend();
let fdm: TestFdm;
let runtime: RegisterRuntime;
let ann: Actor;

const line = (quantity: number, lineTotal: number) => ({
  lineType: 'SINGLE_PRODUCT' as const,
  mainProduct: {
    productId: '10006',
    productName: 'Dry Martini',
    departmentId: '10',
    departmentName: 'Aperitifs',
    quantity,
    quantityType: 'PIECE' as const,
    unitPrice: 12,
    vats: [{ label: 'A' as const, price: 12 * quantity }],
  },
  lineTotal,
});

const saleBody = (lineTotal: number) => ({
  transaction: { transactionLines: [line(1, lineTotal)], transactionTotal: lineTotal },
  financials: [
    {
      id: 'CASH',
      name: 'Cash',
      type: 'CASH' as const,
      inputMethod: 'MANUAL' as const,
      amount: lineTotal,
      amountType: 'PAYMENT' as const,
    },
  ],
});

const fiscalEvents = async () =>
  runtime.deps.db
    .selectFrom('fiscal_event')
    .select(['journal_seq', 'pos_fiscal_ticket_no'])
    .orderBy('journal_seq')
    .execute();

// Registered before the register, so that it runs after the register is closed.
afterAll(() => backend.cleanUp());
const register = testRegister(backend);

beforeAll(async () => {
  ({ fdm, runtime } = register);
  ann = await actorOf(runtime, 'T1', 'ann');
});

describe('signing pipeline', () => {
  it('never journals nor sends an event that fails validation, and uses no ticket number for it', async () => {
    const context = await eventContext(runtime.deps, ann, false);
    if (!context.ok) throw new Error(context.error.message);
    const journalBefore = (await readJournal(runtime.deps.db, 0, 10_000)).length;
    const signedBefore = fdm.fdm.engine.totalCounter;
    const bad = { ...saleBody(12), transaction: { transactionLines: [line(1, 12)], transactionTotal: 13 } };
    const refused = await runtime.deps.pipeline.sign('signSale', context.value, bad);
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'INVALID_EVENT', details: { subCode: 'TOTAL_MISMATCH' } },
    });
    expect((await readJournal(runtime.deps.db, 0, 10_000)).length).toBe(journalBefore);
    expect(fdm.fdm.engine.totalCounter).toBe(signedBefore);
    const signed = await runtime.deps.pipeline.sign('signSale', context.value, saleBody(12));
    expect(signed).toMatchObject({
      ok: true,
      value: { posFiscalTicketNo: 1, result: { posFiscalTicketNo: 1 } },
    });
    // the ticket is answered from memory: it must be what the journal holds
    if (!signed.ok) throw new Error(signed.error.message);
    expect(signed.value.stored).toEqual(await readStoredEvent(runtime.deps.db, signed.value.eventSeq));
    expect(signed.value.stored).toMatchObject({ outcome: 'signed', eventLabel: 'N', terminalId: 'T1' });
  });

  it('records a definitive refusal as refused, with the FDM code, and goes on numbering without a gap', async () => {
    const context = await eventContext(runtime.deps, ann, false);
    if (!context.ok) throw new Error(context.error.message);
    await fdm.faults({ error: { code: 'INVALID_REQUEST', subCode: 'TOTAL_MISMATCH', times: 1 } });
    const refused = await runtime.deps.pipeline.sign('signSale', context.value, saleBody(12));
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'FDM_REFUSED', details: { fdmCode: 'INVALID_REQUEST' } },
    });
    const outcome = await runtime.deps.db
      .selectFrom('fiscal_result')
      .select('outcome')
      .orderBy('event_seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    expect(outcome?.outcome).toBe('refused');
    const signed = await runtime.deps.pipeline.sign('signSale', context.value, saleBody(12));
    expect(signed.ok).toBe(true);
    expect((await fiscalEvents()).map((e) => e.pos_fiscal_ticket_no)).toEqual([1, 2, 3]);
    expect(await pendingEvents(runtime.deps.db)).toEqual([]);
  });

  it('an answer lost on the way back is resent byte for byte and accepted as the same event', async () => {
    const context = await eventContext(runtime.deps, ann, false);
    if (!context.ok) throw new Error(context.error.message);
    await fdm.faults({ dropResponses: 1 });
    const before = fdm.fdm.engine.totalCounter;
    const signed = await runtime.deps.pipeline.sign('signSale', context.value, saleBody(12));
    expect(signed.ok ? signed.value.duplicate : signed.error).toBe(true);
    if (!signed.ok) throw new Error(signed.error.message);
    expect(signed.value.stored).toEqual(await readStoredEvent(runtime.deps.db, signed.value.eventSeq));
    expect(fdm.fdm.engine.totalCounter).toBe(before + 1);
  });
});
