import type {
  CopyInput,
  CostCenterInput,
  DrawerInput,
  FdmDeviceInput,
  FdmReferenceInput,
  MoneyInOutLineInput,
  MoneyInOutLineType,
  NegQuantityReason,
  OrderInput,
  PaymentLineInput,
  PaymentLineType,
  PaymentTotalInput,
  PosDeviceInput,
  SaleInput,
  SignMutation,
  SignMutationInputs,
  TransactionInput,
  TransactionLineInput,
  WorkInOutInput,
} from '../fdm-api/types.js';

/**
 * Valid inputs for every sign mutation, built from the FOD sample identities and scenarios
 * (M110 sale, M121 order, M122 table move, M130-M133, M140, M150, M160, reports): the one copy
 * of this test data for every package. Tests start from these and break one thing at a time,
 * the benchmarks sign them; a test that needs another variant asks a builder below for it
 * instead of writing the data again. Builders return fresh objects that callers may change.
 */

/** The FOD's company, establishment, POS and FDM. */
export const fodIdentity = {
  fdmId: 'FOD01000001',
  vatNo: 'BE0000000097',
  estNo: '2000000042',
  posId: 'CPOS0031234567',
} as const;

/** The FOD's two terminals, each with the device it runs on. */
export const fodTerminals = {
  bar: { terminalId: 'TER-1-BAR', deviceId: 'b54a614f-39cc-4a7b-bd9f-aa6b693d769c' },
  diningRoom: { terminalId: 'TER-2-DIN', deviceId: '1631678d-7a85-4ac3-b296-bb4565e873fe' },
} as const;

/** The fields every sign input shares: ticket 1000 at the bar on 12 June 2025. */
export const fodBase: WorkInOutInput = {
  language: 'EN',
  vatNo: fodIdentity.vatNo,
  estNo: fodIdentity.estNo,
  posId: fodIdentity.posId,
  posFiscalTicketNo: 1000,
  posDateTime: '2025-06-12T14:03:11.250+02:00',
  posSwVersion: '1.8.3',
  deviceId: fodTerminals.bar.deviceId,
  terminalId: fodTerminals.bar.terminalId,
  bookingPeriodId: 'dffcd829-a0e5-41ca-a0ae-9eb887f95637',
  bookingDate: '2025-06-12',
  ticketMedium: 'PAPER',
  employeeId: '84022899837',
};

export const dryMartini = (quantity = 2): TransactionLineInput => ({
  lineType: 'SINGLE_PRODUCT',
  mainProduct: {
    productId: '10006',
    productName: 'Dry Martini',
    departmentId: '10',
    departmentName: 'Aperitifs',
    quantity,
    quantityType: 'PIECE',
    unitPrice: 12,
    vats: [{ label: 'A', price: 12 * quantity, priceChanges: [] }],
  },
  lineTotal: 12 * quantity,
});

export const burger = (quantity = 1): TransactionLineInput => ({
  lineType: 'SINGLE_PRODUCT',
  mainProduct: {
    productId: '22001',
    productName: 'Burger of the Chef',
    departmentId: '22',
    departmentName: 'Main Dishes',
    quantity,
    quantityType: 'PIECE',
    unitPrice: 28,
    vats: [{ label: 'B', price: 28 * quantity }],
  },
  lineTotal: 28 * quantity,
});

export const tapas = (quantity = 4): TransactionLineInput => {
  // 3.34 * quantity is not exact in binary: round to the cent as a POS would.
  const price = Math.round(334 * quantity) / 100;
  return {
    lineType: 'SINGLE_PRODUCT',
    mainProduct: {
      productId: '28007',
      productName: 'Tapas variation',
      departmentId: '28',
      departmentName: 'Tapas',
      quantity,
      quantityType: 'PIECE',
      unitPrice: 3.34,
      vats: [{ label: 'B', price, priceChanges: [] }],
    },
    lineTotal: price,
  };
};

/** A menu: main product without VAT, a drink (A) and a dish (B) with a menu discount. */
export const lunchMenu: TransactionLineInput = {
  lineType: 'COMPOSITE_PRODUCT',
  mainProduct: {
    productId: '90001',
    productName: 'Lunch menu',
    departmentId: '90',
    departmentName: 'Menus',
    quantity: 1,
    quantityType: 'PIECE',
    unitPrice: 30.5,
    vats: [],
  },
  subProducts: [
    {
      productId: '20010',
      productName: 'Perrier',
      departmentId: '20',
      departmentName: 'Soft drinks',
      quantity: 1,
      quantityType: 'PIECE',
      unitPrice: 2.5,
      vats: [{ label: 'A', price: 2.5 }],
    },
    {
      productId: '22001',
      productName: 'Burger of the Chef',
      departmentId: '22',
      departmentName: 'Main Dishes',
      quantity: 1,
      quantityType: 'PIECE',
      unitPrice: 28,
      vats: [
        {
          label: 'B',
          price: 28,
          priceChanges: [
            { groupingId: 1, id: '1', name: 'MENU_DISCOUNT', scope: 'LINE', type: 'INTERNAL', amount: -2.4 },
          ],
        },
      ],
    },
  ],
  lineTotal: 28.1,
};

/** The FOD's transaction lines, for packages that import them from @gks/core. */
export const fodLines = { dryMartini, burger, tapas, lunchMenu } as const;

export const table1: CostCenterInput = { id: 'T1', type: 'TABLE', reference: 'O158' };
export const table5: CostCenterInput = { id: 'T5', type: 'TABLE', reference: 'O158' };

/** The FOD's tables, for packages that import them from @gks/core. */
export const fodTables = { table1, table5 } as const;

export const saleRef: FdmReferenceInput = {
  fdmId: fodIdentity.fdmId,
  fdmDateTime: '2024-07-29T09:35:09Z',
  eventLabel: 'N',
  eventCounter: 14,
  totalCounter: 50,
};

/** `line` taken back: negative quantity and amounts, with the reason a negative line needs. */
export const negatedLine = (line: TransactionLineInput, reason: NegQuantityReason): TransactionLineInput => ({
  ...line,
  mainProduct: {
    ...line.mainProduct,
    quantity: -line.mainProduct.quantity,
    negQuantityReason: reason,
    vats: line.mainProduct.vats.map((vat) => ({ ...vat, price: -vat.price })),
  },
  lineTotal: -line.lineTotal,
});

/** `lines` with their total, summed in cents so that 0.1 + 0.2 stays 0.30. */
export const fodTransaction = (lines: TransactionLineInput[]): TransactionInput => ({
  transactionLines: lines,
  transactionTotal: lines.reduce((cents, line) => cents + Math.round(line.lineTotal * 100), 0) / 100,
});

const drawer1 = (): DrawerInput => ({ id: '1', name: 'Drawer 1' });

const cashLine = <T extends PaymentLineType | MoneyInOutLineType>(amount: number, amountType: T) => ({
  id: '1',
  name: 'CASH',
  type: 'CASH' as const,
  inputMethod: 'MANUAL' as const,
  amount,
  amountType,
  drawer: drawer1(),
});

/** Cash through drawer 1: a payment, a tip or a rounding. */
export const fodCash = (amount: number, amountType: PaymentLineType = 'PAYMENT'): PaymentLineInput =>
  cashLine(amount, amountType);

/** Cash put into drawer 1 (M130) or counted in it (M133). */
export const fodCashInOut = (
  amount = 100,
  amountType: MoneyInOutLineType = 'MONEY_IN_OUT',
): MoneyInOutLineInput => cashLine(amount, amountType);

/** A sale of `lines` paid in cash to the cent (a negative total is cash paid back). */
export const fodSaleOf = (lines: TransactionLineInput[], overrides: Partial<SaleInput> = {}): SaleInput => {
  const transaction = fodTransaction(lines);
  return { ...fodBase, transaction, financials: [fodCash(transaction.transactionTotal)], ...overrides };
};

/** M111: the full refund of the M110 sale that `fdmRef` names. */
export const fodRefundOf = (fdmRef: FdmReferenceInput, overrides: Partial<SaleInput> = {}): SaleInput =>
  fodSaleOf([negatedLine(dryMartini(), 'REFUND'), negatedLine(burger(), 'REFUND')], {
    fdmRef: { ...fdmRef },
    ...overrides,
  });

/** M121: 2 Dry Martini and 4 tapas ordered on `costCenter`. */
export const fodOrderFor = (
  costCenter: CostCenterInput,
  overrides: Partial<OrderInput> = {},
): OrderInput => ({
  ...fodBase,
  costCenter: { ...costCenter },
  transaction: fodTransaction([dryMartini(), tapas()]),
  ...overrides,
});

/** M160: a copy of the event that `fdmRef` names (M172, a training copy, is the same input signed with isTraining). */
export const fodCopyOf = (fdmRef: FdmReferenceInput, overrides: Partial<CopyInput> = {}): CopyInput => ({
  ...fodBase,
  fdmRef: { ...fdmRef },
  ...overrides,
});

const posDevices: PosDeviceInput[] = [
  {
    posId: fodIdentity.posId,
    terminalId: fodTerminals.bar.terminalId,
    firstPosDateTime: '2025-06-12T10:00:00+02:00',
    lastPosDateTime: '2025-06-12T23:59:00+02:00',
  },
];

const fdmDevices: FdmDeviceInput[] = [
  {
    fdmId: fodIdentity.fdmId,
    firstFdmDateTime: '2025-06-12T08:00:01Z',
    firstTotalCounter: 40,
    lastFdmDateTime: '2025-06-12T21:59:01Z',
    lastTotalCounter: 73,
  },
];

const cashTotals: PaymentTotalInput[] = [
  {
    id: '1',
    name: 'CASH',
    type: 'CASH',
    amount: [
      {
        type: 'PAYMENT',
        normalAmount: 104,
        negativeCorrections: -52,
        positiveCorrections: 0,
        correctionsCount: 1,
        totalAmount: 52,
      },
    ],
  },
];

const turnover: SignMutationInputs['signReportTurnoverX']['turnover'] = {
  transactions: [
    { eventLabel: 'N', ticketCount: 2, amount: 52 },
    { eventLabel: 'P', ticketCount: 3, amount: 37.36 },
  ],
  departments: [
    { departmentId: '10', departmentName: 'Aperitifs', amount: 24 },
    { departmentId: '22', departmentName: 'Main Dishes', amount: 28 },
  ],
  vats: [
    { label: 'A', rate: 21, taxableAmount: 19.83, vatAmount: 4.17, totalAmount: 24 },
    { label: 'B', rate: 12, taxableAmount: 25, vatAmount: 3, totalAmount: 28 },
  ],
  payments: cashTotals,
  drawersOpenCount: 1,
  negQuantities: [{ negQuantityReason: 'CORRECTION', negQuantityCount: 1, ticketCount: 1, amount: -12 }],
  priceChanges: [
    {
      id: '4_10P',
      name: 'DISCOUNT_10P',
      type: 'PUBLIC',
      amount: [{ label: 'A', negative: -2.4, positive: 0 }],
    },
  ],
  invoices: [{ invoiceNo: '20240005', amount: 52 }],
};

const users: SignMutationInputs['signReportUserX']['users'] = [
  {
    employeeId: '80113078968',
    totalAmount: 52,
    firstPosDateTime: '2025-06-12T10:00:00+02:00',
    lastPosDateTime: '2025-06-12T22:00:00+02:00',
    socialEvents: [
      { posDateTime: '2025-06-12T10:00:00+02:00', inOut: 'IN' },
      { posDateTime: '2025-06-12T22:00:00+02:00', inOut: 'OUT' },
    ],
    payments: cashTotals,
  },
];

export const fodSamples: { readonly [M in keyof SignMutationInputs]: SignMutationInputs[M] } = {
  signSale: fodSaleOf([dryMartini(), burger()]),
  signInvoice: {
    ...fodBase,
    ticketMedium: 'PAPER',
    invoiceNo: '20240005',
    customerVatNo: 'BE0308357159',
    costCenter: { id: '100', type: 'CUSTOMER', reference: 'FIN' },
    fdmRefs: [saleRef, { ...saleRef, eventCounter: 16, totalCounter: 52 }],
  },
  signOrder: fodOrderFor(table1),
  signCostCenterChange: {
    ...fodBase,
    transfer: {
      from: [
        {
          costCenter: table1,
          transaction: fodTransaction([
            negatedLine(burger(), 'COST_CENTER_CHANGE'),
            negatedLine(dryMartini(1), 'COST_CENTER_CHANGE'),
          ]),
        },
      ],
      to: [{ costCenter: table5, transaction: fodTransaction([burger(), dryMartini(1)]) }],
    },
  },
  signPreBill: {
    ...fodBase,
    costCenter: table1,
    transaction: fodTransaction([dryMartini(), burger(), lunchMenu]),
  },
  signMoneyInOut: { ...fodBase, financials: [fodCashInOut()] },
  signDrawerOpen: { ...fodBase, drawer: drawer1() },
  signPaymentCorrection: {
    ...fodBase,
    fdmRef: saleRef,
    financials: [
      { id: '1', name: 'CONTANT', type: 'CASH', inputMethod: 'MANUAL', amount: -52, amountType: 'PAYMENT' },
      {
        id: '2',
        name: 'MASTERCARD',
        type: 'CARD_CREDIT',
        provider: 'MasterCard',
        inputMethod: 'AUTOMATIC',
        amount: 52,
        amountType: 'PAYMENT',
        reference: 'EFT-000123',
      },
    ],
  },
  signWorkIn: { ...fodBase, employeeId: '80113078968', terminalId: 'POS-2-REC', ticketMedium: 'NONE' },
  signWorkOut: { ...fodBase, employeeId: '00000000029', ticketMedium: 'NONE' },
  signCopy: fodCopyOf({ ...saleRef, eventCounter: 16, totalCounter: 52 }),
  signReportTurnoverX: { ...fodBase, posDevices, fdmDevices, turnover },
  signReportTurnoverZ: {
    ...fodBase,
    reportNo: 12,
    reportBookingDate: '2025-06-12',
    posDevices,
    fdmDevices,
    turnover,
  },
  signReportUserX: { ...fodBase, posDevices, fdmDevices, users },
  signReportUserZ: {
    ...fodBase,
    reportNo: 12,
    reportBookingDate: '2025-06-12',
    posDevices,
    fdmDevices,
    users,
  },
};

/** A fresh copy of the sample of `mutation` with `overrides` on top (another ticket number, fdmRef ...). */
export function fodSample<M extends SignMutation>(
  mutation: M,
  overrides: Partial<SignMutationInputs[M]> = {},
): SignMutationInputs[M] {
  return { ...structuredClone(fodSamples[mutation]), ...structuredClone(overrides) };
}
