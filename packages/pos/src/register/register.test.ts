import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGliteTestBackend } from '../db/test-backends.js';
import { verifyJournalChain } from '../journal/verify.js';
import { testRegister } from '../testing/api-register.js';
import { actorOf } from '../testing/register-fixture.js';
import type { RegisterRuntime } from '../server/runtime.js';
import { demoProducts } from '../setup/init-register.js';
import { upsertProduct } from '../master-data/catalog.js';
import { copyTicket, invoiceSales, refund } from './after-sale.js';
import { loadRegistration } from './registration-store.js';
import {
  addLines,
  changeLinePrice,
  clockIn,
  correctLine,
  pay,
  preBill,
  sendOrder,
  startRegistration,
  transferLines,
  type Actor,
} from './register.js';

// The register's services against a real software FDM over HTTP (the API tests cover the same
// flows through GraphQL); here: the event sequence the FDM receives for each flow.

const backend = new PGliteTestBackend();
let runtime: RegisterRuntime;
let ann: Actor;

const must = <T>(
  result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } },
): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
};

// Registered before the register, so that it runs after the register is closed.
afterAll(() => backend.cleanUp());
const register = testRegister(backend);

beforeAll(async () => {
  runtime = register.runtime;
  ann = await actorOf(runtime, 'T1', 'ann');
});

describe('register flows against the FDM', () => {
  it('C-29: refuses a registration before clock-in, then clocks in with an S event', async () => {
    const refused = await startRegistration(runtime.deps, ann, {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_CLOCKED_IN' } });
    const workIn = must(await clockIn(runtime.deps, ann));
    expect(workIn.result.fdmRef.eventLabel).toBe('S');
    expect(workIn.data.ticketMedium).toBe('NONE');
    expect(await clockIn(runtime.deps, ann)).toMatchObject({
      ok: false,
      error: { code: 'ALREADY_CLOCKED_IN' },
    });
  });

  it('direct sale with cash rounding: N with a ROUNDING line', async () => {
    const sale = must(await startRegistration(runtime.deps, ann, {}));
    must(await addLines(runtime.deps, ann, sale.registrationId, [{ productId: '40001', quantity: 1 }]));
    const paid = must(
      await pay(runtime.deps, ann, sale.registrationId, [{ type: 'CASH', amountCents: 2000 }]),
    );
    expect(paid.sale.result.fdmRef.eventLabel).toBe('N');
    expect(paid.settlement).toMatchObject({ dueCents: 1235, roundingCents: -2, changeCents: 765 });
    expect(paid.sale.data.financials).toEqual([
      expect.objectContaining({ type: 'CASH', amount: 12.35, amountType: 'PAYMENT' }),
      expect.objectContaining({ type: 'CASH', amount: -0.02, amountType: 'ROUNDING' }),
    ]);
    expect(paid.order).toBeNull();
    const again = await addLines(runtime.deps, ann, sale.registrationId, [
      { productId: '40001', quantity: 1 },
    ]);
    expect(again).toMatchObject({ ok: false, error: { code: 'REGISTRATION_CLOSED' } });
  });

  it('C-34: lines of one request are checked in order and registered all or none, each with its article as of now', async () => {
    const sale = must(await startRegistration(runtime.deps, ann, {}));
    const id = sale.registrationId;
    expect(await loadRegistration(runtime.deps.db, id)).toEqual(sale);
    for (const [lines, message] of [
      [
        [
          { productId: '10006', quantity: 1 },
          { productId: 'nope', quantity: 1 },
        ],
        'line 2: no product nope',
      ],
      [[{ productId: 42 as unknown as string, quantity: 1 }], 'line 1: no product 42'],
      [
        [
          { productId: '10006', quantity: 1 },
          { productId: '10006', quantity: -1 },
        ],
        'line 2:',
      ],
      [[{ productId: '', quantity: 1 }], 'line 1: no product'],
    ] as const) {
      const refused = await addLines(runtime.deps, ann, id, lines);
      expect(refused).toMatchObject({ ok: false });
      if (!refused.ok) expect(refused.error.message).toContain(message);
    }
    const retired = demoProducts.find((p) => p.productId === '40001');
    if (!retired) throw new Error('demo product 40001 missing');
    const by = { userId: 'technician', terminalId: null };
    must(await upsertProduct(runtime.deps.db, { ...retired, active: false }, by, runtime.deps.clock));
    expect(
      await addLines(runtime.deps, ann, id, [
        { productId: '10006', quantity: 1 },
        { productId: '40001', quantity: 1 },
      ]),
    ).toMatchObject({ ok: false, error: { code: 'UNKNOWN_PRODUCT' } });
    must(await upsertProduct(runtime.deps.db, retired, by, runtime.deps.clock));
    expect((await loadRegistration(runtime.deps.db, id))?.lines).toEqual([]);
    const added = must(
      await addLines(runtime.deps, ann, id, [
        { productId: '10006', quantity: 2 },
        { productId: '40001', quantity: 1 },
        { productId: '10006', quantity: 1 },
      ]),
    );
    expect(added.lines.map((l) => [l.lineNo, l.productId, l.quantityMilli, l.lineTotalCents])).toEqual([
      [1, '10006', 2000, 2400],
      [2, '40001', 1000, 1233],
      [3, '10006', 1000, 1200],
    ]);
    // what the call answers is what a fresh read finds
    expect(await loadRegistration(runtime.deps.db, id)).toEqual(added);
    must(await pay(runtime.deps, ann, id, [{ type: 'CASH', amountCents: 5000 }]));
  });

  it('table: orders as P deltas, correction, discount, transfer, pre-bill, then N with the complete transaction', async () => {
    const table = must(await startRegistration(runtime.deps, ann, { costCenterId: 'T1' }));
    expect(table).toMatchObject({ place: { costCenterId: 'T1' }, placeNo: 1, status: 'open' });
    expect(await loadRegistration(runtime.deps.db, table.registrationId)).toEqual(table);
    must(
      await addLines(runtime.deps, ann, table.registrationId, [
        { productId: '10006', quantity: 2 },
        { productId: '22001', quantity: 1 },
      ]),
    );
    const first = must(await sendOrder(runtime.deps, ann, table.registrationId));
    expect(first.result.fdmRef.eventLabel).toBe('P');
    expect(first.data.costCenter).toEqual({ id: 'T1', type: 'TABLE', reference: table.registrationId });
    expect(first.data.transaction.transactionTotal).toBe(52);

    must(
      await correctLine(runtime.deps, ann, table.registrationId, {
        lineNo: 1,
        quantity: 1,
        reason: 'customer changed mind',
      }),
    );
    must(
      await changeLinePrice(runtime.deps, ann, table.registrationId, {
        lineNo: 2,
        amountCents: -300,
        name: 'Happy hour',
      }),
    );
    const second = must(await sendOrder(runtime.deps, ann, table.registrationId));
    // only the delta: the correction, the negated burger and the burger again with its discount
    expect(
      second.data.transaction.transactionLines.map((l) => [
        l.mainProduct.quantity,
        l.mainProduct.negQuantityReason ?? null,
        l.lineTotal,
      ]),
    ).toEqual([
      [-1, 'CORRECTION', -12],
      [-1, 'PRICE_CHANGE', -28],
      [1, null, 25],
    ]);
    expect(await sendOrder(runtime.deps, ann, table.registrationId)).toMatchObject({
      ok: false,
      error: { code: 'NOTHING_TO_SEND' },
    });

    const moved = must(
      await transferLines(runtime.deps, ann, table.registrationId, { toCostCenterId: 'T5' }),
    );
    expect(moved.registrationId).toBe(table.registrationId);
    expect(moved.event.data.transfer.from[0]?.costCenter.id).toBe('T1');
    expect(moved.event.data.transfer.to[0]?.costCenter.id).toBe('T5');
    expect(moved.event.data.transfer.to[0]?.transaction.transactionTotal).toBe(37);

    must(await addLines(runtime.deps, ann, table.registrationId, [{ productId: '30001', quantity: 1 }]));
    const bill = must(await preBill(runtime.deps, ann, table.registrationId));
    expect(bill.result.fdmRef.eventLabel).toBe('P');
    expect(bill.data.transaction.transactionTotal).toBe(46.5);

    const paid = must(
      await pay(runtime.deps, ann, table.registrationId, [{ type: 'CARD_DEBIT', amountCents: 4650 }], {
        type: 'CARD_DEBIT',
        amountCents: 350,
      }),
    );
    expect(paid.order).toBeNull(); // the pre-bill sent the dessert already
    expect(paid.sale.data.costCenter).toEqual({ id: 'T5', type: 'TABLE', reference: table.registrationId });
    expect(paid.sale.data.transaction.transactionLines).toHaveLength(6);
    expect(paid.sale.result.vatCalc?.map((v) => [v.label, v.totalAmount])).toEqual([
      ['A', 12],
      ['B', 34.5],
    ]);
    expect(paid.sale.data.financials.at(-1)).toMatchObject({ amountType: 'TIP', amount: 3.5 });
  });

  it('split part of a table onto an occupied table (merge) and pay both', async () => {
    const t2 = must(await startRegistration(runtime.deps, ann, { costCenterId: 'T2' }));
    must(await addLines(runtime.deps, ann, t2.registrationId, [{ productId: '10011', quantity: 3 }]));
    const t3 = must(await startRegistration(runtime.deps, ann, { costCenterId: 'T3' }));
    must(await addLines(runtime.deps, ann, t3.registrationId, [{ productId: '10010', quantity: 1 }]));
    must(await sendOrder(runtime.deps, ann, t3.registrationId));
    const merged = must(
      await transferLines(runtime.deps, ann, t2.registrationId, {
        toCostCenterId: 'T3',
        lines: [{ lineNo: 1, quantity: 2 }],
      }),
    );
    expect(merged.registrationId).toBe(t3.registrationId);
    expect(merged.closedSource).toBe(false);
    must(await pay(runtime.deps, ann, t3.registrationId, [{ type: 'CASH', amountCents: 1060 }]));
    const rest = must(await pay(runtime.deps, ann, t2.registrationId, [{ type: 'CASH', amountCents: 380 }]));
    expect(rest.sale.data.transaction.transactionTotal).toBe(3.8);
  });

  it('refund (partial, then the rest), copy once, invoice once', async () => {
    const sale = must(await startRegistration(runtime.deps, ann, {}));
    must(
      await addLines(runtime.deps, ann, sale.registrationId, [
        { productId: '10006', quantity: 2 },
        { productId: '22001', quantity: 1 },
      ]),
    );
    const paid = must(
      await pay(runtime.deps, ann, sale.registrationId, [{ type: 'CASH', amountCents: 5200 }]),
    );
    const seq = paid.sale.eventSeq;

    const partial = must(
      await refund(runtime.deps, ann, {
        ticketEventSeq: seq,
        lines: [{ lineNo: 1, quantity: 1 }],
        tenders: [{ type: 'CASH', amountCents: -1200 }],
      }),
    );
    expect(partial.sale.data.fdmRef).toEqual(paid.sale.result.fdmRef);
    expect(partial.sale.data.transaction.transactionTotal).toBe(-12);
    expect(
      await refund(runtime.deps, ann, {
        ticketEventSeq: seq,
        lines: [{ lineNo: 1, quantity: 2 }],
        tenders: [{ type: 'CASH', amountCents: -2400 }],
      }),
    ).toMatchObject({ ok: false, error: { code: 'QUANTITY_EXCEEDS_OPEN' } });
    const rest = must(
      await refund(runtime.deps, ann, {
        ticketEventSeq: seq,
        tenders: [{ type: 'CASH', amountCents: -4000 }],
      }),
    );
    expect(rest.sale.data.transaction.transactionTotal).toBe(-40);
    expect(
      await refund(runtime.deps, ann, {
        ticketEventSeq: seq,
        tenders: [{ type: 'CASH', amountCents: -100 }],
      }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_REFUNDABLE' } });

    const copy = must(await copyTicket(runtime.deps, ann, seq));
    expect(copy.copy.result.fdmRef.eventLabel).toBe('C');
    expect(await copyTicket(runtime.deps, ann, seq)).toMatchObject({
      ok: false,
      error: { code: 'COPY_ALREADY_MADE' },
    });

    const invoice = must(
      await invoiceSales(runtime.deps, ann, {
        ticketEventSeqs: [seq],
        customer: { name: 'ACME NV', address: 'Kerkstraat 2, 9000 Gent', vatNo: 'BE0308357159' },
      }),
    );
    expect(invoice.invoice.result.fdmRef.eventLabel).toBe('I');
    expect(invoice.invoiceNo).toBe('INV000001');
    expect(
      await invoiceSales(runtime.deps, ann, {
        ticketEventSeqs: [seq],
        customer: { name: 'ACME NV', address: 'Kerkstraat 2, 9000 Gent', vatNo: 'BE0308357159' },
      }),
    ).toMatchObject({ ok: false, error: { code: 'ALREADY_INVOICED' } });
  });

  it('keeps the journal chain intact', async () => {
    expect((await verifyJournalChain(runtime.deps.db)).ok).toBe(true);
  });
});
