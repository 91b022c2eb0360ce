import type { SignMutation } from '@gks/core';
import { signMutations } from '@gks/core';

/**
 * The GraphQL documents the client sends, built once at load. Field names are the FDM 2.0
 * schema's; the selection is the one real POS integrations request, so the same documents work
 * against our FDM and against FDMs of other makers.
 */

const messageItemSelection =
  'message locations { line column } extensions { category code data { name value } showPos }';

/**
 * shortSignature, verificationUrl and vatCalc are filled for sales only, but they live on the
 * common SignResult type, so every mutation asks for them and reads them as empty otherwise.
 */
export const signResultSelection = [
  'posId posFiscalTicketNo posDateTime terminalId deviceId eventOperation',
  'fdmRef { fdmId fdmDateTime eventLabel eventCounter totalCounter }',
  'fdmSwVersion digitalSignature shortSignature verificationUrl',
  'vatCalc { label rate taxableAmount vatAmount totalAmount outOfScope }',
  'bufferCapacityUsed',
  `warnings { ${messageItemSelection} }`,
  `informations { ${messageItemSelection} }`,
  'footer',
].join(' ');

export const deviceSelection = 'id fdmId fdmSwVersion fdmDateTime bufferCapacityUsed';

const statusSelection = [
  `device { ${deviceSelection} }`,
  'initialized',
  `informations { ${messageItemSelection} }`,
  `warnings { ${messageItemSelection} }`,
  `errors { ${messageItemSelection} }`,
].join(' ');

/** `signSale` -> `SaleInput`; the two work mutations share `WorkInOutInput`. */
const inputTypeNames: { readonly [M in SignMutation]: string } = {
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

export interface OperationDocument {
  readonly operationName: string;
  readonly query: string;
}

/** `signSale` -> `SignSale`. */
const operationNameOf = (mutation: SignMutation): string =>
  mutation.charAt(0).toUpperCase() + mutation.slice(1);

const buildSignDocument = (mutation: SignMutation): OperationDocument => {
  const operationName = operationNameOf(mutation);
  return {
    operationName,
    query:
      `mutation ${operationName}($data: ${inputTypeNames[mutation]}!, $isTraining: Boolean!) ` +
      `{ ${mutation}(data: $data, isTraining: $isTraining) { ${signResultSelection} } }`,
  };
};

export const signDocuments: { readonly [M in SignMutation]: OperationDocument } = Object.freeze(
  Object.fromEntries(signMutations.map((m) => [m, buildSignDocument(m)])) as Record<
    SignMutation,
    OperationDocument
  >,
);

/** Reverse lookup, for bytes read back from an outbox. */
export const mutationByOperationName: ReadonlyMap<string, SignMutation> = new Map(
  signMutations.map((m) => [signDocuments[m].operationName, m]),
);

/**
 * Two status documents: some FDMs predate the `language` argument, so it is only sent when the
 * caller asks for a language.
 */
export const statusDocument: OperationDocument = {
  operationName: 'Status',
  query: `query Status { status { ${statusSelection} } }`,
};

export const statusInLanguageDocument: OperationDocument = {
  operationName: 'StatusInLanguage',
  query: `query StatusInLanguage($language: Language!) { status(language: $language) { ${statusSelection} } }`,
};

export const deviceDocument: OperationDocument = {
  operationName: 'Device',
  query: `query Device { device { ${deviceSelection} } }`,
};
