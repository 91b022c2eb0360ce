export { validateSignInput, type ValidatedSignInput } from './validate-sign-input.js';
export { fdmInputSubCodes, type FdmInputSubCode } from './sub-codes.js';
export { checkCustomerVatNo } from './customer-vat-no.js';
