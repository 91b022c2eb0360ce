import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { describeEachBackend } from '../db/test-backends.js';
import { readJournal } from '../journal/journal.js';
import { apiClient } from '../testing/api-client.js';
import { apiRegister, loginToken } from '../testing/api-register.js';
import { closedPort, startCapturePrinter, type CapturePrinter } from '../testing/capture-printer.js';
import { terminalTokens } from '../testing/register-fixture.js';

// Server-side printing through the API onto real TCP listeners on 127.0.0.1, on both backends.

describeEachBackend('POS API: printing on ESC/POS network printers', (backend) => {
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
  const prints = async () =>
    (await readJournal(register.runtime.deps.db, 0, 100_000))
      .filter((e) => e.kind === 'print')
      .map((e) => ({ ...(JSON.parse(e.data) as Record<string, unknown>), userId: e.userId }));
  const upsertPrinter = 'mutation($p: PrinterInput!) { upsertPrinter(input: $p) { printerId port } }';
  const setPrinters =
    'mutation($id: ID!, $r: ID, $k: ID) { updateTerminal(terminalId: $id, name: "Bar", receiptPrinterId: $r, kitchenPrinterId: $k) { terminalId } }';
  const print =
    'mutation($t: Int!, $p: ID, $w: Int) { printTicket(ticketId: $t, printerId: $p, width: $w) { printerId bytes } }';

  async function sale(productId = '10010', amount = 3): Promise<number> {
    const id = (await api.ok('mutation { startRegistration { id } }'))['startRegistration'].id;
    await api.ok(
      'mutation($id: ID!, $p: ID!) { addLines(registrationId: $id, lines: [{productId: $p, quantity: 1}]) { total } }',
      { id, p: productId },
    );
    const paid = await api.ok(
      'mutation($id: ID!, $a: Float!) { pay(registrationId: $id, payments: [{type: CASH, amount: $a}]) { ticket { id } } }',
      { id, a: amount },
    );
    return paid['pay'].ticket.id as number;
  }

  beforeAll(async () => {
    receiptPrinter = await startCapturePrinter();
    kitchenPrinter = await startCapturePrinter();
    const login = (alias: string, pin: string) => loginToken(api, alias, pin);
    waiter = await login('Ann', '1234');
    manager = await login('Bob', '5678');
    asManager.session = manager;
    await api.ok('mutation { clockIn { id } }');
    await api.ok(
      upsertPrinter,
      { p: { printerId: 'BAR', name: 'Bar', kind: 'RECEIPT', host: '127.0.0.1', port: receiptPrinter.port } },
      asManager,
    );
    await api.ok(
      upsertPrinter,
      {
        p: {
          printerId: 'KITCHEN',
          name: 'Kitchen',
          kind: 'KITCHEN',
          host: '127.0.0.1',
          port: kitchenPrinter.port,
          columns: 48,
        },
      },
      asManager,
    );
    await api.ok(setPrinters, { id: 'T1', r: 'BAR', k: 'KITCHEN' }, asManager);
  });

  afterAll(async () => {
    await receiptPrinter?.stop();
    await kitchenPrinter?.stop();
  });

  it('a VAT ticket prints once on the terminal receipt printer: the exact ESC/POS bytes, journaled; a second print is ALREADY_PRINTED', async () => {
    const ticketId = await sale();
    const printed = await api.ok(print, { t: ticketId });
    const expected = Buffer.from(
      (
        await api.ok('query($t: Int!) { ticket(id: $t) { receipt(width: 42) { escPosBase64 } } }', {
          t: ticketId,
        })
      )['ticket'].receipt.escPosBase64,
      'base64',
    );
    expect(printed['printTicket']).toEqual({ printerId: 'BAR', bytes: expected.length });
    await vi.waitFor(() => expect(receiptPrinter.jobs).toHaveLength(1), { timeout: 5000, interval: 20 });
    expect(receiptPrinter.jobs[0]?.equals(expected)).toBe(true);
    expect(receiptPrinter.jobs[0]?.subarray(0, 2)).toEqual(Buffer.from([0x1b, 0x40])); // ESC @
    expect(await prints()).toEqual([
      { document: 'vat-ticket', ticketId, printerId: 'BAR', bytes: expected.length, userId: 'ann' },
    ]);
    expect(await api.refused(print, { t: ticketId })).toMatchObject({ code: 'ALREADY_PRINTED' });
    // not even through another printer, nor by a manager
    expect(await api.refused(print, { t: ticketId, p: 'KITCHEN' }, asManager)).toMatchObject({
      code: 'ALREADY_PRINTED',
    });
    expect(receiptPrinter.jobs).toHaveLength(1);
    // the one reprint: a signed copy, which is a ticket of its own and prints once too
    const copy = (await api.ok('mutation($t: Int!) { copyTicket(ticketId: $t) { id } }', { t: ticketId }))[
      'copyTicket'
    ].id;
    await api.ok(print, { t: copy, w: 48 });
    await vi.waitFor(() => expect(receiptPrinter.jobs).toHaveLength(2), { timeout: 5000, interval: 20 });
    expect(receiptPrinter.jobs[1]?.toString('latin1')).toContain('KOPIE');
    expect(await api.refused(print, { t: copy })).toMatchObject({ code: 'ALREADY_PRINTED' });
  });

  it('two terminals printing the same ticket at once: exactly one print', async () => {
    const ticketId = await sale();
    const before = receiptPrinter.jobs.length;
    const answers = await Promise.all([api.gql(print, { t: ticketId }), api.gql(print, { t: ticketId })]);
    expect(answers.filter((a) => a.errors === undefined)).toHaveLength(1);
    expect(answers.flatMap((a) => a.errors ?? []).map((e) => e.extensions?.code)).toEqual([
      'ALREADY_PRINTED',
    ]);
    await vi.waitFor(() => expect(receiptPrinter.jobs).toHaveLength(before + 1), {
      timeout: 5000,
      interval: 20,
    });
    const rows = await register.runtime.deps.db
      .selectFrom('ticket_print')
      .selectAll()
      .where('event_seq', '=', ticketId)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('a printer that is down: PRINTER_UNREACHABLE with host:port, nothing recorded; the ticket prints once it is back', async () => {
    const ticketId = await sale();
    const port = await closedPort();
    await api.ok(
      upsertPrinter,
      { p: { printerId: 'DOWN', name: 'Off', kind: 'RECEIPT', host: '127.0.0.1', port } },
      asManager,
    );
    const before = (await prints()).length;
    const refused = await api.refused(print, { t: ticketId, p: 'DOWN' });
    expect(refused.code).toBe('PRINTER_UNREACHABLE');
    expect(refused.message).toContain(`127.0.0.1:${port}`);
    expect(await prints()).toHaveLength(before);
    expect(
      await register.runtime.deps.db
        .selectFrom('ticket_print')
        .selectAll()
        .where('event_seq', '=', ticketId)
        .execute(),
    ).toEqual([]);
    // the printer comes back on the same address
    const back = await startCapturePrinter(port);
    try {
      expect((await api.ok(print, { t: ticketId, p: 'DOWN' }))['printTicket'].printerId).toBe('DOWN');
      await vi.waitFor(() => expect(back.jobs).toHaveLength(1), { timeout: 5000, interval: 20 });
    } finally {
      await back.stop();
    }
  });

  it('refusals: unknown ticket, printer or width, no receipt printer, unsigned ticket, nothing to print, no login', async () => {
    const ticketId = await sale();
    expect(await api.refused(print, { t: 999_999 })).toMatchObject({
      code: 'UNKNOWN_TICKET',
      field: 'ticketId',
    });
    expect(await api.refused(print, { t: 0 })).toMatchObject({ code: 'UNKNOWN_TICKET' });
    expect(await api.refused(print, { t: -5 })).toMatchObject({ code: 'UNKNOWN_TICKET' });
    expect(await api.refused(print, { t: ticketId, p: 'NOPE' })).toMatchObject({
      code: 'PRINTER_UNKNOWN',
      field: 'printerId',
    });
    for (const w of [0, 40, 80, -42])
      expect(await api.refused(print, { t: ticketId, w })).toMatchObject({
        code: 'BAD_INPUT',
        field: 'width',
      });
    expect((await api.refused(print, { t: ticketId }, { session: null })).code).toBe('NOT_LOGGED_IN');
    expect((await api.refused(print, { t: ticketId }, { terminal: null })).code).toBe('TERMINAL_UNKNOWN');
    // a clock-in prints nothing
    const clockIn = (await api.ok('{ tickets(limit: 200) { id operation } }'))['tickets'].find(
      (t: { operation: string }) => t.operation === 'WORK_IN',
    ).id;
    expect(await api.refused(print, { t: clockIn })).toMatchObject({ code: 'BAD_INPUT', field: 'ticketId' });
    // the terminal without a receipt printer must name one
    await api.ok(setPrinters, { id: 'T1', r: null, k: 'KITCHEN' }, asManager);
    try {
      expect(await api.refused(print, { t: ticketId })).toMatchObject({
        code: 'PRINTER_UNKNOWN',
        field: 'printerId',
      });
    } finally {
      await api.ok(setPrinters, { id: 'T1', r: 'BAR', k: 'KITCHEN' }, asManager);
    }
    // an event the FDM refused is no ticket (C-32)
    const id = (await api.ok('mutation { startRegistration { id } }'))['startRegistration'].id;
    await api.ok(
      'mutation($id: ID!) { addLines(registrationId: $id, lines: [{productId: "10010", quantity: 1}]) { total } }',
      { id },
    );
    await register.fdm.faults({ notOperational: true });
    try {
      expect(
        (
          await api.refused(
            'mutation($id: ID!) { pay(registrationId: $id, payments: [{type: CASH, amount: 3}]) { due } }',
            { id },
          )
        ).code,
      ).toBe('FDM_NOT_OPERATIONAL');
    } finally {
      await register.fdm.faults(null);
    }
    const refusedEvent = (await api.ok('{ tickets(limit: 1) { id outcome } }'))['tickets'][0];
    expect(refusedEvent.outcome).toBe('refused');
    expect((await api.refused(print, { t: refusedEvent.id })).code).toBe('NOT_SIGNED');
    await api.ok(
      'mutation($id: ID!) { pay(registrationId: $id, payments: [{type: CASH, amount: 3}]) { due } }',
      { id },
    );
  });

  it('sendOrder prints the kitchen ticket with the notes and no prices; a kitchen printer down does not undo the order', async () => {
    const id = (await api.ok('mutation { startRegistration(costCenterId: "T4") { id } }'))[
      'startRegistration'
    ].id;
    await api.ok(
      'mutation($id: ID!) { addLines(registrationId: $id, lines: [{productId: "22001", quantity: 2, note: "one without onions"}, {productId: "10011", quantity: 1}]) { total } }',
      { id },
    );
    const before = kitchenPrinter.jobs.length;
    const order = await api.ok(
      'mutation($id: ID!) { sendOrder(registrationId: $id) { kitchenPrinted ticket { id label } } }',
      { id },
    );
    expect(order['sendOrder'].kitchenPrinted).toBe(true);
    await vi.waitFor(() => expect(kitchenPrinter.jobs).toHaveLength(before + 1), {
      timeout: 5000,
      interval: 20,
    });
    const job = kitchenPrinter.jobs.at(-1)?.toString('latin1') ?? '';
    expect(job).toContain('Burger of the Chef');
    expect(job).toContain('one without onions');
    expect(job).not.toMatch(/28[,.]00|56[,.]00|3[,.]80/);
    expect((await prints()).at(-1)).toMatchObject({
      document: 'kitchen',
      ticketId: order['sendOrder'].ticket.id,
      printerId: 'KITCHEN',
    });
    // only the new lines go to the kitchen next time, with their own notes
    await api.ok(
      'mutation($id: ID!) { addLines(registrationId: $id, lines: [{productId: "30001", quantity: 1, note: "after the mains"}]) { total } }',
      { id },
    );
    await api.ok('mutation($id: ID!) { sendOrder(registrationId: $id) { kitchenPrinted } }', { id });
    await vi.waitFor(() => expect(kitchenPrinter.jobs).toHaveLength(before + 2), {
      timeout: 5000,
      interval: 20,
    });
    const second = kitchenPrinter.jobs.at(-1)?.toString('latin1') ?? '';
    expect(second).toContain('after the mains');
    expect(second).not.toContain('Burger');
    // kitchen printer off: the order is signed all the same
    const port = await closedPort();
    await api.ok(
      upsertPrinter,
      { p: { printerId: 'KITCHEN', name: 'Kitchen', kind: 'KITCHEN', host: '127.0.0.1', port } },
      asManager,
    );
    const printsBefore = (await prints()).length;
    await api.ok(
      'mutation($id: ID!) { addLines(registrationId: $id, lines: [{productId: "10010", quantity: 1}]) { total } }',
      { id },
    );
    const unprinted = await api.ok(
      'mutation($id: ID!) { sendOrder(registrationId: $id) { kitchenPrinted kitchen { text } ticket { label outcome } } }',
      { id },
    );
    expect(unprinted['sendOrder']).toMatchObject({
      kitchenPrinted: false,
      ticket: { label: 'P', outcome: 'signed' },
    });
    expect(unprinted['sendOrder'].kitchen.text).toContain('Spa Reine');
    expect(await prints()).toHaveLength(printsBefore);
    await api.ok(
      'mutation($id: ID!) { cancelRegistration(registrationId: $id, reason: "test over") { due } }',
      { id },
    );
  });
});
