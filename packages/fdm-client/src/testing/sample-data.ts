import type { MessageItem, SaleInput, SignMutation, SignResult, WorkInOutInput } from '@gks/core';
import { eventOperationOf, fodBase, fodIdentity, fodSample } from '@gks/core';

/** Test-only inputs and answers shaped like the FDM 2.0 examples: @gks/core's FOD samples with language NL. */

export const sampleWorkIn: WorkInOutInput = { ...fodBase, language: 'NL', ticketMedium: 'NONE' };

export const sampleSale: SaleInput = fodSample('signSale', { language: 'NL' });

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
  eventOperation: eventOperationOf[mutation],
  fdmRef: {
    fdmId: fodIdentity.fdmId,
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
