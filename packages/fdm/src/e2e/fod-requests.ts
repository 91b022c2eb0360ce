import type {
  CostCenterInput,
  FdmReference,
  FdmReferenceInput,
  PaymentLineInput,
  PaymentTotalInput,
  SignMutation,
  SignMutationInputs,
  TransactionLineInput,
  TurnoverInput,
  WorkInOutInput,
} from '@gks/core';

/**
 * Requests of the FOD use cases (M110 .. M183) with the FOD sample identities, for the
 * integration tests and the benchmark. Each builder takes the POS ticket number, so a run can
 * sign every case once without reusing a duplicate key.
 */
export const fodIdentity = {
  fdmId: 'FOD01000001',
  vatNo: 'BE0000000097',
  estNo: '2000000042',
  posId: 'CPOS0031234567',
} as const;

export function fodBase(posFiscalTicketNo: number, overrides: Partial<WorkInOutInput> = {}): WorkInOutInput {
  return {
    language: 'NL',
    vatNo: fodIdentity.vatNo,
    estNo: fodIdentity.estNo,
    posId: fodIdentity.posId,
    posFiscalTicketNo,
    posDateTime: '2024-07-29T13:00:00.000+02:00',
    posSwVersion: '1.8.3',
    deviceId: '1631678d-7a85-4ac3-b296-bb4565e873fe',
    terminalId: 'TER-2-DIN',
    bookingPeriodId: 'dffcd829-a0e5-41ca-a0ae-9eb887f95637',
    bookingDate: '2024-07-29',
    ticketMedium: 'PAPER',
    employeeId: '84022899837',
    ...overrides,
  };
}

function product(
  id: string,
  name: string,
  dept: [string, string],
  unitPrice: number,
  label: 'A' | 'B',
  quantity: number,
  reason?: 'REFUND' | 'CORRECTION' | 'COST_CENTER_CHANGE',
): TransactionLineInput {
  const price = Math.round(unitPrice * quantity * 100) / 100;
  return {
    lineType: 'SINGLE_PRODUCT',
    mainProduct: {
      productId: id,
      productName: name,
      departmentId: dept[0],
      departmentName: dept[1],
      quantity,
      quantityType: 'PIECE',
      ...(reason ? { negQuantityReason: reason } : {}),
      unitPrice,
      vats: [{ label, price, priceChanges: [] }],
    },
    lineTotal: price,
  };
}

export const dryMartini = (quantity: number, reason?: 'REFUND' | 'CORRECTION' | 'COST_CENTER_CHANGE') =>
  product('10006', 'Dry Martini', ['10', 'Aperitifs'], 12, 'A', quantity, reason);
export const burger = (quantity: number, reason?: 'REFUND' | 'CORRECTION' | 'COST_CENTER_CHANGE') =>
  product('22001', 'Burger of the Chef', ['22', 'Main Dishes'], 28, 'B', quantity, reason);
export const tapas = (quantity: number) =>
  product('28007', 'Tapas variation', ['28', 'Tapas'], 3.34, 'B', quantity);

const cash = (amount: number): PaymentLineInput => ({
  id: '1',
  name: 'CASH',
  type: 'CASH',
  inputMethod: 'MANUAL',
  amount,
  amountType: 'PAYMENT',
  drawer: { id: '1', name: 'Drawer 1' },
});

export const table1: CostCenterInput = { id: 'T1', type: 'TABLE', reference: 'O158' };
export const table5: CostCenterInput = { id: 'T5', type: 'TABLE', reference: 'O158' };

const total = (lines: TransactionLineInput[]) =>
  Math.round(lines.reduce((s, l) => s + l.lineTotal * 100, 0)) / 100;

/** An fdmRef to send back: an exact copy of what the FDM answered. */
export const refOf = (r: FdmReference): FdmReferenceInput => ({
  fdmId: r.fdmId,
  fdmDateTime: r.fdmDateTime,
  eventLabel: r.eventLabel,
  eventCounter: r.eventCounter,
  totalCounter: r.totalCounter,
});

/** M110: direct sale of 2 x Dry Martini (A) and a Burger of the Chef (B), cash 52.00. */
export function m110Sale(
  ticketNo: number,
  overrides: Partial<WorkInOutInput> = {},
): SignMutationInputs['signSale'] {
  const lines = [dryMartini(2), burger(1)];
  return {
    ...fodBase(ticketNo, overrides),
    transaction: { transactionLines: lines, transactionTotal: total(lines) },
    financials: [cash(total(lines))],
  };
}

/** M111: full refund of a sale, referencing it. */
export function m111FullRefund(ticketNo: number, original: FdmReference): SignMutationInputs['signSale'] {
  const lines = [dryMartini(-2, 'REFUND'), burger(-1, 'REFUND')];
  return {
    ...fodBase(ticketNo),
    fdmRef: refOf(original),
    transaction: { transactionLines: lines, transactionTotal: total(lines) },
    financials: [cash(total(lines))],
  };
}

/** M112: partial refund: one Dry Martini back, one Burger sold. */
export function m112PartialRefund(ticketNo: number, original: FdmReference): SignMutationInputs['signSale'] {
  const lines = [dryMartini(-1, 'REFUND'), burger(1)];
  return {
    ...fodBase(ticketNo),
    fdmRef: refOf(original),
    transaction: { transactionLines: lines, transactionTotal: total(lines) },
    financials: [cash(total(lines))],
  };
}

/** M121: order on table 1. */
export function m121Order(ticketNo: number): SignMutationInputs['signOrder'] {
  const lines = [dryMartini(2), tapas(4)];
  return {
    ...fodBase(ticketNo),
    costCenter: table1,
    transaction: { transactionLines: lines, transactionTotal: total(lines) },
  };
}

/** M122: move a Burger and a Dry Martini from table 1 to table 5. */
export function m122Transfer(ticketNo: number): SignMutationInputs['signCostCenterChange'] {
  const out = [burger(-1, 'COST_CENTER_CHANGE'), dryMartini(-1, 'COST_CENTER_CHANGE')];
  const into = [burger(1), dryMartini(1)];
  return {
    ...fodBase(ticketNo),
    transfer: {
      from: [{ costCenter: table1, transaction: { transactionLines: out, transactionTotal: total(out) } }],
      to: [{ costCenter: table5, transaction: { transactionLines: into, transactionTotal: total(into) } }],
    },
  };
}

/** M123: pre-bill for table 5. */
export function m123PreBill(ticketNo: number): SignMutationInputs['signPreBill'] {
  const lines = [burger(1), dryMartini(1)];
  return {
    ...fodBase(ticketNo),
    costCenter: table5,
    transaction: { transactionLines: lines, transactionTotal: total(lines) },
  };
}

/** M130 (100.00 into drawer 1) and M133 (1000.00 declared in drawer 1). */
export function m130MoneyIn(ticketNo: number, kind: 'MONEY_IN_OUT' | 'DRAWER_DECLARATION' = 'MONEY_IN_OUT') {
  const data: SignMutationInputs['signMoneyInOut'] = {
    ...fodBase(ticketNo),
    financials: [
      {
        id: '1',
        name: 'CASH',
        type: 'CASH',
        inputMethod: 'MANUAL',
        amount: kind === 'MONEY_IN_OUT' ? 100 : 1000,
        amountType: kind,
        drawer: { id: '1', name: 'Drawer 1' },
      },
    ],
  };
  return data;
}

/** M131: drawer 1 opened without a sale. */
export function m131DrawerOpen(ticketNo: number): SignMutationInputs['signDrawerOpen'] {
  return { ...fodBase(ticketNo), drawer: { id: '1', name: 'Drawer 1' } };
}

/** M132: the sale was paid by card, not cash. */
export function m132PaymentCorrection(
  ticketNo: number,
  sale: FdmReference,
): SignMutationInputs['signPaymentCorrection'] {
  return {
    ...fodBase(ticketNo),
    fdmRef: refOf(sale),
    financials: [
      { ...cash(-52) },
      {
        id: '2',
        name: 'MASTERCARD',
        type: 'CARD_CREDIT',
        inputMethod: 'AUTOMATIC',
        amount: 52,
        amountType: 'PAYMENT',
      },
    ],
  };
}

/** M140 / M141 / M170: clock in or out. */
export function workInOut(ticketNo: number, employeeId: string): SignMutationInputs['signWorkIn'] {
  return fodBase(ticketNo, { employeeId, terminalId: 'POS-2-REC', ticketMedium: 'NONE' });
}

/** M150: invoice for customer BE0308357159 over two sales. */
export function m150Invoice(ticketNo: number, sales: FdmReference[]): SignMutationInputs['signInvoice'] {
  return {
    ...fodBase(ticketNo),
    invoiceNo: '20240005',
    customerVatNo: 'BE0308357159',
    costCenter: { id: '100', type: 'CUSTOMER', reference: 'FIN' },
    fdmRefs: sales.map(refOf),
  };
}

/** M160 / M161 / M172: copy of an earlier event. */
export function copyOf(ticketNo: number, event: FdmReference): SignMutationInputs['signCopy'] {
  return { ...fodBase(ticketNo), fdmRef: refOf(event) };
}

const posDevices = [
  {
    posId: fodIdentity.posId,
    terminalId: 'TER-2-DIN',
    firstPosDateTime: '2024-07-29T10:00:00+02:00',
    lastPosDateTime: '2024-07-29T13:00:00+02:00',
  },
];

const fdmDevices = [
  {
    fdmId: fodIdentity.fdmId,
    firstFdmDateTime: '2024-07-29T08:00:01Z',
    firstTotalCounter: 1,
    lastFdmDateTime: '2024-07-29T11:00:01Z',
    lastTotalCounter: 20,
  },
];

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

/** M180 .. M183: turnover X and Z, user X and Z. */
export function reportOf(ticketNo: number, kind: 'TX' | 'TZ' | 'UX' | 'UZ') {
  const base = { ...fodBase(ticketNo, { employeeId: '00000000029' }), posDevices, fdmDevices };
  const z = { reportNo: 1, reportBookingDate: '2024-07-29' };
  switch (kind) {
    case 'TX':
      return { mutation: 'signReportTurnoverX', data: { ...base, turnover } } as const;
    case 'TZ':
      return { mutation: 'signReportTurnoverZ', data: { ...base, ...z, turnover } } as const;
    case 'UX':
      return { mutation: 'signReportUserX', data: { ...base, users } } as const;
    case 'UZ':
      return { mutation: 'signReportUserZ', data: { ...base, ...z, users } } as const;
  }
}

/** The GraphQL document for one sign mutation, selecting every SignResult field. */
export function signDocument(mutation: SignMutation): string {
  const input = inputTypeOf[mutation];
  return `mutation Sign($data: ${input}!, $isTraining: Boolean!) {
  signResult: ${mutation}(data: $data, isTraining: $isTraining) {
    posId posFiscalTicketNo posDateTime posSwVersion terminalId deviceId eventOperation
    fdmRef { fdmId fdmDateTime eventLabel eventCounter totalCounter }
    fdmSwVersion digitalSignature shortSignature verificationUrl
    vatCalc { label rate taxableAmount vatAmount totalAmount outOfScope }
    bufferCapacityUsed
    warnings { message extensions { category code data { name value } showPos } }
    informations { message extensions { category code data { name value } showPos } }
    footer
  }
}`;
}

export const inputTypeOf: Readonly<Record<SignMutation, string>> = {
  signSale: 'SaleInput',
  signInvoice: 'InvoiceInput',
  signOrder: 'OrderInput',
  signCostCenterChange: 'CostCenterChangeInput',
  signPreBill: 'PreBillInput',
  signMoneyInOut: 'MoneyInOutInput',
  signDrawerOpen: 'DrawerOpenInput',
  signPaymentCorrection: 'PaymentCorrectionInput',
  signWorkIn: 'WorkInOutInput',
  signWorkOut: 'WorkInOutInput',
  signCopy: 'CopyInput',
  signReportTurnoverX: 'ReportTurnoverXInput',
  signReportTurnoverZ: 'ReportTurnoverZInput',
  signReportUserX: 'ReportUserXInput',
  signReportUserZ: 'ReportUserZInput',
};
