import type {
  FdmDeviceInput,
  PaymentTotalInput,
  PosDeviceInput,
  TurnoverInput,
  UserItemInput,
} from '../fdm-api/types.js';
import {
  checkBookingDate,
  checkEmployeeId,
  checkFdmDateTime,
  checkFdmId,
  checkPosDateTime,
  checkPosId,
} from '../ids/index.js';
import { type Findings, at, member } from './findings.js';
import { checkFormat, expected } from './format.js';
import { checkInvoiceNo } from './invoice.js';
import { limits } from './limits.js';
import { checkListSize, formatCents, readAmount, readCount, readInteger } from './numbers.js';
import { checkForeignCurrency } from './payment-lines.js';
import { checkText, checkTrimmedText } from './text.js';

const maxInt = 2_147_483_647;

/** reportNo and reportBookingDate of the Z reports. */
export function checkZReportFields(
  findings: Findings,
  data: { reportNo: number; reportBookingDate: string },
): void {
  readInteger(findings, 'INVALID_REPORTNO', 'reportNo', data.reportNo, 1, maxInt);
  checkFormat(
    findings,
    'INVALID_REPORTBOOKINGDATE',
    'reportBookingDate',
    data.reportBookingDate,
    checkBookingDate,
    expected.date,
  );
}

export function checkPosDevices(findings: Findings, devices: readonly PosDeviceInput[]): void {
  if (!checkListSize(findings, 'posDevices', devices)) return;
  devices.forEach((device, index) => {
    const field = at('posDevices', index);
    checkFormat(findings, 'INVALID_POSID', member(field, 'posId'), device.posId, checkPosId, expected.posId);
    checkTrimmedText(
      findings,
      'INVALID_TERMINALID',
      member(field, 'terminalId'),
      device.terminalId,
      limits.maxTextLength,
    );
    checkPosPeriod(findings, field, device);
  });
}

export function checkFdmDevices(findings: Findings, devices: readonly FdmDeviceInput[]): void {
  if (!checkListSize(findings, 'fdmDevices', devices)) return;
  devices.forEach((device, index) => {
    const field = at('fdmDevices', index);
    checkFormat(findings, 'INVALID_FDMID', member(field, 'fdmId'), device.fdmId, checkFdmId, expected.fdmId);
    const firstOk = checkFormat(
      findings,
      'INVALID_FDMDATETIME',
      member(field, 'firstFdmDateTime'),
      device.firstFdmDateTime,
      checkFdmDateTime,
      expected.fdmDateTime,
    );
    const lastOk = checkFormat(
      findings,
      'INVALID_FDMDATETIME',
      member(field, 'lastFdmDateTime'),
      device.lastFdmDateTime,
      checkFdmDateTime,
      expected.fdmDateTime,
    );
    if (firstOk && lastOk) {
      checkOrder(findings, member(field, 'lastFdmDateTime'), device.firstFdmDateTime, device.lastFdmDateTime);
    }
    const first = readInteger(
      findings,
      'INVALID_REPORT_COUNTERS',
      member(field, 'firstTotalCounter'),
      device.firstTotalCounter,
      1,
      maxInt,
    );
    const last = readInteger(
      findings,
      'INVALID_REPORT_COUNTERS',
      member(field, 'lastTotalCounter'),
      device.lastTotalCounter,
      1,
      maxInt,
    );
    if (first !== undefined && last !== undefined && first > last) {
      findings.add(
        'INVALID_REPORT_COUNTERS',
        member(field, 'lastTotalCounter'),
        `${field}.lastTotalCounter (${last}) is below firstTotalCounter (${first}); counters only grow.`,
      );
    }
  });
}

export function checkTurnover(findings: Findings, turnover: TurnoverInput): void {
  const field = 'turnover';
  eachItem(findings, member(field, 'transactions'), turnover.transactions, (f, item) => {
    readCount(findings, member(f, 'ticketCount'), item.ticketCount);
    readAmount(findings, member(f, 'amount'), item.amount);
  });
  eachItem(findings, member(field, 'departments'), turnover.departments, (f, item) => {
    checkText(findings, member(f, 'departmentId'), item.departmentId);
    checkText(findings, member(f, 'departmentName'), item.departmentName);
    readAmount(findings, member(f, 'amount'), item.amount);
  });
  eachItem(findings, member(field, 'vats'), turnover.vats, (f, item) => {
    if (!(Number.isFinite(item.rate) && item.rate >= 0 && item.rate <= 100)) {
      findings.add(
        'INVALID_VAT_RATE',
        member(f, 'rate'),
        `${f}.rate must be a percentage from 0 to 100, got ${String(item.rate)}.`,
      );
    }
    const taxable = readAmount(findings, member(f, 'taxableAmount'), item.taxableAmount);
    const vat = readAmount(findings, member(f, 'vatAmount'), item.vatAmount);
    const total = readAmount(findings, member(f, 'totalAmount'), item.totalAmount);
    if (taxable !== undefined && vat !== undefined && total !== undefined && taxable + vat !== total) {
      findings.add(
        'VAT_TOTAL_MISMATCH',
        member(f, 'totalAmount'),
        `${f}.totalAmount is ${formatCents(total)} but taxableAmount + vatAmount is ${formatCents(taxable + vat)}; they must be equal.`,
      );
    }
  });
  checkPaymentTotals(findings, member(field, 'payments'), turnover.payments);
  if (turnover.drawersOpenCount !== undefined && turnover.drawersOpenCount !== null) {
    readCount(findings, member(field, 'drawersOpenCount'), turnover.drawersOpenCount);
  }
  eachItem(findings, member(field, 'negQuantities'), turnover.negQuantities, (f, item) => {
    readCount(findings, member(f, 'negQuantityCount'), item.negQuantityCount);
    readCount(findings, member(f, 'ticketCount'), item.ticketCount);
    readAmount(findings, member(f, 'amount'), item.amount);
  });
  eachItem(findings, member(field, 'priceChanges'), turnover.priceChanges, (f, item) => {
    checkText(findings, member(f, 'id'), item.id);
    checkText(findings, member(f, 'name'), item.name);
    eachItem(findings, member(f, 'amount'), item.amount, (g, perVat) => {
      readAmount(findings, member(g, 'negative'), perVat.negative);
      readAmount(findings, member(g, 'positive'), perVat.positive);
    });
  });
  eachItem(findings, member(field, 'invoices'), turnover.invoices ?? [], (f, item) => {
    checkInvoiceNo(findings, member(f, 'invoiceNo'), item.invoiceNo);
    readAmount(findings, member(f, 'amount'), item.amount);
  });
}

export function checkUsers(findings: Findings, users: readonly UserItemInput[]): void {
  eachItem(findings, 'users', users, (field, user) => {
    checkFormat(
      findings,
      'INVALID_EMPLOYEEID',
      member(field, 'employeeId'),
      user.employeeId,
      checkEmployeeId,
      expected.employeeId,
    );
    readAmount(findings, member(field, 'totalAmount'), user.totalAmount);
    checkPosPeriod(findings, field, user);
    eachItem(findings, member(field, 'socialEvents'), user.socialEvents, (f, event) => {
      checkFormat(
        findings,
        'INVALID_POSDATETIME',
        member(f, 'posDateTime'),
        event.posDateTime,
        checkPosDateTime,
        expected.posDateTime,
      );
    });
    checkPaymentTotals(findings, member(field, 'payments'), user.payments);
  });
}

/**
 * Per payment method and line type: total = normal - negative corrections + positive
 * corrections. How a POS signs negativeCorrections is not documented (Odoo sends zeros), so
 * both -5.00 and 5.00 mean "5.00 corrected away".
 */
function checkPaymentTotals(findings: Findings, field: string, payments: readonly PaymentTotalInput[]): void {
  eachItem(findings, field, payments, (f, payment) => {
    checkText(findings, member(f, 'id'), payment.id);
    checkText(findings, member(f, 'name'), payment.name);
    eachItem(findings, member(f, 'amount'), payment.amount, (g, amount) => {
      const normal = readAmount(findings, member(g, 'normalAmount'), amount.normalAmount);
      const negative = readAmount(findings, member(g, 'negativeCorrections'), amount.negativeCorrections);
      const positive = readAmount(findings, member(g, 'positiveCorrections'), amount.positiveCorrections);
      readCount(findings, member(g, 'correctionsCount'), amount.correctionsCount);
      const total = readAmount(findings, member(g, 'totalAmount'), amount.totalAmount);
      if (normal !== undefined && negative !== undefined && positive !== undefined && total !== undefined) {
        const expectedTotal = normal - Math.abs(negative) + Math.abs(positive);
        if (expectedTotal !== total) {
          findings.add(
            'PAYMENT_TOTAL_MISMATCH',
            member(g, 'totalAmount'),
            `${g}.totalAmount is ${formatCents(total)} but normalAmount - negativeCorrections + positiveCorrections is ${formatCents(expectedTotal)}; they must be equal.`,
          );
        }
      }
      eachItem(findings, member(g, 'normalForeign'), amount.normalForeign ?? [], (h, foreign) =>
        checkForeignCurrency(findings, h, foreign),
      );
      eachItem(findings, member(g, 'correctionsForeign'), amount.correctionsForeign ?? [], (h, foreign) =>
        checkForeignCurrency(findings, h, foreign),
      );
    });
  });
}

function checkPosPeriod(
  findings: Findings,
  field: string,
  period: { firstPosDateTime: string; lastPosDateTime: string },
): void {
  const firstOk = checkFormat(
    findings,
    'INVALID_POSDATETIME',
    member(field, 'firstPosDateTime'),
    period.firstPosDateTime,
    checkPosDateTime,
    expected.posDateTime,
  );
  const lastOk = checkFormat(
    findings,
    'INVALID_POSDATETIME',
    member(field, 'lastPosDateTime'),
    period.lastPosDateTime,
    checkPosDateTime,
    expected.posDateTime,
  );
  if (firstOk && lastOk) {
    checkOrder(findings, member(field, 'lastPosDateTime'), period.firstPosDateTime, period.lastPosDateTime);
  }
}

/** Both times already passed their format check, so Date.parse reads them exactly. */
function checkOrder(findings: Findings, lastField: string, first: string, last: string): void {
  if (Date.parse(first) > Date.parse(last)) {
    findings.add(
      'INVALID_REPORT_PERIOD',
      lastField,
      `${lastField} (${last}) lies before the start of the period (${first}).`,
    );
  }
}

function eachItem<T>(
  findings: Findings,
  field: string,
  items: readonly T[],
  check: (itemField: string, item: T) => void,
): void {
  if (!checkListSize(findings, field, items)) return;
  items.forEach((item, index) => check(at(field, index), item));
}
