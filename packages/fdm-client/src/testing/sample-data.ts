import type { MessageItem, SaleInput, SignMutation, SignResult, WorkInOutInput } from '@gks/core';

/** Test-only inputs and answers shaped like the FDM 2.0 examples. */

export const sampleWorkIn: WorkInOutInput = {
  language: 'NL',
  vatNo: 'BE0000000097',
  estNo: '2000000042',
  posId: 'CPOS0031234567',
  posFiscalTicketNo: 1000,
  posDateTime: '2025-06-12T14:03:11+02:00',
  posSwVersion: '1.0.0',
  deviceId: 'a1d3c2f0-3c3e-4b0f-9d4e-0b7d8c1e2f3a',
  terminalId: 'TER-1-BAR',
  bookingPeriodId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  bookingDate: '2025-06-12',
  ticketMedium: 'NONE',
  employeeId: '84022899837',
};

export const sampleSale: SaleInput = {
  ...sampleWorkIn,
  ticketMedium: 'PAPER',
  transaction: {
    transactionLines: [
      {
        lineType: 'SINGLE_PRODUCT',
        mainProduct: {
          productId: '10006',
          productName: 'Dry Martini',
          departmentId: '10',
          departmentName: 'Aperitifs',
          quantity: 2,
          quantityType: 'PIECE',
          unitPrice: 12,
          vats: [{ label: 'A', price: 24 }],
        },
        lineTotal: 24,
      },
    ],
    transactionTotal: 24,
  },
  financials: [
    { id: '1', name: 'CASH', type: 'CASH', inputMethod: 'MANUAL', amount: 24, amountType: 'PAYMENT' },
  ],
};

const operationOf: Record<SignMutation, SignResult['eventOperation']> = {
  signSale: 'SALE',
  signInvoice: 'INVOICE',
  signOrder: 'ORDER',
  signCostCenterChange: 'COST_CENTER_CHANGE',
  signPreBill: 'PRE_BILL',
  signMoneyInOut: 'MONEY_IN_OUT',
  signDrawerOpen: 'DRAWER_OPEN',
  signPaymentCorrection: 'PAYMENT_CORRECTION',
  signWorkIn: 'WORK_IN',
  signWorkOut: 'WORK_OUT',
  signCopy: 'COPY',
  signReportTurnoverX: 'REPORT_TURNOVER_X',
  signReportTurnoverZ: 'REPORT_TURNOVER_Z',
  signReportUserX: 'REPORT_USER_X',
  signReportUserZ: 'REPORT_USER_Z',
};

export const warning = (code: string, showPos: 'MANDATORY' | 'OPTIONAL' | 'NEVER'): MessageItem => ({
  message: `warning ${code}`,
  locations: null,
  extensions: { category: 'FDM', code, data: null, showPos },
});

export const signResultFor = (mutation: SignMutation, overrides: Partial<SignResult> = {}): SignResult => ({
  posId: sampleWorkIn.posId,
  posFiscalTicketNo: sampleWorkIn.posFiscalTicketNo,
  posDateTime: sampleWorkIn.posDateTime,
  terminalId: sampleWorkIn.terminalId,
  deviceId: sampleWorkIn.deviceId,
  eventOperation: operationOf[mutation],
  fdmRef: {
    fdmId: 'FOD01000001',
    fdmDateTime: '2025-06-12T12:03:12Z',
    eventLabel: 'N',
    eventCounter: 15,
    totalCounter: 59,
  },
  fdmSwVersion: '1.2.0',
  digitalSignature: 'c2lnbmF0dXJl',
  shortSignature: '',
  verificationUrl: '',
  vatCalc: null,
  bufferCapacityUsed: 0.25,
  warnings: null,
  informations: null,
  footer: ['Thank you'],
  ...overrides,
});

/** A GraphQL answer body carrying a sign result. */
export const signAnswer = (mutation: SignMutation, overrides: Partial<SignResult> = {}): unknown => ({
  data: { [mutation]: signResultFor(mutation, overrides) },
});

/** A GraphQL answer body with one FDM error. */
export const errorAnswer = (
  code: string,
  data: { name: string; value: string }[] = [],
  path = ['signSale'],
): unknown => ({
  data: null,
  errors: [{ message: `refused: ${code}`, path, extensions: { category: 'FDM', code, data } }],
});
