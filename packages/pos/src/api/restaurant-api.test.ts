import { beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../db/test-backends.js';
import { readJournal } from '../journal/journal.js';
import { pendingEvents } from '../outbox/outbox.js';
import { apiClient } from '../testing/api-client.js';
import { apiRegister, loginToken } from '../testing/api-register.js';
import { terminalTokens } from '../testing/register-fixture.js';

// Issue 5: what the restaurant UI needs from the server, through the API, on both backends.

describeEachBackend('POS API: restaurant UI (issue 5)', (backend) => {
  const register = apiRegister(backend);
  let waiter = '';
  let manager = '';
  let terraceWaiter = '';
  const api = apiClient(
    () => register.yoga,
    () => ({ terminal: terminalTokens.T1, session: manager }),
  );
  const asWaiter = { session: '' };
  const journal = async () => readJournal(register.runtime.deps.db, 0, 100_000);
  const login = (alias: string, pin: string, terminal: string = terminalTokens.T1) =>
    loginToken(api, alias, pin, terminal);

  beforeAll(async () => {
    waiter = await login('Ann', '1234');
    manager = await login('Bob', '5678');
    asWaiter.session = waiter;
    await api.ok('mutation { clockIn { id } }', {}, asWaiter);
  });

  it('loginUsers: the active users with alias and role, with the terminal token alone; never INSZ or PIN', async () => {
    const users = await api.ok('{ loginUsers { userId alias role } }', {}, { session: null });
    expect(users['loginUsers']).toEqual([
      { userId: 'ann', alias: 'Ann', role: 'waiter' },
      { userId: 'bob', alias: 'Bob', role: 'manager' },
      { userId: 'technician', alias: 'Technician', role: 'technician' },
    ]);
    expect((await api.refused('{ loginUsers { alias } }', {}, { terminal: null, session: null })).code).toBe(
      'TERMINAL_UNKNOWN',
    );
    expect(
      (
        await api.refused(
          '{ loginUsers { alias } }',
          {},
          { terminal: 'forged-terminal-token-xyz', session: null },
        )
      ).code,
    ).toBe('TERMINAL_UNKNOWN');
    for (const hidden of ['employeeId', 'pin', 'pinHash'])
      expect((await api.refused(`{ loginUsers { ${hidden} } }`, {}, { session: null })).code).toBe(
        'GRAPHQL_VALIDATION_FAILED',
      );
  });

  it('floors: a manager creates and renames them, everyone reads them in display order; bad input refused', async () => {
    const upsert =
      'mutation($id: ID!, $n: String!, $p: Int!) { upsertFloor(floorId: $id, name: $n, position: $p) { floorId name position } }';
    await api.ok(upsert, { id: 'TERRACE', n: 'Terrace', p: 2 });
    await api.ok(upsert, { id: 'GROUND', n: 'Ground floor', p: 1 });
    expect((await api.ok(upsert, { id: 'TERRACE', n: '  Terras  ', p: 3 }))['upsertFloor']).toEqual({
      floorId: 'TERRACE',
      name: 'Terras',
      position: 3,
    });
    // The demo register comes with its own plan (Zaal, Terras), at positions 10 and 20.
    expect((await api.ok('{ floors { floorId name position } }', {}, asWaiter))['floors']).toEqual([
      { floorId: 'GROUND', name: 'Ground floor', position: 1 },
      { floorId: 'TERRACE', name: 'Terras', position: 3 },
      { floorId: 'zaal', name: 'Zaal', position: 10 },
      { floorId: 'terras', name: 'Terras', position: 20 },
    ]);
    expect((await api.refused(upsert, { id: 'UP', n: 'Upstairs', p: 4 }, asWaiter)).code).toBe(
      'FORBIDDEN_FOR_ROLE',
    );
    for (const [vars, field] of [
      [{ id: 'X', n: '', p: 1 }, 'name'],
      [{ id: 'X', n: '   ', p: 1 }, 'name'],
      [{ id: 'X', n: 'a'.repeat(61), p: 1 }, 'name'],
      [{ id: 'X', n: 'Bar\u001b@', p: 1 }, 'name'],
      [{ id: 'X', n: 'Bar\u202e', p: 1 }, 'name'],
      [{ id: '', n: 'Bar', p: 1 }, 'floorId'],
      [{ id: 'with space', n: 'Bar', p: 1 }, 'floorId'],
      [{ id: 'X'.repeat(41), n: 'Bar', p: 1 }, 'floorId'],
      [{ id: 'X', n: 'Bar', p: -1 }, 'position'],
      [{ id: 'X', n: 'Bar', p: 10_000 }, 'position'],
    ] as const)
      expect(await api.refused(upsert, vars)).toMatchObject({ code: 'BAD_INPUT', field });
    expect((await api.refused('{ floors { floorId } }', {}, { session: null })).code).toBe('NOT_LOGGED_IN');
    const changes = (await journal()).filter(
      (e) => e.kind === 'master_data_change' && e.data.includes('"floor"') && e.userId === 'bob',
    );
    expect(changes).toHaveLength(3);
  });

  it('cost centers on a floor; an unknown floor or type is refused and nothing changes', async () => {
    const upsert =
      'mutation($id: ID!, $n: String!, $t: String!, $f: ID) { upsertCostCenter(costCenterId: $id, name: $n, type: $t, floorId: $f) { costCenterId name type floorId state openRegistrationId } }';
    expect(
      (await api.ok(upsert, { id: 'T1', n: 'Table 1', t: 'TABLE', f: 'GROUND' }))['upsertCostCenter'],
    ).toEqual({
      costCenterId: 'T1',
      name: 'Table 1',
      type: 'TABLE',
      floorId: 'GROUND',
      state: 'FREE',
      openRegistrationId: null,
    });
    await api.ok(upsert, { id: 'T20', n: 'Terrace 20', t: 'TABLE', f: 'TERRACE' });
    await api.ok(upsert, { id: 'TAKEAWAY', n: 'Take-away', t: 'ON_HOLD', f: null });
    expect(await api.refused(upsert, { id: 'T21', n: 'Table 21', t: 'TABLE', f: 'ROOF' })).toMatchObject({
      code: 'FLOOR_UNKNOWN',
      field: 'floorId',
    });
    expect(await api.refused(upsert, { id: 'T21', n: 'Table 21', t: 'SOFA', f: null })).toMatchObject({
      code: 'BAD_INPUT',
      field: 'type',
    });
    expect(await api.refused(upsert, { id: 'T21', n: 'Table\u0007 21', t: 'TABLE', f: null })).toMatchObject({
      code: 'BAD_INPUT',
      field: 'name',
    });
    expect(
      (await api.refused(upsert, { id: 'T21', n: 'Table 21', t: 'TABLE', f: null }, asWaiter)).code,
    ).toBe('FORBIDDEN_FOR_ROLE');
    const places = (await api.ok('{ costCenters { costCenterId floorId } }', {}, asWaiter))['costCenters'];
    expect(places.find((c: { costCenterId: string }) => c.costCenterId === 'T21')).toBeUndefined();
    expect(places.find((c: { costCenterId: string }) => c.costCenterId === 'T20').floorId).toBe('TERRACE');
    expect(places.find((c: { costCenterId: string }) => c.costCenterId === 'T2').floorId).toBe('zaal');
    expect(places.find((c: { costCenterId: string }) => c.costCenterId === 'HOLD').floorId).toBeNull();
  });

  it('kitchen notes: trimmed, shown on the line, journaled, never in the fiscal event; bad notes refused', async () => {
    const id = (await api.ok('mutation { startRegistration(costCenterId: "T1") { id } }', {}, asWaiter))[
      'startRegistration'
    ].id;
    const add =
      'mutation($id: ID!, $lines: [LineEntryInput!]!) { addLines(registrationId: $id, lines: $lines) { lines { lineNo productId note } } }';
    const long = 'x'.repeat(140);
    const added = await api.ok(
      add,
      {
        id,
        lines: [
          { productId: '22001', quantity: 1, note: '  no onions, medium rare  ' },
          { productId: '10011', quantity: 2 },
          { productId: '22002', quantity: 1, note: ` ${long} ` },
        ],
      },
      asWaiter,
    );
    expect(added['addLines'].lines).toEqual([
      { lineNo: 1, productId: '22001', note: 'no onions, medium rare' },
      { lineNo: 2, productId: '10011', note: null },
      { lineNo: 3, productId: '22002', note: long },
    ]);
    for (const [note, reason] of [
      ['x'.repeat(141), 'too long'],
      ['', 'empty'],
      ['    ', 'blank'],
      ['no\u0000 onions', 'NUL'],
      ['line\nbreak', 'newline'],
      ['\u001bd\u0004 cut', 'ESC/POS command'],
      ['bidi \u202e override', 'format character'],
    ] as const) {
      const answer = await api.refused(
        add,
        {
          id,
          lines: [
            { productId: '10011', quantity: 1 },
            { productId: '10010', quantity: 1, note },
          ],
        },
        asWaiter,
      );
      expect(answer, reason).toMatchObject({ code: 'BAD_INPUT', field: 'lines[1].note' });
    }
    // nothing of the refused requests was registered
    const now = await api.ok(
      'query($id: ID!) { registration(id: $id) { lines { lineNo } } }',
      { id },
      asWaiter,
    );
    expect(now['registration'].lines).toHaveLength(3);
    const notes = (await journal()).filter((e) => e.kind === 'kitchen_note');
    expect(notes).toHaveLength(1);
    expect(JSON.parse(notes[0]?.data ?? '{}')).toEqual({
      registrationId: id,
      lines: [
        { lineNo: 1, productId: '22001', note: 'no onions, medium rare' },
        { lineNo: 3, productId: '22002', note: long },
      ],
    });
    expect(notes[0]?.userId).toBe('ann');
    const order = await api.ok(
      'mutation($id: ID!) { sendOrder(registrationId: $id) { ticket { id label } kitchen { text } kitchenPrinted } }',
      { id },
      asWaiter,
    );
    expect(order['sendOrder'].ticket.label).toBe('P');
    expect(order['sendOrder'].kitchenPrinted).toBe(false); // T1 has no kitchen printer yet
    expect(order['sendOrder'].kitchen.text).toContain('no onions, medium rare');
    const sent = (await journal()).find((e) => e.seq === order['sendOrder'].ticket.id);
    expect(new TextDecoder().decode(sent?.fdmMessage ?? new Uint8Array())).not.toContain('onions');
    expect(await pendingEvents(register.runtime.deps.db)).toEqual([]);
  });

  it('table state: every terminal sees FREE, OCCUPIED and PRE_BILLED; a line after the pre-bill makes it OCCUPIED again', async () => {
    terraceWaiter = await login('Ann', '1234', terminalTokens.T2);
    const fromTerrace = { terminal: terminalTokens.T2, session: terraceWaiter };
    const stateOf = async (costCenterId: string) =>
      (await api.ok('{ costCenters { costCenterId state openRegistrationId } }', {}, fromTerrace))[
        'costCenters'
      ].find((c: { costCenterId: string }) => c.costCenterId === costCenterId);
    const open = (await stateOf('T1')).openRegistrationId as string;
    expect(await stateOf('T1')).toMatchObject({ state: 'OCCUPIED' });
    expect(await stateOf('T3')).toEqual({ costCenterId: 'T3', state: 'FREE', openRegistrationId: null });
    const preBilled = async () =>
      (await api.ok('query($id: ID!) { registration(id: $id) { preBilled } }', { id: open }, fromTerrace))[
        'registration'
      ].preBilled;
    expect(await preBilled()).toBe(false);
    await api.ok('mutation($id: ID!) { preBill(registrationId: $id) { label } }', { id: open }, asWaiter);
    expect((await stateOf('T1')).state).toBe('PRE_BILLED');
    expect(await preBilled()).toBe(true);
    // the terrace terminal adds a dessert: no longer pre-billed, for everybody
    await api.ok(
      'mutation($id: ID!) { addLines(registrationId: $id, lines: [{productId: "30001", quantity: 1}]) { total } }',
      { id: open },
      fromTerrace,
    );
    expect((await stateOf('T1')).state).toBe('OCCUPIED');
    expect(await preBilled()).toBe(false);
    await api.ok('mutation($id: ID!) { preBill(registrationId: $id) { label } }', { id: open }, asWaiter);
    expect((await stateOf('T1')).state).toBe('PRE_BILLED');
    const due = (await api.ok('query($id: ID!) { registration(id: $id) { total } }', { id: open }, asWaiter))[
      'registration'
    ].total;
    await api.ok(
      'mutation($id: ID!, $a: Float!) { pay(registrationId: $id, payments: [{type: CARD_DEBIT, amount: $a}]) { due } }',
      { id: open, a: due },
      asWaiter,
    );
    expect(await stateOf('T1')).toEqual({ costCenterId: 'T1', state: 'FREE', openRegistrationId: null });
  });

  it('terminals: a manager creates one (token once, only its hash kept), lists them without tokens; refusals', async () => {
    const create =
      'mutation($id: ID!, $n: String!, $d: String!) { createTerminal(terminalId: $id, name: $n, deviceId: $d) { token terminal { terminalId name deviceId training receiptPrinterId kitchenPrinterId } } }';
    const made = (await api.ok(create, { id: 'T3', n: 'Kitchen pass', d: 'dev-pass-3' }))['createTerminal'];
    expect(made.terminal).toEqual({
      terminalId: 'T3',
      name: 'Kitchen pass',
      deviceId: 'dev-pass-3',
      training: false,
      receiptPrinterId: null,
      kitchenPrinterId: null,
    });
    expect(made.token.length).toBeGreaterThanOrEqual(24);
    const info = await api.ok(
      '{ pos { terminalId terminalName } }',
      {},
      { terminal: made.token, session: null },
    );
    expect(info['pos']).toEqual({ terminalId: 'T3', terminalName: 'Kitchen pass' });
    const stored = await register.runtime.deps.db
      .selectFrom('terminal')
      .selectAll()
      .where('terminal_id', '=', 'T3')
      .executeTakeFirst();
    expect(JSON.stringify(stored)).not.toContain(made.token);
    expect((await journal()).some((e) => e.data.includes(made.token))).toBe(false);
    expect(await api.refused(create, { id: 'T3', n: 'Again', d: 'dev-x' })).toMatchObject({
      code: 'TERMINAL_EXISTS',
      field: 'terminalId',
    });
    expect((await api.refused(create, { id: 'T4', n: 'Pass', d: 'dev-4' }, asWaiter)).code).toBe(
      'FORBIDDEN_FOR_ROLE',
    );
    for (const [vars, field] of [
      [{ id: '', n: 'Pass', d: 'dev-4' }, 'terminalId'],
      [{ id: 'T4', n: '', d: 'dev-4' }, 'name'],
      [{ id: 'T4', n: 'Pass\u0000', d: 'dev-4' }, 'name'],
      [{ id: 'T4', n: 'Pass', d: ' dev-4' }, 'deviceId'],
    ] as const)
      expect(await api.refused(create, vars)).toMatchObject({ code: 'BAD_INPUT', field });
    const list = (await api.ok('{ terminals { terminalId name } }'))['terminals'];
    expect(list.map((t: { terminalId: string }) => t.terminalId)).toEqual(['T1', 'T2', 'T3']);
    expect((await api.refused('{ terminals { token } }')).code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await api.refused('{ terminals { terminalId } }', {}, asWaiter)).code).toBe('FORBIDDEN_FOR_ROLE');
  });

  it('printers and terminals: defaults 9100 and 42 columns, receipt and kitchen printers per terminal; refusals with their field', async () => {
    const upsert =
      'mutation($p: PrinterInput!) { upsertPrinter(input: $p) { printerId name kind host port columns } }';
    expect(
      (
        await api.ok(upsert, {
          p: { printerId: 'BAR-1', name: 'Bar', kind: 'RECEIPT', host: '192.168.1.50' },
        })
      )['upsertPrinter'],
    ).toEqual({
      printerId: 'BAR-1',
      name: 'Bar',
      kind: 'RECEIPT',
      host: '192.168.1.50',
      port: 9100,
      columns: 42,
    });
    await api.ok(upsert, {
      p: {
        printerId: 'KITCHEN-1',
        name: 'Kitchen',
        kind: 'KITCHEN',
        host: 'kitchen-printer.local',
        port: 9101,
        columns: 48,
      },
    });
    expect((await api.ok('{ printers { printerId kind } }', {}, asWaiter))['printers']).toEqual([
      { printerId: 'BAR-1', kind: 'RECEIPT' },
      { printerId: 'KITCHEN-1', kind: 'KITCHEN' },
    ]);
    const base = { printerId: 'P9', name: 'P9', kind: 'RECEIPT', host: '10.0.0.9' };
    for (const [p, field] of [
      [{ ...base, host: '' }, 'host'],
      [{ ...base, host: 'printer;rm -rf' }, 'host'],
      [{ ...base, host: 'http://10.0.0.9' }, 'host'],
      [{ ...base, port: 0 }, 'port'],
      [{ ...base, port: 65536 }, 'port'],
      [{ ...base, columns: 32 }, 'columns'],
      [{ ...base, name: ' ' }, 'name'],
      [{ ...base, printerId: 'a b' }, 'printerId'],
    ] as const)
      expect(await api.refused(upsert, { p })).toMatchObject({ code: 'BAD_INPUT', field });
    // the schema's enum refuses it before any resolver runs
    expect((await api.refused(upsert, { p: { ...base, kind: 'LABEL' } })).message).toMatch(/PrinterKind/);
    expect((await api.refused(upsert, { p: base }, asWaiter)).code).toBe('FORBIDDEN_FOR_ROLE');

    const update =
      'mutation($id: ID!, $n: String!, $r: ID, $k: ID) { updateTerminal(terminalId: $id, name: $n, receiptPrinterId: $r, kitchenPrinterId: $k) { terminalId name receiptPrinterId kitchenPrinterId } }';
    expect(
      (await api.ok(update, { id: 'T3', n: 'Pass', r: 'BAR-1', k: 'KITCHEN-1' }))['updateTerminal'],
    ).toEqual({
      terminalId: 'T3',
      name: 'Pass',
      receiptPrinterId: 'BAR-1',
      kitchenPrinterId: 'KITCHEN-1',
    });
    expect(await api.refused(update, { id: 'T9', n: 'Pass', r: null, k: null })).toMatchObject({
      code: 'TERMINAL_UNKNOWN',
      field: 'terminalId',
    });
    expect(await api.refused(update, { id: 'T3', n: 'Pass', r: 'NOPE', k: null })).toMatchObject({
      code: 'PRINTER_UNKNOWN',
      field: 'receiptPrinterId',
    });
    expect(await api.refused(update, { id: 'T3', n: 'Pass', r: 'KITCHEN-1', k: null })).toMatchObject({
      code: 'BAD_INPUT',
      field: 'receiptPrinterId',
    });
    expect(await api.refused(update, { id: 'T3', n: 'Pass', r: null, k: 'BAR-1' })).toMatchObject({
      code: 'BAD_INPUT',
      field: 'kitchenPrinterId',
    });
    expect((await api.refused(update, { id: 'T3', n: 'Pass', r: null, k: null }, asWaiter)).code).toBe(
      'FORBIDDEN_FOR_ROLE',
    );
    // refusals changed nothing; null takes a printer away
    expect((await api.ok('{ terminals { terminalId receiptPrinterId } }'))['terminals'][2]).toEqual({
      terminalId: 'T3',
      receiptPrinterId: 'BAR-1',
    });
    expect(
      (await api.ok(update, { id: 'T3', n: 'Pass', r: null, k: null }))['updateTerminal'].receiptPrinterId,
    ).toBeNull();
  });

  it('establishment: the manager changes name, address and the footer printed on VAT tickets only; identity is read-only', async () => {
    const update =
      'mutation($n: String!, $a: String!, $f: String) { updateEstablishment(name: $n, address: $a, ticketFooter: $f) { name address vatNo estNo posId ticketFooter } }';
    expect(
      (await api.ok('{ establishment { name vatNo estNo posId ticketFooter } }', {}, asWaiter))[
        'establishment'
      ],
    ).toEqual({
      name: 'Brasserie Test',
      vatNo: 'BE0000000097',
      estNo: '2000000042',
      posId: 'CPOS0031234567',
      ticketFooter: null,
    });
    const changed = await api.ok(update, {
      n: 'Brasserie Nieuw',
      a: 'Vismarkt 3, 1000 Brussel',
      f: '  Thank you!  \nSee you soon\n',
    });
    expect(changed['updateEstablishment']).toEqual({
      name: 'Brasserie Nieuw',
      address: 'Vismarkt 3, 1000 Brussel',
      vatNo: 'BE0000000097',
      estNo: '2000000042',
      posId: 'CPOS0031234567',
      ticketFooter: 'Thank you!\nSee you soon',
    });
    expect(
      await api.refused(
        'mutation { updateEstablishment(name: "x", address: "y", vatNo: "BE0308357159") { name } }',
      ),
    ).toMatchObject({
      code: 'GRAPHQL_VALIDATION_FAILED',
    });
    for (const [vars, field] of [
      [{ n: '', a: 'Vismarkt 3', f: null }, 'name'],
      [{ n: 'B', a: '  ', f: null }, 'address'],
      [{ n: 'B\u001b', a: 'Vismarkt 3', f: null }, 'name'],
      [{ n: 'B', a: 'Vismarkt 3', f: 'a\nb\nc\nd\ne' }, 'ticketFooter'],
      [{ n: 'B', a: 'Vismarkt 3', f: 'x'.repeat(49) }, 'ticketFooter'],
      [{ n: 'B', a: 'Vismarkt 3', f: 'tab\there' }, 'ticketFooter'],
    ] as const)
      expect(await api.refused(update, vars)).toMatchObject({ code: 'BAD_INPUT', field });
    expect((await api.refused(update, { n: 'B', a: 'C', f: null }, asWaiter)).code).toBe(
      'FORBIDDEN_FOR_ROLE',
    );
    expect((await api.ok('{ pos { establishmentName } }', {}, asWaiter))['pos'].establishmentName).toBe(
      'Brasserie Nieuw',
    );

    const id = (await api.ok('mutation { startRegistration { id } }', {}, asWaiter))['startRegistration'].id;
    await api.ok(
      'mutation($id: ID!) { addLines(registrationId: $id, lines: [{productId: "10010", quantity: 1}]) { total } }',
      { id },
      asWaiter,
    );
    const paid = await api.ok(
      'mutation($id: ID!) { pay(registrationId: $id, payments: [{type: CASH, amount: 3}]) { ticket { id receipt { kind text } } } }',
      { id },
      asWaiter,
    );
    const receipt = paid['pay'].ticket.receipt;
    expect(receipt.kind).toBe('vat-ticket');
    expect(receipt.text).toContain('Brasserie Nieuw');
    expect(
      receipt.text
        .trimEnd()
        .split('\n')
        .slice(-2)
        .map((l: string) => l.trim()),
    ).toEqual(['Thank you!', 'See you soon']);
    const drawer = await api.ok('mutation { openDrawer { receipt { text } } }', {}, asWaiter);
    expect(drawer['openDrawer'].receipt.text).not.toContain('Thank you!');
    // clearing the footer
    expect(
      (await api.ok(update, { n: 'Brasserie Nieuw', a: 'Vismarkt 3, 1000 Brussel', f: ' \n ' }))[
        'updateEstablishment'
      ].ticketFooter,
    ).toBeNull();
    const settingsChanges = (await journal()).filter(
      (e) => e.kind === 'configuration_change' && e.data.includes('"setting":"register"'),
    );
    expect(settingsChanges.at(-2)?.data).toContain('Thank you!');
    expect(settingsChanges.at(-1)?.userId).toBe('bob');
  });
});
