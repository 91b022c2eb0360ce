import type { SignResult, VatCalcItem } from '../../fdm-api/types.js';
import type { IssueContext, SaleContent, TicketLine, VatTicketInput } from '../inputs.js';

/**
 * FOD use case M110 (Dry Martini 2 x 12,00 A, Burger 28,00 B) as our POS prints it, with an FDM
 * answer shaped like ours. Tests derive hostile variants from these by changing one thing.
 */
export const m110Context: IssueContext = {
  establishment: {
    name: 'Brasserie De Zwaan',
    address: ['Grote Markt 9', '1000 Brussel'],
    vatNo: 'BE0000000097',
  },
  register: {
    posId: 'CPOS0031234567',
    swVersion: '1.8.3',
    terminalId: 'TER-1-BAR',
    terminalName: 'Bar',
  },
  severalRegisters: true,
  userAlias: 'Anna',
  ticketNo: 1000,
  posDateTime: '2025-06-12T14:03:11.250+02:00',
};

export const dryMartiniLine: TicketLine = {
  kind: 'sale',
  description: 'Dry Martini',
  quantity: 2,
  unitPriceCents: 1200,
  amountCents: 2400,
  vatLabel: 'A',
};

export const m110Sale: SaleContent = {
  lines: [
    dryMartiniLine,
    {
      kind: 'sale',
      description: 'Burger of the Chef',
      quantity: 1,
      unitPriceCents: 2800,
      amountCents: 2800,
      vatLabel: 'B',
    },
  ],
  payments: [{ kind: 'payment', name: 'Contant', amountCents: 5200 }],
  changeCents: 800,
};

export const m110ShortSignature = '3f9a6c2e81d04b7fa5c9e0d1b2a3948576f8e9d0';
export const m110VerificationUrl = `https://verify.gks.example/FOD01000001/52/${m110ShortSignature}`;

export const m110VatCalc = [
  { label: 'A', rate: 21, taxableAmount: 19.83, vatAmount: 4.17, totalAmount: 24, outOfScope: false },
  { label: 'B', rate: 12, taxableAmount: 25, vatAmount: 3, totalAmount: 28, outOfScope: false },
] as const satisfies readonly VatCalcItem[];

export const m110SignResult: SignResult = {
  posId: 'CPOS0031234567',
  posFiscalTicketNo: 1000,
  posDateTime: '2025-06-12T14:03:11.250+02:00',
  posSwVersion: '1.8.3',
  terminalId: 'TER-1-BAR',
  deviceId: 'b54a614f-39cc-4a7b-bd9f-aa6b693d769c',
  eventOperation: 'SALE',
  fdmRef: {
    fdmId: 'FOD01000001',
    fdmDateTime: '2025-06-12T12:03:12Z',
    eventLabel: 'N',
    eventCounter: 16,
    totalCounter: 52,
  },
  fdmSwVersion: '2.0.1',
  digitalSignature: 'MEUCIQDx3b5Jm8c1tq0yVYzXkq2pO9bW2m3q4r5s6t7u8v9w0xIgY2e5VQ==',
  shortSignature: m110ShortSignature,
  verificationUrl: m110VerificationUrl,
  vatCalc: [...m110VatCalc],
  bufferCapacityUsed: 0.01,
  footer: ['Bedankt en tot ziens!', 'Controleer uw ticket op gks.example'],
};

export const m110Input: VatTicketInput = { ...m110Context, ...m110Sale, signResult: m110SignResult };

/** The employee's INSZ from the FOD samples: it must never reach paper. */
export const m110EmployeeInsz = '84022899837';

/** The same sale signed in training mode: label T. The FDM's signature must still never print. */
export const m110TrainingSignResult: SignResult = {
  ...m110SignResult,
  fdmRef: { ...m110SignResult.fdmRef, eventLabel: 'T', eventCounter: 3 },
  verificationUrl: null,
  vatCalc: null,
};

/** An order on a table (P). */
export const m110OrderSignResult: SignResult = {
  ...m110SignResult,
  eventOperation: 'ORDER',
  fdmRef: { ...m110SignResult.fdmRef, eventLabel: 'P', eventCounter: 22, totalCounter: 53 },
  vatCalc: null,
};
