import type {
  CostCenterInput,
  FdmReference,
  FdmReferenceInput,
  PaymentLineInput,
  PaymentTotalInput,
  SignMutationInputs,
  TransactionLineInput,
  TurnoverInput,
  WorkInOutInput,
} from '@gks/core';

/**
 * Test-only inputs for all 15 mutations, with the FOD sample identities (M110 .. M183), valid for
 * an FDM that checks them. Each builder takes the ticket number so that no two requests share a
 * duplicate key.
 */
export const fod = {
  fdmId: 'FOD01000001',
  vatNo: 'BE0000000097',
  estNo: '2000000042',
  posId: 'CPOS0031234567',
} as const;

export const common = (
  posFiscalTicketNo: number,
  overrides: Partial<WorkInOutInput> = {},
): WorkInOutInput => ({
  language: 'EN',
  vatNo: fod.vatNo,
  estNo: fod.estNo,
  posId: fod.posId,
  posFiscalTicketNo,
  posDateTime: '2024-07-29T13:00:00.000+02:00',
  posSwVersion: '2.4.1',
  deviceId: '5b6f1c1e-7d0a-4a57-9a8e-1f0c8c2d9e11',
  terminalId: 'TER-1-BAR',
  bookingPeriodId: '3e6c0a6e-2f4b-4c1d-8f57-0a9d2b7c4e10',
  bookingDate: '2024-07-29',
  ticketMedium: 'PAPER',
  employeeId: '84022899837',
  ...overrides,
});

type Reason = 'REFUND' | 'CORRECTION' | 'COST_CENTER_CHANGE';

const line = (
  productId: string,
  productName: string,
  department: readonly [string, string],
  unitPrice: number,
  label: 'A' | 'B',
  quantity: number,
  reason?: Reason,
): TransactionLineInput => {
  const price = Math.round(unitPrice * quantity * 100) / 100;
  return {
    lineType: 'SINGLE_PRODUCT',
    mainProduct: {
      productId,
      productName,
      departmentId: department[0],
      departmentName: department[1],
      quantity,
      quantityType: 'PIECE',
      ...(reason !== undefined ? { negQuantityReason: reason } : {}),
      unitPrice,
      vats: [{ label, price }],
    },
    lineTotal: price,
  };
};

const martini = (quantity: number, reason?: Reason): TransactionLineInput =>
  line('10006', 'Dry Martini', ['10', 'Aperitifs'], 12, 'A', quantity, reason);
const burger = (quantity: number, reason?: Reason): TransactionLineInput =>
  line('22001', 'Burger of the Chef', ['22', 'Main Dishes'], 28, 'B', quantity, reason);

const totalOf = (lines: readonly TransactionLineInput[]): number =>
  Math.round(lines.reduce((sum, l) => sum + Math.round(l.lineTotal * 100), 0)) / 100;

const cash = (amount: number): PaymentLineInput => ({
  id: '1',
  name: 'CASH',
  type: 'CASH',
  inputMethod: 'MANUAL',
  amount,
  amountType: 'PAYMENT',
  drawer: { id: '1', name: 'Drawer 1' },
});

const table1: CostCenterInput = { id: 'T1', type: 'TABLE', reference: 'O158' };
const table5: CostCenterInput = { id: 'T5', type: 'TABLE', reference: 'O158' };

/** The reference a later event sends back: an exact copy of what the FDM answered. */
export const refOf = (r: FdmReference): FdmReferenceInput => ({ ...r });

export const sale = (ticketNo: number): SignMutationInputs['signSale'] => {
  const lines = [martini(2), burger(1)];
  return {
    ...common(ticketNo),
    transaction: { transactionLines: lines, transactionTotal: totalOf(lines) },
    financials: [cash(totalOf(lines))],
  };
};

export const refund = (ticketNo: number, original: FdmReference): SignMutationInputs['signSale'] => {
  const lines = [martini(-2, 'REFUND'), burger(-1, 'REFUND')];
  return {
    ...common(ticketNo),
    fdmRef: refOf(original),
    transaction: { transactionLines: lines, transactionTotal: totalOf(lines) },
    financials: [cash(totalOf(lines))],
  };
};

export const order = (ticketNo: number): SignMutationInputs['signOrder'] => {
  const lines = [martini(2), burger(1)];
  return {
    ...common(ticketNo),
    costCenter: table1,
    transaction: { transactionLines: lines, transactionTotal: totalOf(lines) },
  };
};

export const costCenterChange = (ticketNo: number): SignMutationInputs['signCostCenterChange'] => {
  const out = [burger(-1, 'COST_CENTER_CHANGE')];
  const into = [burger(1)];
  return {
    ...common(ticketNo),
    transfer: {
      from: [{ costCenter: table1, transaction: { transactionLines: out, transactionTotal: totalOf(out) } }],
      to: [{ costCenter: table5, transaction: { transactionLines: into, transactionTotal: totalOf(into) } }],
    },
  };
};

export const preBill = (ticketNo: number): SignMutationInputs['signPreBill'] => {
  const lines = [burger(1)];
  return {
    ...common(ticketNo),
    costCenter: table5,
    transaction: { transactionLines: lines, transactionTotal: totalOf(lines) },
  };
};

export const moneyIn = (ticketNo: number): SignMutationInputs['signMoneyInOut'] => ({
  ...common(ticketNo),
  financials: [
    {
      id: '1',
      name: 'CASH',
      type: 'CASH',
      inputMethod: 'MANUAL',
      amount: 100,
      amountType: 'MONEY_IN_OUT',
      drawer: { id: '1', name: 'Drawer 1' },
    },
  ],
});

export const drawerOpen = (ticketNo: number): SignMutationInputs['signDrawerOpen'] => ({
  ...common(ticketNo),
  drawer: { id: '1', name: 'Drawer 1' },
});

export const paymentCorrection = (
  ticketNo: number,
  original: FdmReference,
): SignMutationInputs['signPaymentCorrection'] => ({
  ...common(ticketNo),
  fdmRef: refOf(original),
  financials: [
    cash(-52),
    {
      id: '2',
      name: 'MASTERCARD',
      type: 'CARD_CREDIT',
      inputMethod: 'AUTOMATIC',
      amount: 52,
      amountType: 'PAYMENT',
    },
  ],
});

export const work = (ticketNo: number): WorkInOutInput =>
  common(ticketNo, { employeeId: '80113078968', terminalId: 'POS-2-REC', ticketMedium: 'NONE' });

export const invoice = (
  ticketNo: number,
  sales: readonly FdmReference[],
): SignMutationInputs['signInvoice'] => ({
  ...common(ticketNo),
  invoiceNo: '20240005',
  customerVatNo: 'BE0308357159',
  costCenter: { id: '100', type: 'CUSTOMER', reference: 'FIN' },
  fdmRefs: sales.map(refOf),
});

export const copy = (ticketNo: number, original: FdmReference): SignMutationInputs['signCopy'] => ({
  ...common(ticketNo),
  fdmRef: refOf(original),
});

const payments: PaymentTotalInput[] = [
  {
    id: '1',
    name: 'CASH',
    type: 'CASH',
    amount: [
      {
        type: 'PAYMENT',
        normalAmount: 52,
        negativeCorrections: 0,
        positiveCorrections: 0,
        correctionsCount: 0,
        totalAmount: 52,
      },
    ],
  },
];

const turnover: TurnoverInput = {
  transactions: [{ eventLabel: 'N', ticketCount: 1, amount: 52 }],
  departments: [
    { departmentId: '10', departmentName: 'Aperitifs', amount: 24 },
    { departmentId: '22', departmentName: 'Main Dishes', amount: 28 },
  ],
  vats: [
    { label: 'A', rate: 21, taxableAmount: 19.83, vatAmount: 4.17, totalAmount: 24 },
    { label: 'B', rate: 12, taxableAmount: 25, vatAmount: 3, totalAmount: 28 },
  ],
  payments,
  drawersOpenCount: 1,
  negQuantities: [],
  priceChanges: [],
};

const reportBase = (ticketNo: number) => ({
  ...common(ticketNo, { employeeId: '00000000029' }),
  posDevices: [
    {
      posId: fod.posId,
      terminalId: 'TER-1-BAR',
      firstPosDateTime: '2024-07-29T10:00:00+02:00',
      lastPosDateTime: '2024-07-29T13:00:00+02:00',
    },
  ],
  fdmDevices: [
    {
      fdmId: fod.fdmId,
      firstFdmDateTime: '2024-07-29T08:00:01Z',
      firstTotalCounter: 1,
      lastFdmDateTime: '2024-07-29T11:00:01Z',
      lastTotalCounter: 12,
    },
  ],
});

const users = [
  {
    employeeId: '80113078968',
    totalAmount: 52,
    firstPosDateTime: '2024-07-29T10:00:00+02:00',
    lastPosDateTime: '2024-07-29T13:00:00+02:00',
    socialEvents: [{ posDateTime: '2024-07-29T10:00:00+02:00', inOut: 'IN' as const }],
    payments,
  },
];

const zReport = { reportNo: 1, reportBookingDate: '2024-07-29' };

export const turnoverX = (ticketNo: number): SignMutationInputs['signReportTurnoverX'] => ({
  ...reportBase(ticketNo),
  turnover,
});
export const turnoverZ = (ticketNo: number): SignMutationInputs['signReportTurnoverZ'] => ({
  ...reportBase(ticketNo),
  ...zReport,
  turnover,
});
export const userX = (ticketNo: number): SignMutationInputs['signReportUserX'] => ({
  ...reportBase(ticketNo),
  users,
});
export const userZ = (ticketNo: number): SignMutationInputs['signReportUserZ'] => ({
  ...reportBase(ticketNo),
  ...zReport,
  users,
});
