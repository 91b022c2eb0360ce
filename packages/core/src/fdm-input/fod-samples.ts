import type {
  CostCenterInput,
  FdmReferenceInput,
  PaymentTotalInput,
  PosDeviceInput,
  FdmDeviceInput,
  SignMutationInputs,
  TransactionLineInput,
  WorkInOutInput,
} from '../fdm-api/types.js';

/**
 * Valid inputs for every sign mutation, built from the FOD sample identities and scenarios
 * (M110 sale, M121 order, M122 table move, M130-M133, M140, M150, M160, reports). Tests start
 * from these and break one thing at a time; the benchmark signs them.
 */
export const fodBase: WorkInOutInput = {
  language: 'EN',
  vatNo: 'BE0000000097',
  estNo: '2000000042',
  posId: 'CPOS0031234567',
  posFiscalTicketNo: 1000,
  posDateTime: '2025-06-12T14:03:11.250+02:00',
  posSwVersion: '1.8.3',
  deviceId: 'b54a614f-39cc-4a7b-bd9f-aa6b693d769c',
  terminalId: 'TER-1-BAR',
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

export const table1: CostCenterInput = { id: 'T1', type: 'TABLE', reference: 'O158' };
export const table5: CostCenterInput = { id: 'T5', type: 'TABLE', reference: 'O158' };

export const saleRef: FdmReferenceInput = {
  fdmId: 'FOD01000001',
  fdmDateTime: '2024-07-29T09:35:09Z',
  eventLabel: 'N',
  eventCounter: 14,
  totalCounter: 50,
};

const negate = (line: TransactionLineInput): TransactionLineInput => ({
  ...line,
  mainProduct: {
    ...line.mainProduct,
    quantity: -line.mainProduct.quantity,
    negQuantityReason: 'COST_CENTER_CHANGE',
    vats: line.mainProduct.vats.map((vat) => ({ ...vat, price: -vat.price })),
  },
  lineTotal: -line.lineTotal,
});

const posDevices: PosDeviceInput[] = [
  {
    posId: 'CPOS0031234567',
    terminalId: 'TER-1-BAR',
    firstPosDateTime: '2025-06-12T10:00:00+02:00',
    lastPosDateTime: '2025-06-12T23:59:00+02:00',
  },
];

const fdmDevices: FdmDeviceInput[] = [
  {
    fdmId: 'FOD01000001',
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
  signSale: {
    ...fodBase,
    transaction: { transactionLines: [dryMartini(), burger()], transactionTotal: 52 },
    financials: [
      {
        id: '1',
        name: 'CASH',
        type: 'CASH',
        inputMethod: 'MANUAL',
        amount: 52,
        amountType: 'PAYMENT',
        drawer: { id: '1', name: 'Drawer 1' },
      },
    ],
  },
  signInvoice: {
    ...fodBase,
    ticketMedium: 'PAPER',
    invoiceNo: '20240005',
    customerVatNo: 'BE0308357159',
    costCenter: { id: '100', type: 'CUSTOMER', reference: 'FIN' },
    fdmRefs: [saleRef, { ...saleRef, eventCounter: 16, totalCounter: 52 }],
  },
  signOrder: {
    ...fodBase,
    costCenter: table1,
    transaction: {
      transactionLines: [
        dryMartini(),
        {
          lineType: 'SINGLE_PRODUCT',
          mainProduct: {
            productId: '28007',
            productName: 'Tapas variation',
            departmentId: '28',
            departmentName: 'Tapas',
            quantity: 4,
            quantityType: 'PIECE',
            unitPrice: 3.34,
            vats: [{ label: 'B', price: 13.36, priceChanges: [] }],
          },
          lineTotal: 13.36,
        },
      ],
      transactionTotal: 37.36,
    },
  },
  signCostCenterChange: {
    ...fodBase,
    transfer: {
      from: [
        {
          costCenter: table1,
          transaction: { transactionLines: [negate(burger()), negate(dryMartini(1))], transactionTotal: -40 },
        },
      ],
      to: [
        {
          costCenter: table5,
          transaction: { transactionLines: [burger(), dryMartini(1)], transactionTotal: 40 },
        },
      ],
    },
  },
  signPreBill: {
    ...fodBase,
    costCenter: table1,
    transaction: { transactionLines: [dryMartini(), burger(), lunchMenu], transactionTotal: 80.1 },
  },
  signMoneyInOut: {
    ...fodBase,
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
  },
  signDrawerOpen: { ...fodBase, drawer: { id: '1', name: 'Drawer 1' } },
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
  signCopy: { ...fodBase, fdmRef: { ...saleRef, eventCounter: 16, totalCounter: 52 } },
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
