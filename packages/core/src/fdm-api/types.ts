/**
 * TypeScript shapes of the FDM 2.0 GraphQL interface (inputs, results, enums), named exactly as
 * the schema names them so that our FDM, our client and our POS share one vocabulary.
 * Amounts are the API's Float euros; core converts them to integer cents at validation.
 * Generated from the SDL once; keep it in step with packages/fdm's schema by hand.
 */
export const languageValues = ['NL', 'FR', 'DE', 'EN'] as const;
export type Language = (typeof languageValues)[number];

export const ticketMediumValues = ['PAPER', 'DIGITAL', 'PAPER_DIGITAL', 'NONE', 'ELECTRONIC'] as const;
export type TicketMedium = (typeof ticketMediumValues)[number];

export const eventLabelValues = ['N', 'P', 'F', 'S', 'I', 'R', 'C', 'T'] as const;
export type EventLabel = (typeof eventLabelValues)[number];

export const eventOperationValues = [
  'WORK_IN',
  'WORK_OUT',
  'SALE',
  'INVOICE',
  'COST_CENTER_CHANGE',
  'ORDER',
  'PRE_BILL',
  'MONEY_IN_OUT',
  'DRAWER_OPEN',
  'PAYMENT_CORRECTION',
  'COPY',
  'REPORT_TURNOVER_X',
  'REPORT_TURNOVER_Z',
  'REPORT_USER_X',
  'REPORT_USER_Z',
] as const;
export type EventOperation = (typeof eventOperationValues)[number];

export const vatLabelValues = ['A', 'B', 'C', 'D', 'X'] as const;
export type VatLabel = (typeof vatLabelValues)[number];

export const transactionLineTypeValues = ['SINGLE_PRODUCT', 'COMPOSITE_PRODUCT'] as const;
export type TransactionLineType = (typeof transactionLineTypeValues)[number];

export const quantityTypeValues = ['PIECE', 'KILOGRAM', 'METER', 'LITRE', 'LITER', 'HOUR'] as const;
export type QuantityType = (typeof quantityTypeValues)[number];

export const negQuantityReasonValues = [
  'REFUND',
  'CORRECTION',
  'PRICE_CHANGE',
  'COST_CENTER_CHANGE',
  'WASTE',
  'DAMAGE',
  'VOUCHER',
] as const;
export type NegQuantityReason = (typeof negQuantityReasonValues)[number];

export const priceChangeScopeValues = ['LINE', 'EVENT'] as const;
export type PriceChangeScope = (typeof priceChangeScopeValues)[number];

export const priceChangeTypeValues = ['PUBLIC', 'INTERNAL'] as const;
export type PriceChangeType = (typeof priceChangeTypeValues)[number];

export const costCenterTypeValues = [
  'TABLE',
  'CHAIR',
  'ROOM',
  'CUSTOMER',
  'ON_HOLD',
  'KIOSK',
  'PLATFORM',
  'WEBSHOP',
  'OTHER',
] as const;
export type CostCenterType = (typeof costCenterTypeValues)[number];

export const paymentTypeValues = [
  'UNKNOWN',
  'CASH',
  'CARD_UNKNOWN',
  'CARD_DEBIT',
  'CARD_CREDIT',
  'CARD_OTHER',
  'CHEQUE_MEAL',
  'CHEQUE_OTHER',
  'APP',
  'ONLINE',
  'CUSTOMER_CREDIT',
  'ROOM_CREDIT',
  'LOYALTY_REWARDS',
  'VOUCHER_STORE',
  'VOUCHER_SUPPLIER',
  'VOUCHER_OTHER',
  'OTHER',
] as const;
export type PaymentType = (typeof paymentTypeValues)[number];

export const paymentLineTypeValues = ['PAYMENT', 'TIP', 'ROUNDING'] as const;
export type PaymentLineType = (typeof paymentLineTypeValues)[number];

export const moneyInOutLineTypeValues = ['MONEY_IN_OUT', 'DRAWER_DECLARATION'] as const;
export type MoneyInOutLineType = (typeof moneyInOutLineTypeValues)[number];

export const inputMethodValues = ['MANUAL', 'AUTOMATIC'] as const;
export type InputMethod = (typeof inputMethodValues)[number];

export const inOutValues = ['IN', 'OUT'] as const;
export type InOut = (typeof inOutValues)[number];

export const categoryValues = ['SPF_FOD', 'FDM', 'OTHER'] as const;
export type Category = (typeof categoryValues)[number];

export const displayValues = ['MANDATORY', 'OPTIONAL', 'NEVER'] as const;
export type Display = (typeof displayValues)[number];

export interface SaleInput {
  language: Language;
  vatNo: string;
  estNo: string;
  posId: string;
  posFiscalTicketNo: number;
  posDateTime: string;
  posSwVersion: string;
  deviceId: string;
  terminalId: string;
  bookingPeriodId: string;
  bookingDate: string;
  ticketMedium: TicketMedium;
  employeeId: string;
  fdmRef?: FdmReferenceInput | null;
  costCenter?: CostCenterInput | null;
  transaction: TransactionInput;
  financials: PaymentLineInput[];
}

export interface InvoiceInput {
  language: Language;
  vatNo: string;
  estNo: string;
  posId: string;
  posFiscalTicketNo: number;
  posDateTime: string;
  posSwVersion: string;
  deviceId: string;
  terminalId: string;
  bookingPeriodId: string;
  bookingDate: string;
  ticketMedium: TicketMedium;
  employeeId: string;
  invoiceNo: string;
  customerVatNo: string;
  costCenter?: CostCenterInput | null;
  fdmRefs: FdmReferenceInput[];
}

export interface OrderInput {
  language: Language;
  vatNo: string;
  estNo: string;
  posId: string;
  posFiscalTicketNo: number;
  posDateTime: string;
  posSwVersion: string;
  deviceId: string;
  terminalId: string;
  bookingPeriodId: string;
  bookingDate: string;
  ticketMedium: TicketMedium;
  employeeId: string;
  costCenter: CostCenterInput;
  transaction: TransactionInput;
}

export interface PreBillInput {
  language: Language;
  vatNo: string;
  estNo: string;
  posId: string;
  posFiscalTicketNo: number;
  posDateTime: string;
  posSwVersion: string;
  deviceId: string;
  terminalId: string;
  bookingPeriodId: string;
  bookingDate: string;
  ticketMedium: TicketMedium;
  employeeId: string;
  costCenter?: CostCenterInput | null;
  transaction: TransactionInput;
  financials?: PaymentLineInput[] | null;
}

export interface CostCenterChangeInput {
  language: Language;
  vatNo: string;
  estNo: string;
  posId: string;
  posFiscalTicketNo: number;
  posDateTime: string;
  posSwVersion: string;
  deviceId: string;
  terminalId: string;
  bookingPeriodId: string;
  bookingDate: string;
  ticketMedium: TicketMedium;
  employeeId: string;
  transfer: TransferInput;
}

export interface TransferInput {
  from: TransferItemInput[];
  to: TransferItemInput[];
}

export interface TransferItemInput {
  costCenter: CostCenterInput;
  transaction: TransactionInput;
}

export interface MoneyInOutInput {
  language: Language;
  vatNo: string;
  estNo: string;
  posId: string;
  posFiscalTicketNo: number;
  posDateTime: string;
  posSwVersion: string;
  deviceId: string;
  terminalId: string;
  bookingPeriodId: string;
  bookingDate: string;
  ticketMedium: TicketMedium;
  employeeId: string;
  financials: MoneyInOutLineInput[];
}

export interface MoneyInOutLineInput {
  id: string;
  name: string;
  type: PaymentType;
  provider?: string | null;
  inputMethod: InputMethod;
  amount: number;
  amountType: MoneyInOutLineType;
  foreignCurrency?: ForeignCurrencyInput | null;
  reference?: string | null;
  drawer?: DrawerInput | null;
}

export interface DrawerOpenInput {
  language: Language;
  vatNo: string;
  estNo: string;
  posId: string;
  posFiscalTicketNo: number;
  posDateTime: string;
  posSwVersion: string;
  deviceId: string;
  terminalId: string;
  bookingPeriodId: string;
  bookingDate: string;
  ticketMedium: TicketMedium;
  employeeId: string;
  drawer?: DrawerInput | null;
}

export interface PaymentCorrectionInput {
  language: Language;
  vatNo: string;
  estNo: string;
  posId: string;
  posFiscalTicketNo: number;
  posDateTime: string;
  posSwVersion: string;
  deviceId: string;
  terminalId: string;
  bookingPeriodId: string;
  bookingDate: string;
  ticketMedium: TicketMedium;
  employeeId: string;
  fdmRef?: FdmReferenceInput | null;
  financials: PaymentLineInput[];
}

export interface WorkInOutInput {
  language: Language;
  vatNo: string;
  estNo: string;
  posId: string;
  posFiscalTicketNo: number;
  posDateTime: string;
  posSwVersion: string;
  deviceId: string;
  terminalId: string;
  bookingPeriodId: string;
  bookingDate: string;
  ticketMedium: TicketMedium;
  employeeId: string;
}

export interface CopyInput {
  language: Language;
  vatNo: string;
  estNo: string;
  posId: string;
  posFiscalTicketNo: number;
  posDateTime: string;
  posSwVersion: string;
  deviceId: string;
  terminalId: string;
  bookingPeriodId: string;
  bookingDate: string;
  ticketMedium: TicketMedium;
  employeeId: string;
  fdmRef: FdmReferenceInput;
}

export interface ReportTurnoverXInput {
  language: Language;
  vatNo: string;
  estNo: string;
  posId: string;
  posFiscalTicketNo: number;
  posDateTime: string;
  posSwVersion: string;
  deviceId: string;
  terminalId: string;
  bookingPeriodId: string;
  bookingDate: string;
  ticketMedium: TicketMedium;
  employeeId: string;
  posDevices: PosDeviceInput[];
  fdmDevices: FdmDeviceInput[];
  turnover: TurnoverInput;
}

export interface ReportTurnoverZInput {
  language: Language;
  vatNo: string;
  estNo: string;
  posId: string;
  posFiscalTicketNo: number;
  posDateTime: string;
  posSwVersion: string;
  deviceId: string;
  terminalId: string;
  bookingPeriodId: string;
  bookingDate: string;
  ticketMedium: TicketMedium;
  employeeId: string;
  reportNo: number;
  reportBookingDate: string;
  posDevices: PosDeviceInput[];
  fdmDevices: FdmDeviceInput[];
  turnover: TurnoverInput;
}

export interface ReportUserXInput {
  language: Language;
  vatNo: string;
  estNo: string;
  posId: string;
  posFiscalTicketNo: number;
  posDateTime: string;
  posSwVersion: string;
  deviceId: string;
  terminalId: string;
  bookingPeriodId: string;
  bookingDate: string;
  ticketMedium: TicketMedium;
  employeeId: string;
  posDevices: PosDeviceInput[];
  fdmDevices: FdmDeviceInput[];
  users: UserItemInput[];
}

export interface ReportUserZInput {
  language: Language;
  vatNo: string;
  estNo: string;
  posId: string;
  posFiscalTicketNo: number;
  posDateTime: string;
  posSwVersion: string;
  deviceId: string;
  terminalId: string;
  bookingPeriodId: string;
  bookingDate: string;
  ticketMedium: TicketMedium;
  employeeId: string;
  reportNo: number;
  reportBookingDate: string;
  posDevices: PosDeviceInput[];
  fdmDevices: FdmDeviceInput[];
  users: UserItemInput[];
}

export interface TransactionInput {
  transactionLines: TransactionLineInput[];
  transactionTotal: number;
}

export interface TransactionLineInput {
  lineType: TransactionLineType;
  mainProduct: ProductInput;
  subProducts?: ProductInput[] | null;
  costCenter?: CostCenterInput | null;
  lineTotal: number;
}

export interface ProductInput {
  gtin?: string | null;
  productId: string;
  productName: string;
  departmentId: string;
  departmentName: string;
  quantity: number;
  quantityType: QuantityType;
  negQuantityReason?: NegQuantityReason | null;
  unitPrice: number;
  vats: VatInput[];
}

export interface VatInput {
  label: VatLabel;
  price: number;
  priceChanges?: PriceChangeInput[] | null;
}

export interface PriceChangeInput {
  groupingId?: number | null;
  id: string;
  name: string;
  scope: PriceChangeScope;
  type: PriceChangeType;
  amount: number;
}

export interface CostCenterInput {
  id: string;
  type: CostCenterType;
  reference: string;
  costCenter?: CostCenterInput | null;
}

export interface PaymentLineInput {
  id: string;
  name: string;
  type: PaymentType;
  provider?: string | null;
  inputMethod: InputMethod;
  amount: number;
  amountType: PaymentLineType;
  foreignCurrency?: ForeignCurrencyInput | null;
  reference?: string | null;
  drawer?: DrawerInput | null;
}

export interface ForeignCurrencyInput {
  amount: number;
  iso: string;
}

export interface DrawerInput {
  id: string;
  name: string;
}

export interface FdmReferenceInput {
  fdmId: string;
  fdmDateTime: string;
  eventLabel: EventLabel;
  eventCounter: number;
  totalCounter: number;
}

export interface PosDeviceInput {
  posId: string;
  terminalId: string;
  firstPosDateTime: string;
  lastPosDateTime: string;
}

export interface FdmDeviceInput {
  fdmId: string;
  firstFdmDateTime: string;
  firstTotalCounter: number;
  lastFdmDateTime: string;
  lastTotalCounter: number;
}

export interface TurnoverInput {
  transactions: EventTotalInput[];
  departments: DepartmentTotalInput[];
  vats: VatTotalInput[];
  payments: PaymentTotalInput[];
  drawersOpenCount?: number;
  negQuantities: NegQuantityTotalInput[];
  priceChanges: PriceChangeTotalInput[];
  invoices?: InvoiceTotalInput[] | null;
}

export interface EventTotalInput {
  eventLabel: EventLabel;
  ticketCount: number;
  amount: number;
}

export interface DepartmentTotalInput {
  departmentId: string;
  departmentName: string;
  amount: number;
}

export interface VatTotalInput {
  label: VatLabel;
  rate: number;
  taxableAmount: number;
  vatAmount: number;
  totalAmount: number;
}

export interface PaymentTotalInput {
  id: string;
  name: string;
  type: PaymentType;
  amount: PaymentTotalAmountInput[];
}

export interface PaymentTotalAmountInput {
  type: PaymentLineType;
  normalAmount: number;
  negativeCorrections: number;
  positiveCorrections: number;
  correctionsCount: number;
  totalAmount: number;
  normalForeign?: ForeignCurrencyInput[] | null;
  correctionsForeign?: ForeignCurrencyInput[] | null;
}

export interface NegQuantityTotalInput {
  negQuantityReason: NegQuantityReason;
  negQuantityCount: number;
  ticketCount: number;
  amount: number;
}

export interface PriceChangeTotalInput {
  id: string;
  name: string;
  type: PriceChangeType;
  amount: PriceChangeVatTotalInput[];
}

export interface PriceChangeVatTotalInput {
  label: VatLabel;
  negative: number;
  positive: number;
}

export interface InvoiceTotalInput {
  invoiceNo: string;
  amount: number;
}

export interface UserItemInput {
  employeeId: string;
  totalAmount: number;
  firstPosDateTime: string;
  lastPosDateTime: string;
  socialEvents: InOutItemInput[];
  payments: PaymentTotalInput[];
}

export interface InOutItemInput {
  posDateTime: string;
  inOut: InOut;
}

export interface Status {
  device: Device;
  initialized: boolean;
  informations?: MessageItem[] | null;
  warnings?: MessageItem[] | null;
  errors?: MessageItem[] | null;
}

export interface Device {
  id: string;
  fdmId: string;
  fdmSwVersion: string;
  fdmDateTime: string;
  bufferCapacityUsed: number;
}

export interface SignResult {
  posId: string;
  posFiscalTicketNo: number;
  posDateTime: string;
  posSwVersion?: string | null;
  terminalId: string;
  deviceId: string;
  eventOperation: EventOperation;
  fdmRef: FdmReference;
  fdmSwVersion: string;
  digitalSignature: string;
  shortSignature?: string | null;
  verificationUrl?: string | null;
  vatCalc?: VatCalcItem[] | null;
  bufferCapacityUsed: number;
  warnings?: MessageItem[] | null;
  informations?: MessageItem[] | null;
  footer: string[];
}

export interface FdmReference {
  fdmId: string;
  fdmDateTime: string;
  eventLabel: EventLabel;
  eventCounter: number;
  totalCounter: number;
}

export interface VatCalcItem {
  label: VatLabel;
  rate: number;
  taxableAmount: number;
  vatAmount: number;
  totalAmount: number;
  outOfScope: boolean;
}

export interface MessageItem {
  message: string;
  locations?: Location[] | null;
  extensions?: Extensions | null;
}

export interface Location {
  line: number;
  column: number;
}

export interface Extensions {
  category?: Category | null;
  code?: string | null;
  data?: DataItem[] | null;
  showPos?: Display | null;
}

export interface DataItem {
  name: string;
  value?: string | null;
}

/** Each sign mutation with its input type name. */
export interface SignMutationInputs {
  signSale: SaleInput;
  signInvoice: InvoiceInput;
  signOrder: OrderInput;
  signCostCenterChange: CostCenterChangeInput;
  signPreBill: PreBillInput;
  signMoneyInOut: MoneyInOutInput;
  signDrawerOpen: DrawerOpenInput;
  signPaymentCorrection: PaymentCorrectionInput;
  signWorkIn: WorkInOutInput;
  signWorkOut: WorkInOutInput;
  signCopy: CopyInput;
  signReportTurnoverX: ReportTurnoverXInput;
  signReportTurnoverZ: ReportTurnoverZInput;
  signReportUserX: ReportUserXInput;
  signReportUserZ: ReportUserZInput;
}

export type SignMutation = keyof SignMutationInputs;
export const signMutations = [
  'signSale',
  'signInvoice',
  'signOrder',
  'signCostCenterChange',
  'signPreBill',
  'signMoneyInOut',
  'signDrawerOpen',
  'signPaymentCorrection',
  'signWorkIn',
  'signWorkOut',
  'signCopy',
  'signReportTurnoverX',
  'signReportTurnoverZ',
  'signReportUserX',
  'signReportUserZ',
] as const satisfies readonly SignMutation[];
