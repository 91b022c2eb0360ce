import { checkBookingDate, checkBookingPeriodId } from './booking.js';
import { checkFdmDateTime, checkPosDateTime } from './date-time.js';
import { checkEmployeeId } from './employee-id.js';
import { checkEstNo } from './est-no.js';
import { checkFdmId, checkFdmProductionNo } from './fdm-ids.js';
import type { IdCheck } from './id-check.js';
import { checkPosId, checkPosProductionNo } from './pos-ids.js';
import { checkVatNo } from './vat-no.js';

export type IdKind =
  | 'vat-no'
  | 'est-no'
  | 'pos-id'
  | 'pos-production-no'
  | 'fdm-id'
  | 'fdm-production-no'
  | 'employee-id'
  | 'booking-period-id'
  | 'booking-date'
  | 'pos-date-time'
  | 'fdm-date-time';

/** Every validator by the name `gks check-id` and error messages use for it. */
export const idCheckers: Readonly<Record<IdKind, (v: string) => IdCheck>> = Object.freeze({
  'vat-no': checkVatNo,
  'est-no': checkEstNo,
  'pos-id': checkPosId,
  'pos-production-no': checkPosProductionNo,
  'fdm-id': checkFdmId,
  'fdm-production-no': checkFdmProductionNo,
  'employee-id': checkEmployeeId,
  'booking-period-id': checkBookingPeriodId,
  'booking-date': checkBookingDate,
  'pos-date-time': checkPosDateTime,
  'fdm-date-time': checkFdmDateTime,
});

export function isIdKind(kind: string): kind is IdKind {
  return Object.hasOwn(idCheckers, kind);
}
