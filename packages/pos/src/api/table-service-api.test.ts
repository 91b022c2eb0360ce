import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { describeEachBackend } from '../db/test-backends.js';
import { readJournal } from '../journal/journal.js';
import { apiClient } from '../testing/api-client.js';
import { apiRegister, loginToken } from '../testing/api-register.js';
import { closedPort, startCapturePrinter, type CapturePrinter } from '../testing/capture-printer.js';
import { terminalTokens } from '../testing/register-fixture.js';

// Issue 5 follow-up through the API, on both backends: notes on lines already entered, notes
// that follow moved lines, kitchen tickets and reports printed through the server, and master
// data retired instead of deleted.

describeEachBackend('POS API: table service follow-up (issue 5)', (backend) => {
  const register = apiRegister(backend);
  let receiptPrinter: CapturePrinter;
  let kitchenPrinter: CapturePrinter;
  let waiter = '';
  let manager = '';
  const api = apiClient(
    () => register.yoga,
    () => ({ terminal: terminalTokens.T1, session: waiter }),
  );
  const asManager = { session: '' };
  const journal = async () => readJournal(register.runtime.deps.db, 0, 100_000);
  const login = (alias: string, pin: string, terminal: string = terminalTokens.T1) =>
    loginToken(api, alias, pin, terminal);

  const setNote =
    'mutation($id: ID!, $l: Int!, $n: String) { setLineNote(registrationId: $id, lineNo: $l, note: $n) { lines { lineNo note } } }';
  const upsertPlace =
    'mutation($id: ID!, $n: String!, $f: ID, $a: Boolean) { upsertCostCenter(costCenterId: $id, name: $n, type: "TABLE", floorId: $f, active: $a) { costCenterId active floorId } }';
  const upsertFloor =
    'mutation($id: ID!, $n: String!, $p: Int!, $a: Boolean) { upsertFloor(floorId: $id, name: $n, position: $p, active: $a) { floorId active } }';
  const upsertPrinter = 'mutation($p: PrinterInput!) { upsertPrinter(input: $p) { printerId active } }';
  const updateTerminal =
    'mutation($id: ID!, $n: String!, $r: ID, $k: ID, $a: Boolean) { updateTerminal(terminalId: $id, name: $n, receiptPrinterId: $r, kitchenPrinterId: $k, active: $a) { terminalId active receiptPrinterId kitchenPrinterId } }';
  const printKitchen =
    'mutation($t: Int!, $p: ID) { printKitchenTicket(ticketId: $t, printerId: $p) { printerId bytes reprint } }';

  async function openTable(place: string, lines: { productId: string; quantity: number; note?: string }[]) {
    const id = (
      await api.ok('mutation($c: ID!) { startRegistration(costCenterId: $c) { id } }', { c: place })
    )['startRegistration'].id as string;
    await api.ok(
      'mutation($id: ID!, $lines: [LineEntryInput!]!) { addLines(registrationId: $id, lines: $lines) { total } }',
      { id, lines },
    );
    return id;
  }
  const sendOrder = async (id: string) =>
    (
      await api.ok(
        'mutation($id: ID!) { sendOrder(registrationId: $id) { kitchenPrinted ticket { id } kitchen { text } } }',
        { id },
      )
    )['sendOrder'] as { kitchenPrinted: boolean; ticket: { id: number }; kitchen: { text: string } };
  const registration = async (id: string) =>
    (
      await api.ok(
        'query($id: ID!) { registration(id: $id) { costCenterId lines { lineNo productId origin note } } }',
        { id },
      )
    )['registration'] as {
      costCenterId: string;
      lines: { lineNo: number; productId: string; origin: string; note: string | null }[];
    };
  const pay = (id: string, amount: number) =>
    api.ok(
      'mutation($id: ID!, $a: Float!) { pay(registrationId: $id, payments: [{type: CARD_DEBIT, amount: $a}]) { ticket { id } } }',
      {
        id,
        a: amount,
      },
    );

  beforeAll(async () => {
    receiptPrinter = await startCapturePrinter();
    kitchenPrinter = await startCapturePrinter();
    waiter = await login('Ann', '1234');
    manager = await login('Bob', '5678');
    asManager.session = manager;
    await api.ok('mutation { clockIn { id } }');
    await api.ok('mutation { clockIn { id } }', {}, asManager);
    for (const [printerId, kind, port] of [
      ['BAR', 'RECEIPT', receiptPrinter.port],
      ['KITCHEN', 'KITCHEN', kitchenPrinter.port],
    ] as const)
      await api.ok(
        upsertPrinter,
        { p: { printerId, name: printerId, kind, host: '127.0.0.1', port } },
        asManager,
      );
    await api.ok(updateTerminal, { id: 'T1', n: 'Bar', r: 'BAR', k: 'KITCHEN' }, asManager);
  });

  afterAll(async () => {
    await receiptPrinter?.stop();
    await kitchenPrinter?.stop();
  });

  describe('setLineNote', () => {
    it('sets, changes and clears the note of an unsent line; journaled each time; the kitchen gets the last one, the FDM none', async () => {
      const id = await openTable('T3', [
        { productId: '22001', quantity: 1 },
        { productId: '22002', quantity: 1, note: 'extra cheese' },
      ]);
      expect((await api.ok(setNote, { id, l: 1, n: '  no onions  ' }))['setLineNote'].lines).toEqual([
        { lineNo: 1, note: 'no onions' },
        { lineNo: 2, note: 'extra cheese' },
      ]);
      await api.ok(setNote, { id, l: 1, n: 'no onions, well done' });
      // null clears a note given with the line too
      await api.ok(setNote, { id, l: 2, n: null });
      // the same note again changes nothing and journals nothing
      const entriesBefore = (await journal()).length;
      await api.ok(setNote, { id, l: 1, n: 'no onions, well done' });
      expect((await journal()).length).toBe(entriesBefore);
      expect((await registration(id)).lines.map((l) => l.note)).toEqual(['no onions, well done', null]);

      const notes = (await journal())
        .filter((e) => e.kind === 'kitchen_note' && e.data.includes(id))
        .map((e) => JSON.parse(e.data) as { lines: { lineNo: number; note: string | null }[] });
      expect(notes.map((n) => n.lines)).toEqual([
        [{ lineNo: 2, productId: '22002', note: 'extra cheese' }],
        [{ lineNo: 1, productId: '22001', note: 'no onions' }],
        [{ lineNo: 1, productId: '22001', note: 'no onions, well done' }],
        [{ lineNo: 2, productId: '22002', note: null }],
      ]);

      const order = await sendOrder(id);
      expect(order.kitchen.text).toContain('no onions, well done');
      expect(order.kitchen.text).not.toContain('extra cheese');
      const fiscal = (await journal()).filter((e) => e.kind === 'fiscal_event' && e.seq === order.ticket.id);
      expect(fiscal).toHaveLength(1);
      expect(fiscal[0]?.data).not.toContain('onions');
      expect(Buffer.from(fiscal[0]?.fdmMessage ?? new Uint8Array()).toString('utf8')).not.toContain('onions');
      await pay(id, 46.5);
    });

    it('refused once the line was sent, on corrections, unknown lines, closed orders, bad notes and without login', async () => {
      const id = await openTable('T4', [{ productId: '22001', quantity: 1 }]);
      await sendOrder(id);
      expect(await api.refused(setNote, { id, l: 1, n: 'medium' })).toMatchObject({
        code: 'LINE_ALREADY_SENT',
        field: 'lineNo',
      });
      await api.ok(
        'mutation($id: ID!, $lines: [LineEntryInput!]!) { addLines(registrationId: $id, lines: $lines) { total } }',
        { id, lines: [{ productId: '10011', quantity: 2 }] },
      );
      await api.ok(
        'mutation($id: ID!) { correctLine(registrationId: $id, lineNo: 2, quantity: 1, reason: "one less") { total } }',
        { id },
      );
      expect(await api.refused(setNote, { id, l: 3, n: 'cold' })).toMatchObject({
        code: 'BAD_INPUT',
        field: 'lineNo',
      });
      expect(await api.refused(setNote, { id, l: 9, n: 'cold' })).toMatchObject({
        code: 'UNKNOWN_LINE',
        field: 'lineNo',
      });
      for (const note of ['', '   ', 'x'.repeat(141), 'cold\u001b@', 'rare\u202e', 'tab\there'])
        expect(await api.refused(setNote, { id, l: 2, n: note })).toMatchObject({
          code: 'BAD_INPUT',
          field: 'note',
        });
      expect((await api.refused(setNote, { id, l: 2, n: 'cold' }, { session: null })).code).toBe(
        'NOT_LOGGED_IN',
      );
      expect((await api.refused(setNote, { id: 'nope', l: 1, n: 'cold' })).code).toBe('UNKNOWN_REGISTRATION');
      expect((await registration(id)).lines.map((l) => l.note)).toEqual([null, null, null]);
      await pay(id, 31.8);
      expect((await api.refused(setNote, { id, l: 2, n: 'cold' })).code).toBe('REGISTRATION_CLOSED');
    });
  });

  it('notes follow the lines a split, a merge and a whole move take along', async () => {
    const id = await openTable('T5', [
      { productId: '22001', quantity: 1, note: 'no onions' },
      { productId: '22002', quantity: 1 },
      { productId: '30001', quantity: 2, note: 'no cream' },
    ]);
    await api.ok(setNote, { id, l: 2, n: 'small portion' });
    const transfer =
      'mutation($id: ID!, $to: ID!, $lines: [MoveLineInput!]) { transfer(registrationId: $id, toCostCenterId: $to, lines: $lines) { registrationId sourceClosed } }';
    // split: line 1 and one of the two desserts to the free T6
    const split = (
      await api.ok(transfer, { id, to: 'T6', lines: [{ lineNo: 1 }, { lineNo: 3, quantity: 1 }] })
    )['transfer'];
    const t6 = await registration(split.registrationId);
    expect(t6.lines.map((l) => [l.productId, l.origin, l.note])).toEqual([
      ['22001', 'transfer_in', 'no onions'],
      ['30001', 'transfer_in', 'no cream'],
    ]);
    // merge: the rest of T5 onto T6's open order
    const merged = (await api.ok(transfer, { id, to: 'T6' }))['transfer'];
    expect(merged).toEqual({ registrationId: split.registrationId, sourceClosed: true });
    const after = await registration(split.registrationId);
    expect(after.lines.slice(2).map((l) => [l.productId, l.note])).toEqual([
      ['22002', 'small portion'],
      ['30001', 'no cream'],
    ]);
    // whole move: same registration, notes untouched
    const moved = (await api.ok(transfer, { id: split.registrationId, to: 'T7' }))['transfer'];
    expect(moved.registrationId).toBe(split.registrationId);
    const atT7 = await registration(split.registrationId);
    expect(atT7.costCenterId).toBe('T7');
    expect(atT7.lines.map((l) => l.note)).toEqual(after.lines.map((l) => l.note));
    await pay(split.registrationId, 65.5);
  });

  describe('printing through the server', () => {
    it('a kitchen ticket prints again as often as needed, marked HERDRUK after the first; journaled each time', async () => {
      const id = await openTable('T8', [{ productId: '22002', quantity: 1, note: 'no cheese' }]);
      const base = kitchenPrinter.jobs.length;
      const order = await sendOrder(id);
      expect(order.kitchenPrinted).toBe(true);
      const before = base + 1;
      await vi.waitFor(() => expect(kitchenPrinter.jobs).toHaveLength(before), {
        timeout: 2000,
        interval: 10,
      });
      const first = kitchenPrinter.jobs.at(-1)?.toString('latin1') ?? '';
      expect(first).not.toContain('HERDRUK');
      for (let n = 1; n <= 2; n++) {
        const again = (await api.ok(printKitchen, { t: order.ticket.id }))['printKitchenTicket'];
        expect(again).toMatchObject({ printerId: 'KITCHEN', reprint: true });
        await vi.waitFor(() => expect(kitchenPrinter.jobs).toHaveLength(before + n), {
          timeout: 2000,
          interval: 10,
        });
        const job = kitchenPrinter.jobs.at(-1)?.toString('latin1') ?? '';
        expect(job).toContain('HERDRUK');
        expect(job).toContain('no cheese');
        expect(job).toContain('Spaghetti Bolognese');
        expect(job).not.toMatch(/18[,.]50/);
      }
      const kitchenPrints = (await journal()).filter(
        (e) =>
          e.kind === 'print' &&
          e.data.includes('"document":"kitchen"') &&
          e.data.endsWith(`"ticketId":${order.ticket.id}}`),
      );
      expect(kitchenPrints.map((e) => e.data)).toHaveLength(3);
      await pay(id, 18.5);
    });

    it('the first kitchen print after a printer that was down is not marked as a reprint', async () => {
      await api.ok(
        upsertPrinter,
        {
          p: { printerId: 'OFF', name: 'Off', kind: 'KITCHEN', host: '127.0.0.1', port: await closedPort() },
        },
        asManager,
      );
      await api.ok(updateTerminal, { id: 'T1', n: 'Bar', r: 'BAR', k: 'OFF' }, asManager);
      const id = await openTable('T9', [{ productId: '22001', quantity: 1 }]);
      const order = await sendOrder(id);
      expect(order.kitchenPrinted).toBe(false);
      expect(await api.refused(printKitchen, { t: order.ticket.id })).toMatchObject({
        code: 'PRINTER_UNREACHABLE',
      });
      expect(
        (await api.ok(printKitchen, { t: order.ticket.id, p: 'KITCHEN' }))['printKitchenTicket'].reprint,
      ).toBe(false);
      expect(
        (await api.ok(printKitchen, { t: order.ticket.id, p: 'KITCHEN' }))['printKitchenTicket'].reprint,
      ).toBe(true);
      await api.ok(updateTerminal, { id: 'T1', n: 'Bar', r: 'BAR', k: 'KITCHEN' }, asManager);
      const paid = await pay(id, 28);
      // a sale has no kitchen ticket; unknown tickets and no login are refused
      expect(await api.refused(printKitchen, { t: paid['pay'].ticket.id })).toMatchObject({
        code: 'NOT_AN_ORDER',
        field: 'ticketId',
      });
      expect((await api.refused(printKitchen, { t: 999_999 })).code).toBe('UNKNOWN_TICKET');
      expect((await api.refused(printKitchen, { t: order.ticket.id, p: 'NOPE' })).code).toBe(
        'PRINTER_UNKNOWN',
      );
      expect((await api.refused(printKitchen, { t: order.ticket.id }, { session: null })).code).toBe(
        'NOT_LOGGED_IN',
      );
    });

    it('an X report prints once through the server, like a VAT ticket', async () => {
      const report = await api.ok('mutation { report(scope: TURNOVER, type: X) { ticket { id label } } }');
      const ticketId = report['report'].ticket.id as number;
      const before = receiptPrinter.jobs.length;
      const print = 'mutation($t: Int!) { printTicket(ticketId: $t) { printerId reprint } }';
      expect((await api.ok(print, { t: ticketId }))['printTicket']).toEqual({
        printerId: 'BAR',
        reprint: false,
      });
      await vi.waitFor(() => expect(receiptPrinter.jobs).toHaveLength(before + 1), {
        timeout: 2000,
        interval: 10,
      });
      expect(receiptPrinter.jobs.at(-1)?.toString('latin1')).toMatch(/X/);
      expect((await api.refused(print, { t: ticketId })).code).toBe('ALREADY_PRINTED');
    });
  });

  describe('retiring master data', () => {
    it('a place with an open order cannot be retired; a retired place takes no order nor transfer; it comes back', async () => {
      const id = await openTable('T10', [{ productId: '10011', quantity: 1 }]);
      expect(
        await api.refused(upsertPlace, { id: 'T10', n: 'Table 10', f: 'terras', a: false }, asManager),
      ).toMatchObject({
        code: 'PLACE_IN_USE',
        field: 'active',
      });
      await pay(id, 3.8);
      expect(
        (await api.ok(upsertPlace, { id: 'T10', n: 'Table 10', f: 'terras', a: false }, asManager))[
          'upsertCostCenter'
        ],
      ).toEqual({
        costCenterId: 'T10',
        active: false,
        floorId: 'terras',
      });
      // a rename without `active` keeps it retired
      expect(
        (await api.ok(upsertPlace, { id: 'T10', n: 'Table ten', f: 'terras' }, asManager))['upsertCostCenter']
          .active,
      ).toBe(false);
      const places = (await api.ok('{ costCenters { costCenterId active } }'))['costCenters'] as {
        costCenterId: string;
        active: boolean;
      }[];
      expect(places.find((p) => p.costCenterId === 'T10')?.active).toBe(false);
      expect(places.find((p) => p.costCenterId === 'T11')?.active).toBe(true);
      expect(await api.refused('mutation { startRegistration(costCenterId: "T10") { id } }')).toMatchObject({
        code: 'PLACE_RETIRED',
      });
      const other = await openTable('T11', [{ productId: '10011', quantity: 1 }]);
      expect(
        await api.refused(
          'mutation($id: ID!) { transfer(registrationId: $id, toCostCenterId: "T10") { registrationId } }',
          { id: other },
        ),
      ).toMatchObject({ code: 'PLACE_RETIRED', field: 'toCostCenterId' });
      expect((await api.refused(upsertPlace, { id: 'T10', n: 'Table 10', f: 'terras', a: true })).code).toBe(
        'FORBIDDEN_FOR_ROLE',
      );
      await api.ok(upsertPlace, { id: 'T10', n: 'Table 10', f: 'terras', a: true }, asManager);
      await api.ok(
        'mutation($id: ID!) { transfer(registrationId: $id, toCostCenterId: "T10") { registrationId } }',
        { id: other },
      );
      await pay(other, 3.8);
      const changes = (await journal())
        .filter((e) => e.kind === 'master_data_change' && e.data.includes('"costCenterId":"T10"'))
        .map((e) => (JSON.parse(e.data) as { active: boolean }).active);
      expect(changes).toEqual([true, false, false, true]);
    });

    it('a floor with active places cannot be retired; empty, it can; no place goes onto a retired floor', async () => {
      expect(
        await api.refused(upsertFloor, { id: 'terras', n: 'Terras', p: 20, a: false }, asManager),
      ).toMatchObject({
        code: 'FLOOR_IN_USE',
        field: 'active',
      });
      await api.ok(upsertFloor, { id: 'ROOF', n: 'Roof', p: 30 }, asManager);
      await api.ok(upsertPlace, { id: 'R1', n: 'Roof 1', f: 'ROOF' }, asManager);
      await api.ok(upsertPlace, { id: 'R1', n: 'Roof 1', f: 'ROOF', a: false }, asManager);
      expect(
        (await api.ok(upsertFloor, { id: 'ROOF', n: 'Roof', p: 30, a: false }, asManager))['upsertFloor'],
      ).toEqual({
        floorId: 'ROOF',
        active: false,
      });
      expect(await api.refused(upsertPlace, { id: 'R2', n: 'Roof 2', f: 'ROOF' }, asManager)).toMatchObject({
        code: 'FLOOR_RETIRED',
        field: 'floorId',
      });
      const floors = (await api.ok('{ floors { floorId active } }'))['floors'] as {
        floorId: string;
        active: boolean;
      }[];
      expect(floors.find((f) => f.floorId === 'ROOF')?.active).toBe(false);
      expect(floors.find((f) => f.floorId === 'zaal')?.active).toBe(true);
      expect(
        (await journal()).filter(
          (e) =>
            e.kind === 'master_data_change' &&
            e.data.includes('"table":"floor"') &&
            e.data.includes('"floorId":"ROOF"'),
        ),
      ).toHaveLength(2);
    });

    it('a printer in use by a terminal cannot be retired; a retired printer prints nothing and cannot be picked', async () => {
      const printer = {
        printerId: 'KITCHEN',
        name: 'KITCHEN',
        kind: 'KITCHEN',
        host: '127.0.0.1',
        port: kitchenPrinter.port,
      };
      expect(await api.refused(upsertPrinter, { p: { ...printer, active: false } }, asManager)).toMatchObject(
        {
          code: 'PRINTER_IN_USE',
          field: 'active',
        },
      );
      await api.ok(
        upsertPrinter,
        {
          p: {
            printerId: 'K2',
            name: 'Kitchen 2',
            kind: 'KITCHEN',
            host: '127.0.0.1',
            port: kitchenPrinter.port,
          },
        },
        asManager,
      );
      expect(
        (
          await api.ok(
            upsertPrinter,
            {
              p: {
                printerId: 'K2',
                name: 'Kitchen 2',
                kind: 'KITCHEN',
                host: '127.0.0.1',
                port: kitchenPrinter.port,
                active: false,
              },
            },
            asManager,
          )
        )['upsertPrinter'],
      ).toEqual({ printerId: 'K2', active: false });
      expect(await api.refused(updateTerminal, { id: 'T2', n: 'Terrace', k: 'K2' }, asManager)).toMatchObject(
        {
          code: 'PRINTER_RETIRED',
          field: 'kitchenPrinterId',
        },
      );
      const id = await openTable('T12', [{ productId: '22001', quantity: 1 }]);
      const order = await sendOrder(id);
      expect(await api.refused(printKitchen, { t: order.ticket.id, p: 'K2' })).toMatchObject({
        code: 'PRINTER_RETIRED',
        field: 'printerId',
      });
      const paid = await pay(id, 28);
      expect(
        await api.refused('mutation($t: Int!) { printTicket(ticketId: $t, printerId: "K2") { bytes } }', {
          t: paid['pay'].ticket.id,
        }),
      ).toMatchObject({ code: 'PRINTER_RETIRED' });
      expect(
        (
          (await api.ok('{ printers { printerId active } }'))['printers'] as {
            printerId: string;
            active: boolean;
          }[]
        ).find((p) => p.printerId === 'K2')?.active,
      ).toBe(false);
    });

    it("a retired terminal's token stops working at once, sessions included; a terminal cannot retire itself; it comes back", async () => {
      const onTerrace = await login('Ann', '1234', terminalTokens.T2);
      const asTerrace = { terminal: terminalTokens.T2, session: onTerrace };
      await api.ok('{ me { terminalId } }', {}, asTerrace);
      expect(
        await api.refused(
          updateTerminal,
          { id: 'T1', n: 'Bar', r: 'BAR', k: 'KITCHEN', a: false },
          asManager,
        ),
      ).toMatchObject({
        code: 'OWN_TERMINAL',
        field: 'active',
      });
      expect((await api.refused(updateTerminal, { id: 'T2', n: 'Terrace', a: false })).code).toBe(
        'FORBIDDEN_FOR_ROLE',
      );
      expect(
        (await api.ok(updateTerminal, { id: 'T2', n: 'Terrace', a: false }, asManager))['updateTerminal'],
      ).toMatchObject({
        terminalId: 'T2',
        active: false,
      });
      expect((await api.refused('{ me { terminalId } }', {}, asTerrace)).code).toBe('TERMINAL_RETIRED');
      expect(
        (await api.refused('{ loginUsers { alias } }', {}, { terminal: terminalTokens.T2, session: null }))
          .code,
      ).toBe('TERMINAL_RETIRED');
      expect(
        (await api.refused('{ pos { posId } }', {}, { terminal: terminalTokens.T2, session: null })).code,
      ).toBe('TERMINAL_RETIRED');
      const terminals = (await api.ok('{ terminals { terminalId active } }', {}, asManager))['terminals'];
      expect(terminals).toEqual([
        { terminalId: 'T1', active: true },
        { terminalId: 'T2', active: false },
      ]);
      // a rename without `active` keeps it retired; then it comes back
      await api.ok(updateTerminal, { id: 'T2', n: 'Terrace 2' }, asManager);
      expect((await api.refused('{ me { terminalId } }', {}, asTerrace)).code).toBe('TERMINAL_RETIRED');
      await api.ok(updateTerminal, { id: 'T2', n: 'Terrace', a: true }, asManager);
      expect((await api.ok('{ me { terminalId } }', {}, asTerrace))['me'].terminalId).toBe('T2');
      const changes = (await journal())
        .filter((e) => e.kind === 'configuration_change' && e.data.includes('"terminalId":"T2"'))
        .map((e) => (JSON.parse(e.data) as { after: { active: boolean } }).after.active);
      expect(changes.slice(-3)).toEqual([false, false, true]);
    });
  });
});
