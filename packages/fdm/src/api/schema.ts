/**
 * The FDM 2.0 GraphQL schema this FDM serves: the same type, field, argument and enum names and
 * types as the project's reference SDL (spec/fdm-v2.graphql), so POS software written for real
 * FDMs works against it unchanged. Descriptions live in the reference, not here.
 */
export const fdmSchemaSdl = /* GraphQL */ `
  schema {
    query: Query
    mutation: Mutation
  }

  type Query {
    status(language: Language): Status!
    device: Device!
  }

  type Mutation {
    signSale(data: SaleInput!, isTraining: Boolean!): SignResult!
    signInvoice(data: InvoiceInput!, isTraining: Boolean!): SignResult!
    signOrder(data: OrderInput!, isTraining: Boolean!): SignResult!
    signCostCenterChange(data: CostCenterChangeInput!, isTraining: Boolean!): SignResult!
    signPreBill(data: PreBillInput!, isTraining: Boolean!): SignResult!
    signMoneyInOut(data: MoneyInOutInput!, isTraining: Boolean!): SignResult!
    signDrawerOpen(data: DrawerOpenInput!, isTraining: Boolean!): SignResult!
    signPaymentCorrection(data: PaymentCorrectionInput!, isTraining: Boolean!): SignResult!
    signWorkIn(data: WorkInOutInput!, isTraining: Boolean!): SignResult!
    signWorkOut(data: WorkInOutInput!, isTraining: Boolean!): SignResult!
    signCopy(data: CopyInput!, isTraining: Boolean!): SignResult!
    signReportTurnoverX(data: ReportTurnoverXInput!, isTraining: Boolean!): SignResult!
    signReportTurnoverZ(data: ReportTurnoverZInput!, isTraining: Boolean!): SignResult!
    signReportUserX(data: ReportUserXInput!, isTraining: Boolean!): SignResult!
    signReportUserZ(data: ReportUserZInput!, isTraining: Boolean!): SignResult!
  }

  type Status {
    device: Device!
    initialized: Boolean!
    informations: [MessageItem!]
    warnings: [MessageItem!]
    errors: [MessageItem!]
  }

  type Device {
    id: String!
    fdmId: String!
    fdmSwVersion: String!
    fdmDateTime: String!
    bufferCapacityUsed: Float!
  }

  input SaleInput {
    language: Language!
    vatNo: String!
    estNo: String!
    posId: String!
    posFiscalTicketNo: Int!
    posDateTime: String!
    posSwVersion: String!
    deviceId: String!
    terminalId: String!
    bookingPeriodId: String!
    bookingDate: String!
    ticketMedium: TicketMedium!
    employeeId: String!
    fdmRef: FdmReferenceInput
    costCenter: CostCenterInput
    transaction: TransactionInput!
    financials: [PaymentLineInput!]!
  }

  input InvoiceInput {
    language: Language!
    vatNo: String!
    estNo: String!
    posId: String!
    posFiscalTicketNo: Int!
    posDateTime: String!
    posSwVersion: String!
    deviceId: String!
    terminalId: String!
    bookingPeriodId: String!
    bookingDate: String!
    ticketMedium: TicketMedium!
    employeeId: String!
    invoiceNo: String!
    customerVatNo: String!
    costCenter: CostCenterInput
    fdmRefs: [FdmReferenceInput!]!
  }

  input OrderInput {
    language: Language!
    vatNo: String!
    estNo: String!
    posId: String!
    posFiscalTicketNo: Int!
    posDateTime: String!
    posSwVersion: String!
    deviceId: String!
    terminalId: String!
    bookingPeriodId: String!
    bookingDate: String!
    ticketMedium: TicketMedium!
    employeeId: String!
    costCenter: CostCenterInput!
    transaction: TransactionInput!
  }

  input PreBillInput {
    language: Language!
    vatNo: String!
    estNo: String!
    posId: String!
    posFiscalTicketNo: Int!
    posDateTime: String!
    posSwVersion: String!
    deviceId: String!
    terminalId: String!
    bookingPeriodId: String!
    bookingDate: String!
    ticketMedium: TicketMedium!
    employeeId: String!
    costCenter: CostCenterInput
    transaction: TransactionInput!
    financials: [PaymentLineInput!]
  }

  input CostCenterChangeInput {
    language: Language!
    vatNo: String!
    estNo: String!
    posId: String!
    posFiscalTicketNo: Int!
    posDateTime: String!
    posSwVersion: String!
    deviceId: String!
    terminalId: String!
    bookingPeriodId: String!
    bookingDate: String!
    ticketMedium: TicketMedium!
    employeeId: String!
    transfer: TransferInput!
  }

  input TransferInput {
    from: [TransferItemInput!]!
    to: [TransferItemInput!]!
  }

  input TransferItemInput {
    costCenter: CostCenterInput!
    transaction: TransactionInput!
  }

  input MoneyInOutInput {
    language: Language!
    vatNo: String!
    estNo: String!
    posId: String!
    posFiscalTicketNo: Int!
    posDateTime: String!
    posSwVersion: String!
    deviceId: String!
    terminalId: String!
    bookingPeriodId: String!
    bookingDate: String!
    ticketMedium: TicketMedium!
    employeeId: String!
    financials: [MoneyInOutLineInput!]!
  }

  input MoneyInOutLineInput {
    id: String!
    name: String!
    type: PaymentType!
    provider: String
    inputMethod: InputMethod!
    amount: Float!
    amountType: MoneyInOutLineType!
    foreignCurrency: ForeignCurrencyInput
    reference: String
    drawer: DrawerInput
  }

  input DrawerOpenInput {
    language: Language!
    vatNo: String!
    estNo: String!
    posId: String!
    posFiscalTicketNo: Int!
    posDateTime: String!
    posSwVersion: String!
    deviceId: String!
    terminalId: String!
    bookingPeriodId: String!
    bookingDate: String!
    ticketMedium: TicketMedium!
    employeeId: String!
    drawer: DrawerInput
  }

  input PaymentCorrectionInput {
    language: Language!
    vatNo: String!
    estNo: String!
    posId: String!
    posFiscalTicketNo: Int!
    posDateTime: String!
    posSwVersion: String!
    deviceId: String!
    terminalId: String!
    bookingPeriodId: String!
    bookingDate: String!
    ticketMedium: TicketMedium!
    employeeId: String!
    fdmRef: FdmReferenceInput
    financials: [PaymentLineInput!]!
  }

  input WorkInOutInput {
    language: Language!
    vatNo: String!
    estNo: String!
    posId: String!
    posFiscalTicketNo: Int!
    posDateTime: String!
    posSwVersion: String!
    deviceId: String!
    terminalId: String!
    bookingPeriodId: String!
    bookingDate: String!
    ticketMedium: TicketMedium!
    employeeId: String!
  }

  input CopyInput {
    language: Language!
    vatNo: String!
    estNo: String!
    posId: String!
    posFiscalTicketNo: Int!
    posDateTime: String!
    posSwVersion: String!
    deviceId: String!
    terminalId: String!
    bookingPeriodId: String!
    bookingDate: String!
    ticketMedium: TicketMedium!
    employeeId: String!
    fdmRef: FdmReferenceInput!
  }

  input ReportTurnoverXInput {
    language: Language!
    vatNo: String!
    estNo: String!
    posId: String!
    posFiscalTicketNo: Int!
    posDateTime: String!
    posSwVersion: String!
    deviceId: String!
    terminalId: String!
    bookingPeriodId: String!
    bookingDate: String!
    ticketMedium: TicketMedium!
    employeeId: String!
    posDevices: [PosDeviceInput!]!
    fdmDevices: [FdmDeviceInput!]!
    turnover: TurnoverInput!
  }

  input ReportTurnoverZInput {
    language: Language!
    vatNo: String!
    estNo: String!
    posId: String!
    posFiscalTicketNo: Int!
    posDateTime: String!
    posSwVersion: String!
    deviceId: String!
    terminalId: String!
    bookingPeriodId: String!
    bookingDate: String!
    ticketMedium: TicketMedium!
    employeeId: String!
    reportNo: Int!
    reportBookingDate: String!
    posDevices: [PosDeviceInput!]!
    fdmDevices: [FdmDeviceInput!]!
    turnover: TurnoverInput!
  }

  input ReportUserXInput {
    language: Language!
    vatNo: String!
    estNo: String!
    posId: String!
    posFiscalTicketNo: Int!
    posDateTime: String!
    posSwVersion: String!
    deviceId: String!
    terminalId: String!
    bookingPeriodId: String!
    bookingDate: String!
    ticketMedium: TicketMedium!
    employeeId: String!
    posDevices: [PosDeviceInput!]!
    fdmDevices: [FdmDeviceInput!]!
    users: [UserItemInput!]!
  }

  input ReportUserZInput {
    language: Language!
    vatNo: String!
    estNo: String!
    posId: String!
    posFiscalTicketNo: Int!
    posDateTime: String!
    posSwVersion: String!
    deviceId: String!
    terminalId: String!
    bookingPeriodId: String!
    bookingDate: String!
    ticketMedium: TicketMedium!
    employeeId: String!
    reportNo: Int!
    reportBookingDate: String!
    posDevices: [PosDeviceInput!]!
    fdmDevices: [FdmDeviceInput!]!
    users: [UserItemInput!]!
  }

  input TransactionInput {
    transactionLines: [TransactionLineInput!]!
    transactionTotal: Float!
  }

  input TransactionLineInput {
    lineType: TransactionLineType!
    mainProduct: ProductInput!
    subProducts: [ProductInput!]
    costCenter: CostCenterInput
    lineTotal: Float!
  }

  input ProductInput {
    gtin: String
    productId: String!
    productName: String!
    departmentId: String!
    departmentName: String!
    quantity: Float!
    quantityType: QuantityType!
    negQuantityReason: NegQuantityReason
    unitPrice: Float!
    vats: [VatInput!]!
  }

  input VatInput {
    label: VatLabel!
    price: Float!
    priceChanges: [PriceChangeInput!]
  }

  input PriceChangeInput {
    groupingId: Int
    id: String!
    name: String!
    scope: PriceChangeScope!
    type: PriceChangeType!
    amount: Float!
  }

  input CostCenterInput {
    id: String!
    type: CostCenterType!
    reference: String!
    costCenter: CostCenterInput
  }

  input PaymentLineInput {
    id: String!
    name: String!
    type: PaymentType!
    provider: String
    inputMethod: InputMethod!
    amount: Float!
    amountType: PaymentLineType!
    foreignCurrency: ForeignCurrencyInput
    reference: String
    drawer: DrawerInput
  }

  input ForeignCurrencyInput {
    amount: Float!
    iso: String!
  }

  input DrawerInput {
    id: String!
    name: String!
  }

  input FdmReferenceInput {
    fdmId: String!
    fdmDateTime: String!
    eventLabel: EventLabel!
    eventCounter: Int!
    totalCounter: Int!
  }

  input PosDeviceInput {
    posId: String!
    terminalId: String!
    firstPosDateTime: String!
    lastPosDateTime: String!
  }

  input FdmDeviceInput {
    fdmId: String!
    firstFdmDateTime: String!
    firstTotalCounter: Int!
    lastFdmDateTime: String!
    lastTotalCounter: Int!
  }

  input TurnoverInput {
    transactions: [EventTotalInput!]!
    departments: [DepartmentTotalInput!]!
    vats: [VatTotalInput!]!
    payments: [PaymentTotalInput!]!
    drawersOpenCount: Int! = 0
    negQuantities: [NegQuantityTotalInput!]!
    priceChanges: [PriceChangeTotalInput!]!
    invoices: [InvoiceTotalInput!]
  }

  input EventTotalInput {
    eventLabel: EventLabel!
    ticketCount: Int!
    amount: Float!
  }

  input DepartmentTotalInput {
    departmentId: String!
    departmentName: String!
    amount: Float!
  }

  input VatTotalInput {
    label: VatLabel!
    rate: Float!
    taxableAmount: Float!
    vatAmount: Float!
    totalAmount: Float!
  }

  input PaymentTotalInput {
    id: String!
    name: String!
    type: PaymentType!
    amount: [PaymentTotalAmountInput!]!
  }

  input PaymentTotalAmountInput {
    type: PaymentLineType!
    normalAmount: Float!
    negativeCorrections: Float!
    positiveCorrections: Float!
    correctionsCount: Int!
    totalAmount: Float!
    normalForeign: [ForeignCurrencyInput!]
    correctionsForeign: [ForeignCurrencyInput!]
  }

  input NegQuantityTotalInput {
    negQuantityReason: NegQuantityReason!
    negQuantityCount: Int!
    ticketCount: Int!
    amount: Float!
  }

  input PriceChangeTotalInput {
    id: String!
    name: String!
    type: PriceChangeType!
    amount: [PriceChangeVatTotalInput!]!
  }

  input PriceChangeVatTotalInput {
    label: VatLabel!
    negative: Float!
    positive: Float!
  }

  input InvoiceTotalInput {
    invoiceNo: String!
    amount: Float!
  }

  input UserItemInput {
    employeeId: String!
    totalAmount: Float!
    firstPosDateTime: String!
    lastPosDateTime: String!
    socialEvents: [InOutItemInput!]!
    payments: [PaymentTotalInput!]!
  }

  input InOutItemInput {
    posDateTime: String!
    inOut: InOut!
  }

  type SignResult {
    posId: String!
    posFiscalTicketNo: Int!
    posDateTime: String!
    posSwVersion: String
    terminalId: String!
    deviceId: String!
    eventOperation: EventOperation!
    fdmRef: FdmReference!
    fdmSwVersion: String!
    digitalSignature: String!
    shortSignature: String
    verificationUrl: String
    vatCalc: [VatCalcItem!]
    bufferCapacityUsed: Float!
    warnings: [MessageItem!]
    informations: [MessageItem!]
    footer: [String!]!
  }

  type FdmReference {
    fdmId: String!
    fdmDateTime: String!
    eventLabel: EventLabel!
    eventCounter: Int!
    totalCounter: Int!
  }

  type VatCalcItem {
    label: VatLabel!
    rate: Float!
    taxableAmount: Float!
    vatAmount: Float!
    totalAmount: Float!
    outOfScope: Boolean!
  }

  type MessageItem {
    message: String!
    locations: [Location!]
    extensions: Extensions
  }

  type Location {
    line: Int!
    column: Int!
  }

  type Extensions {
    category: Category
    code: String
    data: [DataItem!]
    showPos: Display
  }

  type DataItem {
    name: String!
    value: String
  }

  enum Language {
    NL
    FR
    DE
    EN
  }

  enum TicketMedium {
    PAPER
    DIGITAL
    PAPER_DIGITAL
    NONE
    ELECTRONIC
  }

  enum EventLabel {
    N
    P
    F
    S
    I
    R
    C
    T
  }

  enum EventOperation {
    WORK_IN
    WORK_OUT
    SALE
    INVOICE
    COST_CENTER_CHANGE
    ORDER
    PRE_BILL
    MONEY_IN_OUT
    DRAWER_OPEN
    PAYMENT_CORRECTION
    COPY
    REPORT_TURNOVER_X
    REPORT_TURNOVER_Z
    REPORT_USER_X
    REPORT_USER_Z
  }

  enum VatLabel {
    A
    B
    C
    D
    X
  }

  enum TransactionLineType {
    SINGLE_PRODUCT
    COMPOSITE_PRODUCT
  }

  enum QuantityType {
    PIECE
    KILOGRAM
    METER
    LITRE
    LITER
    HOUR
  }

  enum NegQuantityReason {
    REFUND
    CORRECTION
    PRICE_CHANGE
    COST_CENTER_CHANGE
    WASTE
    DAMAGE
    VOUCHER
  }

  enum PriceChangeScope {
    LINE
    EVENT
  }

  enum PriceChangeType {
    PUBLIC
    INTERNAL
  }

  enum CostCenterType {
    TABLE
    CHAIR
    ROOM
    CUSTOMER
    ON_HOLD
    KIOSK
    PLATFORM
    WEBSHOP
    OTHER
  }

  enum PaymentType {
    UNKNOWN
    CASH
    CARD_UNKNOWN
    CARD_DEBIT
    CARD_CREDIT
    CARD_OTHER
    CHEQUE_MEAL
    CHEQUE_OTHER
    APP
    ONLINE
    CUSTOMER_CREDIT
    ROOM_CREDIT
    LOYALTY_REWARDS
    VOUCHER_STORE
    VOUCHER_SUPPLIER
    VOUCHER_OTHER
    OTHER
  }

  enum PaymentLineType {
    PAYMENT
    TIP
    ROUNDING
  }

  enum MoneyInOutLineType {
    MONEY_IN_OUT
    DRAWER_DECLARATION
  }

  enum InputMethod {
    MANUAL
    AUTOMATIC
  }

  enum InOut {
    IN
    OUT
  }

  enum Category {
    SPF_FOD
    FDM
    OTHER
  }

  enum Display {
    MANDATORY
    OPTIONAL
    NEVER
  }
`;
