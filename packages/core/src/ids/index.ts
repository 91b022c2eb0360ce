export type { IdCheck, IdError } from './id-check.js';
export { checkVatNo } from './vat-no.js';
export { checkEstNo } from './est-no.js';
export { checkPosId, checkPosProductionNo } from './pos-ids.js';
export { checkFdmId, checkFdmProductionNo } from './fdm-ids.js';
export { checkEmployeeId } from './employee-id.js';
export { checkBookingDate, checkBookingPeriodId } from './booking.js';
export { checkFdmDateTime, checkPosDateTime, parseFdmDateTime, parsePosDateTime } from './date-time.js';
export { idCheckers, isIdKind, type IdKind } from './id-checkers.js';
