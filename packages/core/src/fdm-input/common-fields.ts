import type { SaleInput } from '../fdm-api/types.js';
import {
  checkBookingDate,
  checkBookingPeriodId,
  checkEmployeeId,
  checkEstNo,
  checkPosDateTime,
  checkPosId,
  checkVatNo,
} from '../ids/index.js';
import type { Findings } from './findings.js';
import { checkFormat, expected } from './format.js';
import { limits } from './limits.js';
import { readInteger } from './numbers.js';
import { checkTrimmedText } from './text.js';

/** The block every sign input starts with (fdm-v2.graphql, "common input block"). */
export type CommonInputFields = Pick<
  SaleInput,
  | 'language'
  | 'vatNo'
  | 'estNo'
  | 'posId'
  | 'posFiscalTicketNo'
  | 'posDateTime'
  | 'posSwVersion'
  | 'deviceId'
  | 'terminalId'
  | 'bookingPeriodId'
  | 'bookingDate'
  | 'ticketMedium'
  | 'employeeId'
>;

export const maxPosFiscalTicketNo = 999_999_999;

/** Checks the formats of the common block; language and ticketMedium are GraphQL enums. */
export function checkCommonFields(findings: Findings, data: CommonInputFields): void {
  checkFormat(findings, 'INVALID_VATNO', 'vatNo', data.vatNo, checkVatNo, expected.vatNo);
  checkFormat(findings, 'INVALID_ESTNO', 'estNo', data.estNo, checkEstNo, expected.estNo);
  checkFormat(findings, 'INVALID_POSID', 'posId', data.posId, checkPosId, expected.posId);
  readInteger(
    findings,
    'INVALID_POSFISCALTICKETNO',
    'posFiscalTicketNo',
    data.posFiscalTicketNo,
    1,
    maxPosFiscalTicketNo,
  );
  checkFormat(
    findings,
    'INVALID_POSDATETIME',
    'posDateTime',
    data.posDateTime,
    checkPosDateTime,
    expected.posDateTime,
  );
  checkTrimmedText(
    findings,
    'INVALID_POSSWVERSION',
    'posSwVersion',
    data.posSwVersion,
    limits.maxPosSwVersionLength,
  );
  checkTrimmedText(findings, 'INVALID_DEVICEID', 'deviceId', data.deviceId, limits.maxTextLength);
  checkTrimmedText(findings, 'INVALID_TERMINALID', 'terminalId', data.terminalId, limits.maxTextLength);
  checkFormat(
    findings,
    'INVALID_BOOKINGPERIODID',
    'bookingPeriodId',
    data.bookingPeriodId,
    checkBookingPeriodId,
    expected.bookingPeriodId,
  );
  checkFormat(
    findings,
    'INVALID_BOOKINGDATE',
    'bookingDate',
    data.bookingDate,
    checkBookingDate,
    expected.date,
  );
  checkFormat(
    findings,
    'INVALID_EMPLOYEEID',
    'employeeId',
    data.employeeId,
    checkEmployeeId,
    expected.employeeId,
  );
}
