export { validateSignInput, type ValidatedSignInput } from './validate-sign-input.js';
export { fdmInputSubCodes, type FdmInputSubCode } from './sub-codes.js';
export { checkCustomerVatNo } from './customer-vat-no.js';
export {
  fodBase,
  fodCash,
  fodCashInOut,
  fodCopyOf,
  fodIdentity,
  fodLines,
  fodOrderFor,
  fodRefundOf,
  fodSaleOf,
  fodSample,
  fodSamples,
  fodTables,
  fodTerminals,
  fodTransaction,
  negatedLine,
} from './fod-samples.js';
