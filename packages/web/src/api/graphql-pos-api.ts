import { graphql, type ApiError, type Credentials } from './client.js';
import { toCents, toEuros } from './money.js';
import type { Answer, LineMove, PosApi } from './pos-api.js';
import { ok, type Result } from './result.js';
import type {
  Department,
  Establishment,
  Floor,
  Me,
  OrderLine,
  PaymentResult,
  Place,
  PlaceStatus,
  Printer,
  PrinterKind,
  Product,
  QuantityType,
  Registration,
  Role,
  TerminalInfo,
  Tender,
  Ticket,
  User,
  VatLabel,
} from './types.js';

// ------------------------------------------------------------------ wire shapes (euros)

interface WireUser {
  userId: string;
  alias: string;
  role: string;
  training: boolean;
}
interface WireLine {
  lineNo: number;
  origin: string;
  productId: string;
  productName: string;
  quantity: number;
  quantityType: string;
  unitPrice: number;
  vatLabel: string;
  lineTotal: number;
  negQuantityReason: string | null;
  reason: string | null;
  correctsLine: number | null;
  priceChangeName: string | null;
  priceChangeAmount: number | null;
  note: string | null;
}
interface WireRegistration {
  id: string;
  kind: string;
  costCenterId: string | null;
  training: boolean;
  status: string;
  lines: WireLine[];
  total: number;
  signedUpTo: number;
  preBilled: boolean;
}
interface WireReceipt {
  kind: string;
  text: string;
  html: string;
  escPosBase64: string;
}
interface WireTicket {
  id: number;
  posFiscalTicketNo: number;
  label: string;
  operation: string;
  training: boolean;
  outcome: string;
  fdmRef: { fdmDateTime: string; eventLabel: string; eventCounter: number; totalCounter: number } | null;
  total: number | null;
  mandatoryMessages: string[];
  receipt: WireReceipt | null;
}
interface WirePayment {
  ticket: WireTicket;
  due: number;
  rounding: number;
  change: number;
}
interface WireCostCenter {
  costCenterId: string;
  name: string;
  type: string;
  openRegistrationId: string | null;
  floorId: string | null;
  state: string;
  active: boolean;
}
interface WireTerminal {
  terminalId: string;
  name: string;
  deviceId: string;
  training: boolean;
  receiptPrinterId: string | null;
  kitchenPrinterId: string | null;
  active: boolean;
}
interface WireProduct {
  productId: string;
  name: string;
  departmentId: string;
  unitPrice: number;
  vatLabel: string;
  quantityType: string;
  active: boolean;
}

const userFields = 'userId alias role training';
const registrationFields = `id kind costCenterId training status total signedUpTo preBilled
  lines { lineNo origin productId productName quantity quantityType unitPrice vatLabel lineTotal
          negQuantityReason reason correctsLine priceChangeName priceChangeAmount note }`;
const receiptFields = 'receipt { kind text html escPosBase64 }';
const ticketFields = `id posFiscalTicketNo label operation training outcome total mandatoryMessages
  fdmRef { fdmDateTime eventLabel eventCounter totalCounter } ${receiptFields}`;
const paymentFields = `ticket { ${ticketFields} } due rounding change`;
const productFields = 'productId name departmentId unitPrice vatLabel quantityType active';
const costCenterFields = 'costCenterId name type openRegistrationId floorId state active';
const floorFields = 'floorId name position active';
const printerFields = 'printerId name kind host port columns active';
const terminalFields = 'terminalId name deviceId training receiptPrinterId kitchenPrinterId active';
const establishmentFields = 'name address vatNo estNo posId ticketFooter';

// ------------------------------------------------------------------ wire to screen

const roles: readonly Role[] = ['waiter', 'manager', 'technician'];
const asRole = (role: string): Role =>
  (roles as readonly string[]).includes(role) ? (role as Role) : 'waiter';

const user = (wire: WireUser): User => ({
  userId: wire.userId,
  alias: wire.alias,
  role: asRole(wire.role),
  training: wire.training,
});

const line = (wire: WireLine, signedUpTo: number): OrderLine => ({
  lineNo: wire.lineNo,
  productId: wire.productId,
  productName: wire.productName,
  quantity: wire.quantity,
  quantityType: wire.quantityType as QuantityType,
  unitPriceCents: toCents(wire.unitPrice),
  lineTotalCents: toCents(wire.lineTotal),
  vatLabel: wire.vatLabel as VatLabel,
  origin: wire.origin,
  correctsLine: wire.correctsLine,
  reason: wire.reason,
  negReason: wire.negQuantityReason,
  priceChangeName: wire.priceChangeName,
  priceChangeCents: wire.priceChangeAmount === null ? null : toCents(wire.priceChangeAmount),
  sent: wire.lineNo <= signedUpTo,
  note: wire.note,
});

const registration = (wire: WireRegistration): Registration => ({
  registrationId: wire.id,
  kind: wire.kind,
  costCenterId: wire.costCenterId,
  training: wire.training,
  status: wire.status,
  lines: wire.lines.map((l) => line(l, wire.signedUpTo)),
  totalCents: toCents(wire.total),
  signedUpTo: wire.signedUpTo,
  preBilled: wire.preBilled,
});

const ticket = (wire: WireTicket): Ticket => ({
  id: wire.id,
  ticketNo: wire.posFiscalTicketNo,
  label: wire.label,
  operation: wire.operation,
  training: wire.training,
  outcome: wire.outcome,
  fdmDateTime: wire.fdmRef?.fdmDateTime ?? null,
  counter: wire.fdmRef
    ? `${wire.fdmRef.eventCounter}/${wire.fdmRef.totalCounter} ${wire.fdmRef.eventLabel}`
    : null,
  totalCents: wire.total === null ? null : toCents(wire.total),
  mandatoryMessages: wire.mandatoryMessages,
  receipt: wire.receipt,
});

const payment = (wire: WirePayment): PaymentResult => ({
  ticket: ticket(wire.ticket),
  dueCents: toCents(wire.due),
  roundingCents: toCents(wire.rounding),
  changeCents: toCents(wire.change),
});

const product = (wire: WireProduct): Product => ({
  productId: wire.productId,
  name: wire.name,
  departmentId: wire.departmentId,
  unitPriceCents: toCents(wire.unitPrice),
  vatLabel: wire.vatLabel as VatLabel,
  quantityType: wire.quantityType as QuantityType,
  active: wire.active,
});

const placeStatuses: readonly PlaceStatus[] = ['FREE', 'OCCUPIED', 'PRE_BILLED'];

const place = (wire: WireCostCenter): Place => ({
  costCenterId: wire.costCenterId,
  name: wire.name,
  type: wire.type,
  registrationId: wire.openRegistrationId,
  floorId: wire.floorId,
  active: wire.active,
  // An unknown state from a newer server still shows the table as taken when it has an order.
  status: (placeStatuses as readonly string[]).includes(wire.state)
    ? (wire.state as PlaceStatus)
    : wire.openRegistrationId
      ? 'OCCUPIED'
      : 'FREE',
});

const printer = (wire: Printer): Printer => ({
  ...wire,
  kind: (wire.kind === 'KITCHEN' ? 'KITCHEN' : 'RECEIPT') satisfies PrinterKind,
});

const terminal = (wire: WireTerminal): TerminalInfo => ({ ...wire });

const tender = (t: Tender) => ({ type: t.type, amount: toEuros(t.amountCents) });
const moves = (lines: readonly LineMove[] | null) =>
  lines === null ? null : lines.map((m) => ({ lineNo: m.lineNo, quantity: m.quantity }));

function map<T, U>(answer: Result<T, ApiError>, f: (value: T) => U): Result<U, ApiError> {
  return answer.ok ? ok(f(answer.value)) : answer;
}

/** The PosApi over the POS server's GraphQL endpoint on the same origin. */
export function createGraphqlPosApi(credentials: () => Credentials): PosApi {
  const run = <T>(query: string, variables: Record<string, unknown> = {}) =>
    graphql<T>(credentials(), query, variables);

  const me = async (): Answer<Me> =>
    map(
      await run<{ me: { user: WireUser; training: boolean; clockedIn: boolean } }>(
        `query { me { user { ${userFields} } training clockedIn } }`,
      ),
      ({ me: m }) => ({
        ...user(m.user),
        clockedIn: m.clockedIn,
        training: m.training,
        userTraining: m.user.training,
      }),
    );

  return {
    identity: async () =>
      map(
        await run<{
          pos: {
            posId: string;
            softwareVersion: string;
            establishmentName: string;
            establishmentAddress: string;
            vatNo: string;
            terminalId: string;
            terminalName: string;
          };
        }>(
          'query { pos { posId softwareVersion establishmentName establishmentAddress vatNo terminalId terminalName } }',
        ),
        (data) => data.pos,
      ),

    loginUsers: async () =>
      map(
        await run<{ loginUsers: { userId: string; alias: string; role: string }[] }>(
          'query { loginUsers { userId alias role } }',
        ),
        (d) => d.loginUsers.map((u) => ({ userId: u.userId, alias: u.alias, role: asRole(u.role) })),
      ),

    login: async (alias, pin) => {
      const answer = await run<{ login: { sessionToken: string; user: WireUser; clockedIn: boolean } }>(
        `mutation ($alias: String!, $pin: String!) {
           login(alias: $alias, pin: $pin) { sessionToken clockedIn user { ${userFields} } } }`,
        { alias, pin },
      );
      if (!answer.ok) return answer;
      const { sessionToken, user: u, clockedIn } = answer.value.login;
      // The effective training mode (terminal or user) comes with `me`, asked with the new token.
      const full = await graphql<{ me: { training: boolean } }>(
        { ...credentials(), sessionToken },
        'query { me { training } }',
      );
      const training = full.ok ? full.value.me.training : u.training;
      return ok({ sessionToken, me: { ...user(u), clockedIn, training, userTraining: u.training } });
    },

    logout: async () => map(await run<{ logout: boolean }>('mutation { logout }'), (d) => d.logout),
    me,

    fdmState: async () =>
      map(
        await run<{
          fdmState: {
            operational: boolean;
            incidentSince: string | null;
            incidentCause: string | null;
            pendingEvents: number;
            message: string | null;
          };
        }>('query { fdmState { operational incidentSince incidentCause pendingEvents message } }'),
        ({ fdmState: f }) => ({
          operational: f.operational,
          problem: f.incidentCause,
          since: f.incidentSince,
          pendingEvents: f.pendingEvents,
        }),
      ),

    clockIn: async () =>
      map(await run<{ clockIn: WireTicket }>(`mutation { clockIn { ${ticketFields} } }`), (d) =>
        ticket(d.clockIn),
      ),
    clockOut: async () =>
      map(await run<{ clockOut: WireTicket }>(`mutation { clockOut { ${ticketFields} } }`), (d) =>
        ticket(d.clockOut),
      ),

    setTraining: async (scope, training) =>
      map(
        await run<{ setTrainingMode: { terminal: boolean; user: boolean } }>(
          'mutation ($scope: TrainingScope!, $training: Boolean!) { setTrainingMode(scope: $scope, training: $training) { terminal user } }',
          { scope, training },
        ),
        (d) => d.setTrainingMode,
      ),

    catalog: async () =>
      map(
        await run<{ catalog: { departments: Department[]; products: WireProduct[] } }>(
          `query { catalog { departments { departmentId name } products { ${productFields} } } }`,
        ),
        ({ catalog }) => ({ departments: catalog.departments, products: catalog.products.map(product) }),
      ),

    places: async () =>
      map(
        await run<{ costCenters: WireCostCenter[] }>(`query { costCenters { ${costCenterFields} } }`),
        (d) => d.costCenters.map(place),
      ),

    floors: async () =>
      map(await run<{ floors: Floor[] }>(`query { floors { ${floorFields} } }`), (d) => d.floors),

    openRegistrations: async () =>
      map(
        await run<{ openRegistrations: WireRegistration[] }>(
          `query { openRegistrations { ${registrationFields} } }`,
        ),
        (d) => d.openRegistrations.map(registration),
      ),

    startRegistration: async (costCenterId, proForma = false) =>
      map(
        await run<{ startRegistration: WireRegistration }>(
          `mutation ($costCenterId: ID, $proForma: Boolean) {
             startRegistration(costCenterId: $costCenterId, proForma: $proForma) { ${registrationFields} } }`,
          { costCenterId, proForma },
        ),
        (d) => registration(d.startRegistration),
      ),

    registration: async (id) =>
      map(
        await run<{ registration: WireRegistration | null }>(
          `query ($id: ID!) { registration(id: $id) { ${registrationFields} } }`,
          { id },
        ),
        (d) => (d.registration ? registration(d.registration) : null),
      ),

    addLine: async (registrationId, productId, quantity, note = null) =>
      map(
        await run<{ addLines: WireRegistration }>(
          `mutation ($registrationId: ID!, $lines: [LineEntryInput!]!) {
             addLines(registrationId: $registrationId, lines: $lines) { ${registrationFields} } }`,
          { registrationId, lines: [note ? { productId, quantity, note } : { productId, quantity }] },
        ),
        (d) => registration(d.addLines),
      ),

    setLineNote: async (registrationId, lineNo, note) =>
      map(
        await run<{ setLineNote: WireRegistration }>(
          `mutation ($registrationId: ID!, $lineNo: Int!, $note: String) {
             setLineNote(registrationId: $registrationId, lineNo: $lineNo, note: $note) { ${registrationFields} } }`,
          { registrationId, lineNo, note },
        ),
        (d) => registration(d.setLineNote),
      ),

    correctLine: async (registrationId, lineNo, quantity, reason) =>
      map(
        await run<{ correctLine: WireRegistration }>(
          `mutation ($registrationId: ID!, $lineNo: Int!, $quantity: Float, $reason: String!) {
             correctLine(registrationId: $registrationId, lineNo: $lineNo, quantity: $quantity, reason: $reason) {
               ${registrationFields} } }`,
          { registrationId, lineNo, quantity, reason },
        ),
        (d) => registration(d.correctLine),
      ),

    sendOrder: async (registrationId) =>
      map(
        await run<{
          sendOrder: { ticket: WireTicket; kitchen: WireReceipt | null; kitchenPrinted: boolean };
        }>(
          `mutation ($registrationId: ID!) {
             sendOrder(registrationId: $registrationId) {
               ticket { ${ticketFields} } kitchen { kind text html escPosBase64 } kitchenPrinted } }`,
          { registrationId },
        ),
        (d) => ({
          ticket: ticket(d.sendOrder.ticket),
          kitchen: d.sendOrder.kitchen,
          kitchenPrinted: d.sendOrder.kitchenPrinted,
        }),
      ),

    preBill: async (registrationId) =>
      map(
        await run<{ preBill: WireTicket }>(
          `mutation ($registrationId: ID!) { preBill(registrationId: $registrationId) { ${ticketFields} } }`,
          { registrationId },
        ),
        (d) => ticket(d.preBill),
      ),

    transfer: async (registrationId, toCostCenterId, lines) =>
      map(
        await run<{ transfer: { ticket: WireTicket; registrationId: string; sourceClosed: boolean } }>(
          `mutation ($registrationId: ID!, $to: ID!, $lines: [MoveLineInput!]) {
             transfer(registrationId: $registrationId, toCostCenterId: $to, lines: $lines) {
               ticket { ${ticketFields} } registrationId sourceClosed } }`,
          { registrationId, to: toCostCenterId, lines: moves(lines) },
        ),
        (d) => ({
          ticket: ticket(d.transfer.ticket),
          registrationId: d.transfer.registrationId,
          sourceClosed: d.transfer.sourceClosed,
        }),
      ),

    pay: async (registrationId, tenders, tip) =>
      map(
        await run<{ pay: WirePayment }>(
          `mutation ($registrationId: ID!, $payments: [TenderInput!]!, $tip: TenderInput) {
             pay(registrationId: $registrationId, payments: $payments, tip: $tip) { ${paymentFields} } }`,
          { registrationId, payments: tenders.map(tender), tip: tip ? tender(tip) : null },
        ),
        (d) => payment(d.pay),
      ),

    cancelRegistration: async (registrationId, reason) =>
      map(
        await run<{ cancelRegistration: WirePayment }>(
          `mutation ($registrationId: ID!, $reason: String!) {
             cancelRegistration(registrationId: $registrationId, reason: $reason) { ${paymentFields} } }`,
          { registrationId, reason },
        ),
        (d) => payment(d.cancelRegistration),
      ),

    tickets: async (limit) =>
      map(
        await run<{ tickets: WireTicket[] }>(
          `query ($limit: Int) { tickets(limit: $limit) { id posFiscalTicketNo label operation training outcome total
             mandatoryMessages fdmRef { fdmDateTime eventLabel eventCounter totalCounter } } }`,
          { limit },
        ),
        (d) => d.tickets.map((t) => ticket({ ...t, receipt: null })),
      ),

    ticket: async (id) =>
      map(
        await run<{ ticket: WireTicket | null }>(
          `query ($id: Int!) { ticket(id: $id) { ${ticketFields} } }`,
          { id },
        ),
        (d) => (d.ticket ? ticket(d.ticket) : null),
      ),

    refund: async (ticketId, lines, tenders) =>
      map(
        await run<{ refund: WirePayment }>(
          `mutation ($ticketId: Int!, $lines: [MoveLineInput!], $payments: [TenderInput!]!) {
             refund(ticketId: $ticketId, lines: $lines, payments: $payments) { ${paymentFields} } }`,
          { ticketId, lines: moves(lines), payments: tenders.map(tender) },
        ),
        (d) => payment(d.refund),
      ),

    copyTicket: async (ticketId) =>
      map(
        await run<{ copyTicket: WireTicket }>(
          `mutation ($ticketId: Int!) { copyTicket(ticketId: $ticketId) { ${ticketFields} } }`,
          { ticketId },
        ),
        (d) => ticket(d.copyTicket),
      ),

    printKitchenTicket: async (ticketId, printerId) =>
      map(
        await run<{ printKitchenTicket: { printerId: string; bytes: number; reprint: boolean } }>(
          `mutation ($ticketId: Int!, $printerId: ID) {
             printKitchenTicket(ticketId: $ticketId, printerId: $printerId) { printerId bytes reprint } }`,
          { ticketId, printerId },
        ),
        (d) => d.printKitchenTicket,
      ),

    printTicket: async (ticketId, printerId) =>
      map(
        await run<{ printTicket: { printerId: string; bytes: number } }>(
          `mutation ($ticketId: Int!, $printerId: ID) {
             printTicket(ticketId: $ticketId, printerId: $printerId) { printerId bytes } }`,
          { ticketId, printerId },
        ),
        (d) => d.printTicket,
      ),

    invoice: async (ticketIds, customer) =>
      map(
        await run<{ invoice: { ticket: WireTicket; invoiceNo: string } }>(
          `mutation ($ticketIds: [Int!]!, $customer: CustomerInput!) {
             invoice(ticketIds: $ticketIds, customer: $customer) { ticket { ${ticketFields} } invoiceNo } }`,
          { ticketIds, customer },
        ),
        (d) => ({ ticket: ticket(d.invoice.ticket), invoiceNo: d.invoice.invoiceNo }),
      ),

    moneyInOut: async (amountCents) =>
      map(
        await run<{ moneyInOut: WireTicket }>(
          `mutation ($amount: Float!) { moneyInOut(amount: $amount, kind: MONEY_IN_OUT) { ${ticketFields} } }`,
          { amount: toEuros(amountCents) },
        ),
        (d) => ticket(d.moneyInOut),
      ),

    drawerDeclaration: async (countedCents) =>
      map(
        await run<{ moneyInOut: WireTicket }>(
          `mutation ($amount: Float!) { moneyInOut(amount: $amount, kind: DRAWER_DECLARATION) { ${ticketFields} } }`,
          { amount: toEuros(countedCents) },
        ),
        (d) => ticket(d.moneyInOut),
      ),

    openDrawer: async () =>
      map(await run<{ openDrawer: WireTicket }>(`mutation { openDrawer { ${ticketFields} } }`), (d) =>
        ticket(d.openDrawer),
      ),

    // Both reports of C-46: the financial one first, then the users one, each its own R event.
    report: async (type) => {
      const made: Ticket[] = [];
      for (const scope of ['TURNOVER', 'USERS'] as const) {
        const answer = await run<{ report: { ticket: WireTicket; receipt: WireReceipt | null } }>(
          `mutation ($scope: ReportScope!, $type: ReportType!) {
             report(scope: $scope, type: $type) { ticket { ${ticketFields} } receipt { kind text html escPosBase64 } } }`,
          { scope, type },
        );
        if (!answer.ok) return answer;
        const { ticket: t, receipt } = answer.value.report;
        made.push(ticket({ ...t, receipt: receipt ?? t.receipt }));
      }
      return ok(made);
    },

    saveDepartment: async (department) =>
      map(
        await run<{ upsertDepartment: Department }>(
          'mutation ($id: ID!, $name: String!) { upsertDepartment(departmentId: $id, name: $name) { departmentId name } }',
          { id: department.departmentId, name: department.name },
        ),
        (d) => d.upsertDepartment,
      ),

    saveProduct: async (p) =>
      map(
        await run<{ upsertProduct: WireProduct }>(
          `mutation ($input: ProductInput!) { upsertProduct(input: $input) { ${productFields} } }`,
          {
            input: {
              productId: p.productId,
              name: p.name,
              departmentId: p.departmentId,
              unitPrice: toEuros(p.unitPriceCents),
              vatLabel: p.vatLabel,
              quantityType: p.quantityType,
              active: p.active,
            },
          },
        ),
        (d) => product(d.upsertProduct),
      ),

    createUser: async (input) =>
      map(
        await run<{ createUser: WireUser }>(
          `mutation ($input: UserInput!) { createUser(input: $input) { ${userFields} } }`,
          { input },
        ),
        (d) => user(d.createUser),
      ),

    printers: async () =>
      map(await run<{ printers: Printer[] }>(`query { printers { ${printerFields} } }`), (d) =>
        d.printers.map(printer),
      ),

    savePrinter: async (input) =>
      map(
        await run<{ upsertPrinter: Printer }>(
          `mutation ($input: PrinterInput!) { upsertPrinter(input: $input) { ${printerFields} } }`,
          { input: { ...input, active: input.active ?? null } },
        ),
        (d) => printer(d.upsertPrinter),
      ),

    terminals: async () =>
      map(await run<{ terminals: WireTerminal[] }>(`query { terminals { ${terminalFields} } }`), (d) =>
        d.terminals.map(terminal),
      ),

    createTerminal: async (terminalId, name, deviceId) =>
      map(
        await run<{ createTerminal: { terminal: WireTerminal; token: string } }>(
          `mutation ($terminalId: ID!, $name: String!, $deviceId: String!) {
             createTerminal(terminalId: $terminalId, name: $name, deviceId: $deviceId) {
               terminal { ${terminalFields} } token } }`,
          { terminalId, name, deviceId },
        ),
        (d) => ({ terminal: terminal(d.createTerminal.terminal), token: d.createTerminal.token }),
      ),

    updateTerminal: async (terminalId, name, receiptPrinterId, kitchenPrinterId, active) =>
      map(
        await run<{ updateTerminal: WireTerminal }>(
          `mutation ($terminalId: ID!, $name: String!, $receiptPrinterId: ID, $kitchenPrinterId: ID, $active: Boolean) {
             updateTerminal(terminalId: $terminalId, name: $name, receiptPrinterId: $receiptPrinterId,
                            kitchenPrinterId: $kitchenPrinterId, active: $active) { ${terminalFields} } }`,
          { terminalId, name, receiptPrinterId, kitchenPrinterId, active: active ?? null },
        ),
        (d) => terminal(d.updateTerminal),
      ),

    establishment: async () =>
      map(
        await run<{ establishment: Establishment }>(`query { establishment { ${establishmentFields} } }`),
        (d) => d.establishment,
      ),

    updateEstablishment: async (name, address, ticketFooter) =>
      map(
        await run<{ updateEstablishment: Establishment }>(
          `mutation ($name: String!, $address: String!, $ticketFooter: String) {
             updateEstablishment(name: $name, address: $address, ticketFooter: $ticketFooter) {
               ${establishmentFields} } }`,
          { name, address, ticketFooter },
        ),
        (d) => d.updateEstablishment,
      ),

    saveFloor: async (floor) =>
      map(
        await run<{ upsertFloor: Floor }>(
          `mutation ($floorId: ID!, $name: String!, $position: Int!, $active: Boolean) {
             upsertFloor(floorId: $floorId, name: $name, position: $position, active: $active) { ${floorFields} } }`,
          { ...floor, active: floor.active ?? null },
        ),
        (d) => d.upsertFloor,
      ),

    savePlace: async (input) =>
      map(
        await run<{ upsertCostCenter: WireCostCenter }>(
          `mutation ($costCenterId: ID!, $name: String!, $type: String!, $floorId: ID, $active: Boolean) {
             upsertCostCenter(costCenterId: $costCenterId, name: $name, type: $type, floorId: $floorId, active: $active) {
               ${costCenterFields} } }`,
          { ...input, active: input.active ?? null },
        ),
        (d) => place(d.upsertCostCenter),
      ),
  };
}
