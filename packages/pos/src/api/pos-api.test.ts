import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPosDatabase, type PosDatabaseLocation } from '../db/open-database.js';
import { describeEachBackend } from '../db/test-backends.js';
import { readJournal } from '../journal/journal.js';
import { verifyJournalChain } from '../journal/verify.js';
import { invoiceLedgerCsv, outgoingInvoices } from '../register/invoice-ledger.js';
import type { RegisterRuntime } from '../server/runtime.js';
import {
  initTestRegister,
  openTestRuntime,
  removeDir,
  startTestFdm,
  terminalTokens,
  type TestFdm,
} from '../testing/register-fixture.js';
import { createPosYoga, type PosYoga } from './pos-yoga.js';

// The FOD scenarios end to end: GraphQL requests to the POS API (in process, yoga.fetch), the
// POS signing through a real software FDM over HTTP, on PGlite and on PostgreSQL.

interface Answer {
  data?: Record<string, any> | null; // eslint-disable-line @typescript-eslint/no-explicit-any -- test reads arbitrary GraphQL shapes
  errors?: { message: string; extensions?: { code?: string; details?: Record<string, string> } }[];
}

describeEachBackend('POS API: FOD scenarios against the FDM', (backend) => {
  let fdm: TestFdm;
  let location: PosDatabaseLocation;
  let runtime: RegisterRuntime;
  let yoga: PosYoga;
  let session = '';
  let managerSession = '';

  const gql = async (
    query: string,
    variables: Record<string, unknown> = {},
    auth: { terminal?: string | null; session?: string | null } = {},
  ): Promise<Answer> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const terminal = auth.terminal === undefined ? terminalTokens.T1 : auth.terminal;
    const token = auth.session === undefined ? session : auth.session;
    if (terminal) headers['x-terminal-token'] = terminal;
    if (token) headers['authorization'] = `Bearer ${token}`;
    const response = await yoga.fetch('http://pos.test/graphql', {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Answer;
  };
  /** The data of a request that must succeed. */
  const ok = async (query: string, variables: Record<string, unknown> = {}, auth = {}) => {
    const answer = await gql(query, variables, auth);
    if (answer.errors) throw new Error(JSON.stringify(answer.errors));
    return answer.data ?? {};
  };
  /** The code of a request that must be refused. */
  const refused = async (query: string, variables: Record<string, unknown> = {}, auth = {}) => {
    const answer = await gql(query, variables, auth);
    expect(answer.errors, `expected a refusal of ${query}`).toBeDefined();
    return answer.errors?.[0]?.extensions?.code ?? 'NO_CODE';
  };
  const journalKinds = async () => (await readJournal(runtime.deps.db, 0, 100_000)).map((e) => e.kind);
  const ticketFields =
    'id label operation training outcome total fdmRef { eventLabel eventCounter totalCounter } shortSignature mandatoryMessages receipt { kind text html escPosBase64 }';

  beforeAll(async () => {
    fdm = await startTestFdm();
    location = await backend.fresh();
    await initTestRegister(location, fdm.fdm.url);
    runtime = await openTestRuntime(location);
    const recovered = await runtime.deps.pipeline.recover();
    if (!recovered.ok) throw new Error(recovered.error.message);
    yoga = createPosYoga(runtime);
  });

  afterAll(async () => {
    await runtime?.close();
    await fdm?.stop();
    if (fdm) await removeDir(fdm.dir);
  });

  it('C-24/C-29: the login screen shows posId and version; nothing works without terminal and login', async () => {
    const info = await ok('{ pos { posId softwareVersion terminalName } }', {}, { session: null });
    expect(info['pos']).toEqual({
      posId: 'CPOS0031234567',
      softwareVersion: 'gks-pos 0.1.0',
      terminalName: 'Bar',
    });
    expect(await refused('{ pos { posId } }', {}, { terminal: null })).toBe('TERMINAL_UNKNOWN');
    expect(await refused('{ pos { posId } }', {}, { terminal: 'not-a-registered-terminal-token' })).toBe(
      'TERMINAL_UNKNOWN',
    );
    expect(await refused('mutation { startRegistration { id } }', {}, { session: null })).toBe(
      'NOT_LOGGED_IN',
    );
    expect(await refused('mutation { clockIn { id } }', {}, { session: 'forged-session-token' })).toBe(
      'NOT_LOGGED_IN',
    );
    expect(
      await refused(
        'mutation($a:String!,$p:String!){ login(alias:$a, pin:$p) { sessionToken } }',
        { a: 'Ann', p: '0000' },
        { session: null },
      ),
    ).toBe('LOGIN_FAILED');
    expect(
      await refused(
        'mutation($a:String!,$p:String!){ login(alias:$a, pin:$p) { sessionToken } }',
        { a: 'Nobody', p: '1234' },
        { session: null },
      ),
    ).toBe('LOGIN_FAILED');
    const login = await ok(
      'mutation { login(alias: "Ann", pin: "1234") { sessionToken posId softwareVersion clockedIn user { alias role } } }',
      {},
      { session: null },
    );
    session = login['login'].sessionToken;
    expect(login['login']).toMatchObject({
      posId: 'CPOS0031234567',
      clockedIn: false,
      user: { alias: 'Ann', role: 'waiter' },
    });
    // a session is bound to its terminal
    expect(await refused('{ me { terminalId } }', {}, { terminal: terminalTokens.T2 })).toBe('NOT_LOGGED_IN');
    managerSession = (
      await ok('mutation { login(alias: "Bob", pin: "5678") { sessionToken } }', {}, { session: null })
    )['login'].sessionToken;
    // the INSZ is never returned: the schema has no field for it
    expect(await refused('{ me { user { employeeId } } }')).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('C-29: no registration before clock-in; clock-in is an S event without a print', async () => {
    expect(await refused('mutation { startRegistration { id } }')).toBe('NOT_CLOCKED_IN');
    const clock = await ok(`mutation { clockIn { ${ticketFields} } }`);
    expect(clock['clockIn']).toMatchObject({
      label: 'S',
      operation: 'WORK_IN',
      outcome: 'signed',
      receipt: null,
    });
    expect(await refused('mutation { clockIn { id } }')).toBe('ALREADY_CLOCKED_IN');
    await ok('mutation { clockIn { id } }', {}, { session: managerSession });
  });

  let directSaleId = 0;

  it('direct sale: a signed VAT ticket with its control data, rounding and change', async () => {
    const started = await ok('mutation { startRegistration { id status } }');
    const id = started['startRegistration'].id;
    await ok(
      'mutation($id: ID!) { addLines(registrationId: $id, lines: [{productId: "10006", quantity: 2}, {productId: "22001", quantity: 1}, {productId: "40001", quantity: 1}]) { total } }',
      { id },
    );
    expect(
      await refused(
        'mutation($id: ID!) { pay(registrationId: $id, payments: [{type: CASH, amount: 60}]) { due } }',
        { id },
      ),
    ).toBe('PAYMENT_MISMATCH');
    const paid = await ok(
      `mutation($id: ID!) { pay(registrationId: $id, payments: [{type: CASH, amount: 70}]) { due rounding change ticket { ${ticketFields} } } }`,
      { id },
    );
    const { ticket, due, rounding, change } = paid['pay'];
    expect({ due, rounding, change }).toEqual({ due: 64.35, rounding: -0.02, change: 5.65 });
    expect(ticket).toMatchObject({
      label: 'N',
      operation: 'SALE',
      outcome: 'signed',
      total: 64.33,
      training: false,
    });
    expect(ticket.shortSignature).toMatch(/^[0-9a-f]{40}$/);
    expect(ticket.receipt.kind).toBe('vat-ticket');
    expect(ticket.receipt.html).toContain('BTW-KASTICKET');
    expect(ticket.receipt.html).not.toContain('85010112387'); // never the INSZ (C-29)
    expect(Buffer.from(ticket.receipt.escPosBase64, 'base64').length).toBeGreaterThan(100);
    directSaleId = ticket.id;
  });

  it('table: P orders with a kitchen ticket, transfer, pre-bill, then N with the same cost center; tip apart', async () => {
    const id = (await ok('mutation { startRegistration(costCenterId: "T1") { id } }'))['startRegistration']
      .id;
    expect(await refused('mutation { startRegistration(costCenterId: "T1") { id } }')).toBe(
      'COST_CENTER_OCCUPIED',
    );
    await ok(
      'mutation($id: ID!) { addLines(registrationId: $id, lines: [{productId: "10006", quantity: 2}, {productId: "22001", quantity: 1}]) { total } }',
      { id },
    );
    const order = await ok(
      `mutation($id: ID!) { sendOrder(registrationId: $id) { ticket { ${ticketFields} } kitchen { kind text } } }`,
      { id },
    );
    expect(order['sendOrder'].ticket).toMatchObject({ label: 'P', operation: 'ORDER', total: 52 });
    expect(order['sendOrder'].ticket.receipt.html).toContain('PRO FORMA');
    expect(order['sendOrder'].ticket.receipt.html).toContain('DIT IS GEEN GELDIG BTW-KASTICKET');
    expect(order['sendOrder'].ticket.shortSignature).toBe('');
    expect(order['sendOrder'].kitchen.kind).toBe('kitchen');
    expect(order['sendOrder'].kitchen.text).not.toMatch(/12[,.]00|28[,.]00/);

    const moved = await ok(
      `mutation($id: ID!) { transfer(registrationId: $id, toCostCenterId: "T5") { registrationId ticket { ${ticketFields} } } }`,
      { id },
    );
    expect(moved['transfer'].ticket).toMatchObject({ label: 'P', operation: 'COST_CENTER_CHANGE' });
    expect(moved['transfer'].registrationId).toBe(id);
    const tables = await ok('{ costCenters { costCenterId openRegistrationId } }');
    expect(
      tables['costCenters'].find((c: { costCenterId: string }) => c.costCenterId === 'T5').openRegistrationId,
    ).toBe(id);
    expect(
      tables['costCenters'].find((c: { costCenterId: string }) => c.costCenterId === 'T1').openRegistrationId,
    ).toBeNull();

    const bill = await ok(`mutation($id: ID!) { preBill(registrationId: $id) { ${ticketFields} } }`, { id });
    expect(bill['preBill']).toMatchObject({ label: 'P', operation: 'PRE_BILL', total: 52 });
    const paid = await ok(
      `mutation($id: ID!) { pay(registrationId: $id, payments: [{type: CARD_DEBIT, amount: 52}], tip: {type: CARD_DEBIT, amount: 4}) { ticket { ${ticketFields} } } }`,
      { id },
    );
    expect(paid['pay'].ticket).toMatchObject({ label: 'N', total: 52 });
    const stored = await runtime.deps.db
      .selectFrom('fiscal_event')
      .select('journal_seq')
      .where('journal_seq', '=', paid['pay'].ticket.id)
      .executeTakeFirst();
    expect(stored).toBeDefined();
  });

  it('C-31/C-34: corrections are new negative lines; a price change later leaves registered lines as they were', async () => {
    const id = (await ok('mutation { startRegistration { id } }'))['startRegistration'].id;
    await ok(
      'mutation($id: ID!) { addLines(registrationId: $id, lines: [{productId: "10011", quantity: 3}]) { total } }',
      { id },
    );
    await ok(
      'mutation($p: ProductInput!) { upsertProduct(input: $p) { unitPrice } }',
      {
        p: {
          productId: '10011',
          name: 'Draught beer 33cl',
          departmentId: '11',
          unitPrice: 4.2,
          vatLabel: 'A',
          quantityType: 'PIECE',
        },
      },
      { session: managerSession },
    );
    expect(
      await refused('mutation($p: ProductInput!) { upsertProduct(input: $p) { unitPrice } }', {
        p: {
          productId: '10011',
          name: 'x',
          departmentId: '11',
          unitPrice: 1,
          vatLabel: 'A',
          quantityType: 'PIECE',
        },
      }),
    ).toBe('FORBIDDEN_FOR_ROLE');
    expect(
      await refused(
        'mutation($id: ID!) { correctLine(registrationId: $id, lineNo: 1, quantity: 1, reason: "") { total } }',
        { id },
      ),
    ).toBe('BAD_INPUT');
    expect(
      await refused(
        'mutation($id: ID!) { correctLine(registrationId: $id, lineNo: 1, quantity: 4, reason: "spilt") { total } }',
        { id },
      ),
    ).toBe('QUANTITY_EXCEEDS_OPEN');
    const corrected = await ok(
      'mutation($id: ID!) { correctLine(registrationId: $id, lineNo: 1, quantity: 1, reason: "spilt") { total lines { lineNo quantity unitPrice negQuantityReason reason correctsLine } } }',
      { id },
    );
    expect(corrected['correctLine'].lines).toEqual([
      { lineNo: 1, quantity: 3, unitPrice: 3.8, negQuantityReason: null, reason: null, correctsLine: null },
      {
        lineNo: 2,
        quantity: -1,
        unitPrice: 3.8,
        negQuantityReason: 'CORRECTION',
        reason: 'spilt',
        correctsLine: 1,
      },
    ]);
    expect(
      await refused(
        'mutation($id: ID!) { correctLine(registrationId: $id, lineNo: 2, reason: "again") { total } }',
        { id },
      ),
    ).toBe('LINE_NOT_CORRECTABLE');
    // there is no way to edit or delete a line through the API
    expect(await refused('mutation($id: ID!) { deleteLine(registrationId: $id, lineNo: 1) }', { id })).toBe(
      'GRAPHQL_VALIDATION_FAILED',
    );
    expect(
      await refused('mutation($id: ID!) { updateLine(registrationId: $id, lineNo: 1, quantity: 5) }', { id }),
    ).toBe('GRAPHQL_VALIDATION_FAILED');
    // nor through the database: the application role may not, and the table refuses anyone
    await expect(
      runtime.deps.db
        .updateTable('registration_line')
        .set({ quantity_milli: 5000 })
        .where('registration_id', '=', id)
        .execute(),
    ).rejects.toThrow(/permission denied|refused/);
    await expect(
      runtime.deps.db.deleteFrom('registration_line').where('registration_id', '=', id).execute(),
    ).rejects.toThrow(/permission denied|refused/);
    const owner = await openPosDatabase({ ...location, role: 'owner', migrate: false } as never).catch(
      () => null,
    );
    if (owner && backend.kind === 'postgres') {
      await expect(
        owner.db.updateTable('registration_line').set({ quantity_milli: 5000 }).execute(),
      ).rejects.toThrow(/append-only/);
      await owner.close();
    } else await owner?.close();
    const paid = await ok(
      `mutation($id: ID!) { pay(registrationId: $id, payments: [{type: CASH, amount: 7.6}]) { ticket { ${ticketFields} } } }`,
      { id },
    );
    expect(paid['pay'].ticket.total).toBe(7.6); // 2 x 3.80, not the new price
    await ok(
      'mutation($p: ProductInput!) { upsertProduct(input: $p) { unitPrice } }',
      {
        p: {
          productId: '10011',
          name: 'Draught beer 33cl',
          departmentId: '11',
          unitPrice: 3.8,
          vatLabel: 'A',
          quantityType: 'PIECE',
        },
      },
      { session: managerSession },
    );
    expect(await journalKinds()).toContain('price_change');
  });

  it('C-8: refund as a separate N with negative lines and the original fdmRef', async () => {
    const refund = await ok(
      `mutation($t: Int!) { refund(ticketId: $t, lines: [{lineNo: 1, quantity: 1}], payments: [{type: CASH, amount: -12}]) { ticket { ${ticketFields} } } }`,
      { t: directSaleId },
    );
    expect(refund['refund'].ticket).toMatchObject({ label: 'N', total: -12 });
    expect(refund['refund'].ticket.receipt.html).toContain('REFUND');
    expect(
      await refused(
        'mutation($t: Int!) { refund(ticketId: $t, lines: [{lineNo: 1, quantity: 2}], payments: [{type: CASH, amount: -24}]) { due } }',
        { t: directSaleId },
      ),
    ).toBe('QUANTITY_EXCEEDS_OPEN');
  });

  it('C-8/C-27/C-31: training is labelled T everywhere and the mode cannot change during a registration', async () => {
    await ok('mutation { setTrainingMode(scope: USER, training: true) { user } }');
    const id = (await ok('mutation { startRegistration { id training } }'))['startRegistration'].id;
    await ok(
      'mutation($id: ID!) { addLines(registrationId: $id, lines: [{productId: "10010", quantity: 1}]) { total } }',
      { id },
    );
    expect(await refused('mutation { setTrainingMode(scope: USER, training: false) { user } }')).toBe(
      'MODE_CHANGE_DURING_REGISTRATION',
    );
    const paid = await ok(
      `mutation($id: ID!) { pay(registrationId: $id, payments: [{type: CASH, amount: 3}]) { ticket { ${ticketFields} } } }`,
      { id },
    );
    expect(paid['pay'].ticket).toMatchObject({ label: 'T', training: true });
    expect(paid['pay'].ticket.fdmRef.eventLabel).toBe('T');
    expect(paid['pay'].ticket.receipt.kind).toBe('training');
    expect(paid['pay'].ticket.receipt.html).toContain('TRAINING');
    expect(paid['pay'].ticket.receipt.html).toContain('DIT IS GEEN GELDIG BTW-KASTICKET');
    // a training sale started; switch back, then the normal-mode user cannot continue a training registration
    const other = (await ok('mutation { startRegistration { id } }'))['startRegistration'].id;
    await ok(
      'mutation($id: ID!) { cancelRegistration(registrationId: $id, reason: "training over") { ticket { label total } } }',
      { id: other },
    );
    await ok('mutation { setTrainingMode(scope: USER, training: false) { user } }');
  });

  it('C-33: a copy only through signCopy, once; a training ticket is no VAT ticket to copy as such', async () => {
    const copy = await ok(`mutation($t: Int!) { copyTicket(ticketId: $t) { ${ticketFields} } }`, {
      t: directSaleId,
    });
    expect(copy['copyTicket']).toMatchObject({ label: 'C', operation: 'COPY' });
    expect(copy['copyTicket'].receipt.html).toContain('KOPIE');
    expect(copy['copyTicket'].receipt.html).toContain('DIT IS GEEN GELDIG BTW-KASTICKET');
    expect(await refused('mutation($t: Int!) { copyTicket(ticketId: $t) { id } }', { t: directSaleId })).toBe(
      'COPY_ALREADY_MADE',
    );
    expect(await refused('mutation { copyTicket(ticketId: 999999) { id } }')).toBe('UNKNOWN_TICKET');
  });

  it('C-45ter: an invoice from an earlier sale, with its own number, once', async () => {
    const made = await ok(
      `mutation($t: [Int!]!) { invoice(ticketIds: $t, customer: {name: "ACME NV", address: "Kerkstraat 2, 9000 Gent", vatNo: "BE0308357159"}) { invoiceNo ticket { ${ticketFields} } } }`,
      { t: [directSaleId] },
    );
    expect(made['invoice'].invoiceNo).toBe('INV000001');
    expect(made['invoice'].ticket).toMatchObject({ label: 'I', operation: 'INVOICE' });
    expect(made['invoice'].ticket.receipt.html).toContain('FACTUUR');
    const ledger = await outgoingInvoices(runtime.deps.db);
    expect(ledger).toHaveLength(1);
    expect(invoiceLedgerCsv(ledger)).toMatch(
      /^invoice_no,.*\nINV000001,[^\n]*,ACME NV,"Kerkstraat 2, 9000 Gent",BE0308357159,64\.33,FOD01000001 I 1\/\d+,FOD01000001 N \d+\/\d+\n$/,
    );
    expect(
      await refused(
        'mutation($t: [Int!]!) { invoice(ticketIds: $t, customer: {name: "ACME NV", address: "x", vatNo: "BE0308357159"}) { invoiceNo } }',
        { t: [directSaleId] },
      ),
    ).toBe('ALREADY_INVOICED');
    expect(
      await refused(
        'mutation($t: [Int!]!) { invoice(ticketIds: $t, customer: {name: "ACME NV", address: "x", vatNo: "BE 0308.357.159"}) { invoiceNo } }',
        { t: [directSaleId] },
      ),
    ).toBe('BAD_INPUT');
  });

  it('F events: money in/out, drawer declaration, drawer open, payment correction', async () => {
    const moneyIn = await ok(`mutation { moneyInOut(amount: 100, kind: MONEY_IN_OUT) { ${ticketFields} } }`);
    expect(moneyIn['moneyInOut']).toMatchObject({ label: 'F', operation: 'MONEY_IN_OUT' });
    expect(moneyIn['moneyInOut'].receipt.kind).toBe('financial-slip');
    await ok('mutation { moneyInOut(amount: -20, kind: MONEY_IN_OUT) { id } }');
    await ok('mutation { moneyInOut(amount: 1000, kind: DRAWER_DECLARATION) { id } }');
    expect(await refused('mutation { moneyInOut(amount: 0.001, kind: MONEY_IN_OUT) { id } }')).toBe(
      'BAD_INPUT',
    );
    const drawer = await ok('mutation { openDrawer { label operation } }');
    expect(drawer['openDrawer']).toEqual({ label: 'F', operation: 'DRAWER_OPEN' });
    const correction = await ok(
      'mutation($t: Int!) { correctPayment(ticketId: $t, from: CASH, to: CARD_CREDIT, amount: 64.35) { label operation } }',
      { t: directSaleId },
    );
    expect(correction['correctPayment']).toEqual({ label: 'F', operation: 'PAYMENT_CORRECTION' });
    expect(
      await refused(
        'mutation($t: Int!) { correctPayment(ticketId: $t, from: CASH, to: CARD_CREDIT, amount: 500) { id } }',
        { t: directSaleId },
      ),
    ).toBe('PAYMENT_MISMATCH');
  });

  it('C-26/C-32/B-4: no sale while the FDM refuses; the incident is journaled with its cause; then it signs again', async () => {
    const id = (await ok('mutation { startRegistration { id } }'))['startRegistration'].id;
    await ok(
      'mutation($id: ID!) { addLines(registrationId: $id, lines: [{productId: "22002", quantity: 1}]) { total } }',
      { id },
    );
    await fdm.faults({ notOperational: true });
    const answer = await gql(
      `mutation($id: ID!) { pay(registrationId: $id, payments: [{type: CASH, amount: 18.5}]) { ticket { id } } }`,
      { id },
    );
    expect(answer.errors?.[0]?.extensions?.code).toBe('FDM_NOT_OPERATIONAL');
    expect(answer.errors?.[0]?.message).toMatch(/paper VAT receipts/);
    const state = await ok('{ fdmState { operational incidentCause message } }');
    expect(state['fdmState']).toMatchObject({
      operational: false,
      incidentCause: expect.stringContaining('FDM_NOT_OPERATIONAL'),
    });
    // the refused event is journaled, unsigned: no VAT ticket can be printed for it (C-32)
    const last = await ok(`{ tickets(limit: 1) { outcome label receipt { text } } }`);
    expect(last['tickets'][0]).toEqual({ outcome: 'refused', label: 'N', receipt: null });
    expect(
      (await ok('query($id: ID!) { registration(id: $id) { status } }', { id }))['registration'].status,
    ).toBe('open');
    await fdm.faults(null);
    const paid = await ok(
      `mutation($id: ID!) { pay(registrationId: $id, payments: [{type: CASH, amount: 18.5}]) { ticket { label outcome } } }`,
      { id },
    );
    expect(paid['pay'].ticket).toEqual({ label: 'N', outcome: 'signed' });
    const kinds = await journalKinds();
    expect(kinds.filter((k) => k === 'fdm_incident_start')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'fdm_incident_end')).toHaveLength(1);
    expect((await ok('{ fdmState { operational } }'))['fdmState'].operational).toBe(true);
  });

  it('C-26: the FDM unreachable keeps the sale pending; once back, it is completed exactly once', async () => {
    const id = (await ok('mutation { startRegistration { id } }'))['startRegistration'].id;
    await ok(
      'mutation($id: ID!) { addLines(registrationId: $id, lines: [{productId: "30001", quantity: 2}]) { total } }',
      { id },
    );
    const port = fdm.fdm.port;
    const signedBefore = fdm.fdm.engine.eventCounter('N');
    await fdm.stop();
    expect(
      await refused(
        `mutation($id: ID!) { pay(registrationId: $id, payments: [{type: CASH, amount: 19}]) { due } }`,
        { id },
      ),
    ).toBe('FDM_NOT_OPERATIONAL');
    expect(
      await refused(
        'mutation($id: ID!) { addLines(registrationId: $id, lines: [{productId: "30001", quantity: 1}]) { total } }',
        { id },
      ),
    ).toBe('FDM_NOT_OPERATIONAL');
    expect((await ok('{ fdmState { pendingEvents operational } }'))['fdmState']).toEqual({
      pendingEvents: 1,
      operational: false,
    });
    fdm = await startTestFdm({ dir: fdm.dir, port });
    // the next operation first resends the pending sale, byte for byte
    const info = await ok('query($id: ID!) { registration(id: $id) { status } }', { id });
    expect(info['registration'].status).toBe('busy');
    await ok('mutation { openDrawer { id } }');
    expect(
      (await ok('query($id: ID!) { registration(id: $id) { status } }', { id }))['registration'].status,
    ).toBe('closed');
    expect(fdm.fdm.engine.eventCounter('N')).toBe(signedBefore + 1);
    expect(
      await refused(
        `mutation($id: ID!) { pay(registrationId: $id, payments: [{type: CASH, amount: 19}]) { due } }`,
        { id },
      ),
    ).toBe('REGISTRATION_CLOSED');
  });

  it('C-46..C-51: X and Z reports signed as R events; a Z needs a manager and takes the next number', async () => {
    const x = await ok(
      `mutation { report(scope: TURNOVER, type: X) { ticket { label operation } receipt { kind html } } }`,
    );
    expect(x['report'].ticket).toEqual({ label: 'R', operation: 'REPORT_TURNOVER_X' });
    expect(x['report'].receipt.kind).toBe('report');
    expect(await refused('mutation { report(scope: TURNOVER, type: Z) { ticket { id } } }')).toBe(
      'FORBIDDEN_FOR_ROLE',
    );
    const z = await ok(
      `mutation { report(scope: TURNOVER, type: Z) { ticket { id label operation } receipt { html } } }`,
      {},
      { session: managerSession },
    );
    expect(z['report'].ticket).toMatchObject({ label: 'R', operation: 'REPORT_TURNOVER_Z' });
    expect(z['report'].receipt.html).toContain('FINANCIEEL');
    const users = await ok(
      `mutation { report(scope: USERS, type: Z) { ticket { operation } } }`,
      {},
      { session: managerSession },
    );
    expect(users['report'].ticket.operation).toBe('REPORT_USER_Z');
    const second = await runtime.deps.db
      .selectFrom('fiscal_event')
      .select('journal_seq')
      .where('event_operation', '=', 'REPORT_TURNOVER_Z')
      .execute();
    expect(second).toHaveLength(1);
    // a copy of a Z goes through signCopy too
    const copy = await ok(`mutation($t: Int!) { copyTicket(ticketId: $t) { label receipt { kind html } } }`, {
      t: z['report'].ticket.id,
    });
    expect(copy['copyTicket'].label).toBe('C');
    expect(copy['copyTicket'].receipt.kind).toBe('copy');
    expect(copy['copyTicket'].receipt.html).toContain('KOPIE');
    expect(copy['copyTicket'].receipt.html).toContain('FINANCIEEL');
  });

  it('MANDATORY messages of the FDM reach the UI with the ticket', async () => {
    await fdm.faults({ buffer: 'near-full' });
    const drawer = await ok('mutation { openDrawer { label mandatoryMessages } }');
    await fdm.faults(null);
    expect(drawer['openDrawer'].label).toBe('F');
    expect(drawer['openDrawer'].mandatoryMessages.length).toBeGreaterThan(0);
  });

  it('clock out, and every started registration ended in a ticket; the journal chain holds', async () => {
    const out = await ok('mutation { clockOut { label operation } }');
    expect(out['clockOut']).toEqual({ label: 'S', operation: 'WORK_OUT' });
    expect(await refused('mutation { startRegistration { id } }')).toBe('NOT_CLOCKED_IN');
    expect((await ok('{ openRegistrations { id } }'))['openRegistrations']).toEqual([]);
    expect((await verifyJournalChain(runtime.deps.db)).ok).toBe(true);
    const kinds = await journalKinds();
    expect(kinds).toContain('login');
    expect(kinds).toContain('master_data_change');
  });

  it('booking periods: a manager closes the shift once nothing is open, and opens the next one', async () => {
    expect(await refused('mutation { closeBookingPeriod { bookingPeriodId } }')).toBe('FORBIDDEN_FOR_ROLE');
    const open = (await ok('mutation { startRegistration { id } }', {}, { session: managerSession }))[
      'startRegistration'
    ].id;
    expect(
      await refused('mutation { closeBookingPeriod { bookingPeriodId } }', {}, { session: managerSession }),
    ).toBe('OPEN_REGISTRATIONS');
    await ok(
      'mutation($id: ID!) { cancelRegistration(registrationId: $id, reason: "end of shift") { ticket { total } } }',
      { id: open },
      { session: managerSession },
    );
    const closed = await ok(
      'mutation { closeBookingPeriod { bookingPeriodId } }',
      {},
      { session: managerSession },
    );
    expect(await refused('mutation { startRegistration { id } }', {}, { session: managerSession })).toBe(
      'NO_OPEN_BOOKING_PERIOD',
    );
    const next = await ok(
      'mutation { openBookingPeriod { bookingPeriodId bookingDate } }',
      {},
      { session: managerSession },
    );
    expect(next['openBookingPeriod'].bookingPeriodId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(next['openBookingPeriod'].bookingPeriodId).not.toBe(closed['closeBookingPeriod'].bookingPeriodId);
    expect(
      await refused('mutation { openBookingPeriod { bookingPeriodId } }', {}, { session: managerSession }),
    ).toBe('BOOKING_PERIOD_ALREADY_OPEN');
  });
});
