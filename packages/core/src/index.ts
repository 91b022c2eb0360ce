export * from './result/result.js';
export * from './fdm-api/types.js';
export * from './fdm-api/invalid-request.js';
export * from './money/money.js';
export * from './ids/index.js';
export { brusselsOffsetMinutes, formatFdmDateTime, formatPosDateTime } from './datetime/brussels.js';
export { defaultVatRates, type VatRate, type VatRateTable } from './vat/vat-rates.js';
export { computeVatCalc, type VatCalcCents } from './vat/vat-calc.js';
export {
  circularVatCodes,
  circularVatCodeValues,
  isCircularVatCode,
  type CircularVatCode,
} from './vat/circular-vat-codes.js';
export { eventLabelOf, eventOperationOf, labelFor } from './labels/event-labels.js';
export {
  circularLabel,
  formatCircularCounter,
  type CircularLabel,
  type CircularEventType,
  type CircularTransactionType,
} from './labels/circular-labels.js';
export { formatFdmReference, parseFdmReference, type FdmReferenceCounters } from './labels/fdm-reference.js';
export { normalisePluDescription, pluText, pluCharacterConversions } from './plu/description.js';
export { pluQuantityField, pluPriceField, pluUnitValues, type PluUnit } from './plu/fields.js';
export { pluRecord, pluHash, pluRecordLength, type PluLine, type PluHash } from './plu/plu-hash.js';
export { parsePluLines, type PluInputProblem } from './plu/plu-line-input.js';
export * from './fdm-input/index.js';
export * from './reports/index.js';
export * from './receipt/index.js';
