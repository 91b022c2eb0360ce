/**
 * The POS's GraphQL API for the UI. Every request carries the terminal's token
 * (`x-terminal-token`); everything but `pos` and `login` also the user's session
 * (`authorization: Bearer <session token>`, C-29). Amounts are euros (Float) at this boundary and
 * integer cents inside. A refusal is a GraphQL error whose `extensions.code` is one of the
 * register's codes (NOT_CLOCKED_IN, COPY_ALREADY_MADE, FDM_NOT_OPERATIONAL, ...), and it
 * changes nothing.
 */
export const posSchemaSdl = /* GraphQL */ `
  type Query {
    "Login screen: who the register is, its production number and software version (C-23, C-24)."
    pos: PosInfo!
    me: Me!
    catalog: Catalog!
    costCenters: [CostCenterView!]!
    registration(id: ID!): Registration
    openRegistrations: [Registration!]!
    "Fiscal events of the register, newest first."
    tickets(limit: Int = 20, before: Int): [Ticket!]!
    ticket(id: Int!): Ticket
    fdmState: FdmState!
    bookingPeriod: BookingPeriod
    "Login screen: the active users a waiter can pick (no INSZ, no PIN). Needs only the terminal token."
    loginUsers: [LoginUser!]!
    "Floors of the table plan, in display order."
    floors: [Floor!]!
    "Manager: the terminals of this register (never their tokens)."
    terminals: [TerminalView!]!
    "The establishment data printed on tickets; vatNo, estNo and posId are read-only here (registered with the FPS/FDM)."
    establishment: EstablishmentView!
    "Manager and users: the ESC/POS network printers."
    printers: [Printer!]!
  }

  type Mutation {
    login(alias: String!, pin: String!): LoginResult!
    logout: Boolean!
    clockIn: Ticket!
    clockOut: Ticket!
    setTrainingMode(scope: TrainingScope!, training: Boolean!): Mode!
    openBookingPeriod: BookingPeriod!
    closeBookingPeriod: BookingPeriod!

    "A direct sale (no cost center), an order at a table or other cost center, or a pro forma."
    startRegistration(costCenterId: ID, proForma: Boolean = false): Registration!
    addLines(registrationId: ID!, lines: [LineEntryInput!]!): Registration!
    "Sets (null clears) the kitchen note of a line not yet sent to the kitchen (LINE_ALREADY_SENT after); never fiscal."
    setLineNote(registrationId: ID!, lineNo: Int!, note: String): Registration!
    "A correction is a new negative line with its reason; registered lines never change (C-31)."
    correctLine(registrationId: ID!, lineNo: Int!, quantity: Float, reason: String!): Registration!
    "A discount (negative amount) or surcharge on a line, as a price change."
    changeLinePrice(registrationId: ID!, lineNo: Int!, amount: Float!, name: String!): Registration!
    "Sends the lines added since the last order (P) and answers the kitchen ticket."
    sendOrder(registrationId: ID!): OrderResult!
    "Moves the whole order, or some lines, to another cost center; onto an open order there, they merge."
    transfer(registrationId: ID!, toCostCenterId: ID!, lines: [MoveLineInput!]): TransferResult!
    preBill(registrationId: ID!): Ticket!
    pay(registrationId: ID!, payments: [TenderInput!]!, tip: TenderInput): PaymentResult!
    cancelRegistration(registrationId: ID!, reason: String!): PaymentResult!
    refund(ticketId: Int!, lines: [MoveLineInput!], payments: [TenderInput!]!): PaymentResult!
    "The one reprint there is: a copy signed by the FDM, once per ticket (C-33)."
    copyTicket(ticketId: Int!): Ticket!
    invoice(ticketIds: [Int!]!, customer: CustomerInput!): InvoiceResult!
    moneyInOut(amount: Float!, kind: MoneyInOutKind!): Ticket!
    openDrawer: Ticket!
    correctPayment(ticketId: Int!, from: PaymentType!, to: PaymentType!, amount: Float!): Ticket!

    "X or Z report (C-46..C-51), signed as an R event; a Z needs a manager."
    report(scope: ReportScope!, type: ReportType!): ReportResult!

    upsertDepartment(departmentId: ID!, name: String!): Department!
    upsertProduct(input: ProductInput!): Product!
    createUser(input: UserInput!): User!

    "Manager. active false retires the floor (FLOOR_IN_USE while active places are on it); omitted keeps it."
    upsertFloor(floorId: ID!, name: String!, position: Int!, active: Boolean): Floor!
    "Manager: a table or other place, optionally on a floor. active false retires it (PLACE_IN_USE with an open order); omitted keeps it."
    upsertCostCenter(
      costCenterId: ID!
      name: String!
      type: String!
      floorId: ID
      active: Boolean
    ): CostCenterView!
    "Manager: registers a terminal; answers its token once."
    createTerminal(terminalId: ID!, name: String!, deviceId: String!): TerminalToken!
    "Manager: renames a terminal and picks its receipt and kitchen printers (null: none); active false retires it (its token stops working), omitted keeps it."
    updateTerminal(
      terminalId: ID!
      name: String!
      receiptPrinterId: ID
      kitchenPrinterId: ID
      active: Boolean
    ): TerminalView!
    "Manager."
    updateEstablishment(name: String!, address: String!, ticketFooter: String): EstablishmentView!
    "Manager."
    upsertPrinter(input: PrinterInput!): Printer!
    """
    Prints a ticket's receipt through the server on an ESC/POS network printer (raw TCP). printerId
    defaults to the terminal's receipt printer. The original of a ticket prints once; a second print
    is refused with ALREADY_PRINTED (the one reprint is copyTicket, whose own ticket then prints).
    """
    printTicket(ticketId: Int!, printerId: ID, width: Int): PrintResult!
    "The kitchen ticket of a signed order (its ticket id) on the terminal's kitchen printer unless another is given; may be printed again (marked HERDRUK)."
    printKitchenTicket(ticketId: Int!, printerId: ID): PrintResult!
  }

  type LoginUser {
    userId: ID!
    alias: String!
    role: String!
  }

  type Floor {
    floorId: ID!
    name: String!
    position: Int!
    "false: retired, no longer on the table plan."
    active: Boolean!
  }

  enum TableState {
    FREE
    OCCUPIED
    PRE_BILLED
  }

  type TerminalView {
    terminalId: ID!
    name: String!
    deviceId: String!
    training: Boolean!
    receiptPrinterId: ID
    kitchenPrinterId: ID
    "false: retired, its token opens nothing."
    active: Boolean!
  }

  type TerminalToken {
    terminal: TerminalView!
    "Shown once; only its hash is kept."
    token: String!
  }

  type EstablishmentView {
    name: String!
    address: String!
    vatNo: String!
    estNo: String!
    posId: String!
    ticketFooter: String
  }

  enum PrinterKind {
    RECEIPT
    KITCHEN
  }

  type Printer {
    printerId: ID!
    name: String!
    kind: PrinterKind!
    host: String!
    port: Int!
    columns: Int!
    "false: retired, prints nothing more."
    active: Boolean!
  }

  input PrinterInput {
    printerId: ID!
    name: String!
    kind: PrinterKind!
    host: String!
    port: Int = 9100
    columns: Int = 42
    "false retires it (PRINTER_IN_USE while an active terminal uses it); omitted keeps it."
    active: Boolean
  }

  type PrintResult {
    printerId: ID!
    bytes: Int!
    "A kitchen ticket printed before (marked HERDRUK); always false for a ticket's original."
    reprint: Boolean!
  }

  type PosInfo {
    posId: String!
    softwareVersion: String!
    establishmentName: String!
    establishmentAddress: String!
    vatNo: String!
    terminalId: String!
    terminalName: String!
  }

  type LoginResult {
    sessionToken: String!
    user: User!
    posId: String!
    softwareVersion: String!
    clockedIn: Boolean!
  }

  "A user as the UI sees them: never the INSZ/BIS number (C-29)."
  type User {
    userId: ID!
    alias: String!
    role: String!
    training: Boolean!
  }

  type Me {
    user: User!
    terminalId: String!
    training: Boolean!
    clockedIn: Boolean!
  }

  enum TrainingScope {
    TERMINAL
    USER
  }

  type Mode {
    terminal: Boolean!
    user: Boolean!
  }

  type BookingPeriod {
    bookingPeriodId: String!
    bookingDate: String!
  }

  type Catalog {
    departments: [Department!]!
    products: [Product!]!
  }

  type Department {
    departmentId: ID!
    name: String!
  }

  type Product {
    productId: ID!
    name: String!
    departmentId: ID!
    departmentName: String!
    unitPrice: Float!
    vatLabel: String!
    quantityType: String!
    active: Boolean!
  }

  input ProductInput {
    productId: ID!
    name: String!
    departmentId: ID!
    unitPrice: Float!
    vatLabel: String!
    quantityType: String!
    active: Boolean = true
  }

  input UserInput {
    userId: ID!
    alias: String!
    employeeId: String!
    pin: String!
    role: String!
  }

  type CostCenterView {
    costCenterId: ID!
    name: String!
    type: String!
    openRegistrationId: ID
    "null: not on a floor (take-away, on hold)."
    floorId: ID
    "FREE: no open registration; OCCUPIED: open; PRE_BILLED: pre-billed and no line added since."
    state: TableState!
    "false: retired, takes no new order."
    active: Boolean!
  }

  type Registration {
    id: ID!
    kind: String!
    costCenterId: ID
    training: Boolean!
    status: String!
    lines: [Line!]!
    total: Float!
    "Lines after this number were not sent to the FDM yet."
    signedUpTo: Int!
    "A pre-bill was made and no line was added since."
    preBilled: Boolean!
  }

  type Line {
    lineNo: Int!
    origin: String!
    productId: ID!
    productName: String!
    quantity: Float!
    quantityType: String!
    unitPrice: Float!
    vatLabel: String!
    lineTotal: Float!
    negQuantityReason: String
    reason: String
    correctsLine: Int
    priceChangeName: String
    priceChangeAmount: Float
    "Kitchen note: not part of the fiscal line."
    note: String
  }

  input LineEntryInput {
    productId: ID!
    quantity: Float!
    "Kitchen note, 1..140 printable characters after trim; not part of the fiscal line, the PLU hash or the VAT ticket."
    note: String
  }

  input MoveLineInput {
    lineNo: Int!
    quantity: Float
  }

  input TenderInput {
    type: PaymentType!
    amount: Float!
  }

  input CustomerInput {
    name: String!
    address: String!
    vatNo: String!
  }

  enum MoneyInOutKind {
    MONEY_IN_OUT
    DRAWER_DECLARATION
  }

  enum PaymentType {
    CASH
    CARD_DEBIT
    CARD_CREDIT
    CHEQUE_MEAL
    APP
    OTHER
  }

  type FdmRef {
    fdmId: String!
    fdmDateTime: String!
    eventLabel: String!
    eventCounter: Int!
    totalCounter: Int!
  }

  type Ticket {
    "The journal sequence number of the event; tickets are referred to by it."
    id: Int!
    posFiscalTicketNo: Int!
    label: String!
    operation: String!
    training: Boolean!
    outcome: String!
    fdmRef: FdmRef
    shortSignature: String
    verificationUrl: String
    total: Float
    "Messages of the FDM the operator must see (showPos MANDATORY)."
    mandatoryMessages: [String!]!
    duplicate: Boolean!
    receipt(width: Int = 42): Receipt
  }

  type Receipt {
    kind: String!
    text: String!
    html: String!
    escPosBase64: String!
  }

  type OrderResult {
    ticket: Ticket!
    kitchen: Receipt
    "Whether the terminal's kitchen printer accepted the kitchen ticket (false: none, or down)."
    kitchenPrinted: Boolean!
  }

  type TransferResult {
    ticket: Ticket!
    registrationId: ID!
    sourceClosed: Boolean!
  }

  type PaymentResult {
    ticket: Ticket!
    order: Ticket
    due: Float!
    rounding: Float!
    change: Float!
  }

  type InvoiceResult {
    ticket: Ticket!
    invoiceNo: String!
  }

  enum ReportScope {
    TURNOVER
    USERS
  }

  enum ReportType {
    X
    Z
  }

  type ReportResult {
    ticket: Ticket!
    receipt: Receipt
  }

  type FdmState {
    operational: Boolean!
    incidentSince: String
    incidentCause: String
    "Events journaled and waiting for the FDM's answer."
    pendingEvents: Int!
    message: String
  }
`;
