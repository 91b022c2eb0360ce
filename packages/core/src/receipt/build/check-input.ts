import { vatLabelValues } from '../../fdm-api/types.js';
import { checkEmployeeId } from '../../ids/employee-id.js';
import { checkVatNo } from '../../ids/vat-no.js';
import { parsePosDateTime } from '../../ids/date-time.js';
import { MAX_ABS_CENTS } from '../../money/money.js';
import { pluUnitValues } from '../../plu/fields.js';
import type { Problems } from '../problems.js';
import { printable } from '../render/printable.js';
import type { IssueContext, SaleContent, TicketLine, TicketPayment } from '../inputs.js';

/** Long enough for any real name or address line, short enough to keep a ticket a ticket. */
export const MAX_TEXT_LENGTH = 600;
const MAX_QUANTITY = 1_000_000;
const MAX_TICKET_NO = 999_999_999;

export const lineKinds = ['sale', 'correction', 'refund', 'discount'] as const;
const paymentKinds = ['payment', 'tip', 'rounding'] as const;

/** A non-empty string of at most MAX_TEXT_LENGTH characters. */
export function checkText(problems: Problems, field: string, value: unknown): value is string {
  if (typeof value !== 'string') {
    problems.add(field, `must be a string, got ${typeof value}`);
    return false;
  }
  if (printable(value).trim() === '') {
    problems.add(field, value.trim() === '' ? 'is empty' : 'has no printable character');
    return false;
  }
  if ([...value].length > MAX_TEXT_LENGTH) {
    problems.add(field, `is longer than ${MAX_TEXT_LENGTH} characters`);
    return false;
  }
  return true;
}

export function checkCents(problems: Problems, field: string, value: unknown): value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || Math.abs(value) > MAX_ABS_CENTS) {
    problems.add(field, `must be an integer number of cents within ±${MAX_ABS_CENTS}, got ${String(value)}`);
    return false;
  }
  return true;
}

export function checkTicketNo(problems: Problems, field: string, value: unknown): value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || value > MAX_TICKET_NO) {
    problems.add(field, `must be an integer 1..${MAX_TICKET_NO}, got ${String(value)}`);
    return false;
  }
  return true;
}

/** The instant of a posDateTime, or undefined after recording why it is not one. */
export function checkPosDateTime(problems: Problems, field: string, value: unknown): Date | undefined {
  if (typeof value !== 'string') {
    problems.add(field, `must be a string, got ${typeof value}`);
    return undefined;
  }
  const parsed = parsePosDateTime(value);
  if (!parsed.ok) {
    problems.add(field, parsed.error.reason);
    return undefined;
  }
  return parsed.value;
}

/**
 * The user is printed by alias only (C-42 e): something that reads as an INSZ/BIS number, even
 * written with separators, is refused rather than printed.
 */
export function checkUserAlias(problems: Problems, field: string, value: unknown): void {
  if (!checkText(problems, field, value)) return;
  const digits = value.replace(/[\s.\-/]/gu, '');
  if (/^[0-9]{11}$/u.test(digits) && checkEmployeeId(digits).ok) {
    problems.add(field, 'is an INSZ/BIS number: print the user alias, never the national number');
  }
}

/** Establishment, register, user, ticket number and date: returns the issue instant. */
export function checkIssueContext(problems: Problems, ctx: IssueContext): Date | undefined {
  checkText(problems, 'establishment.name', ctx.establishment.name);
  if (!Array.isArray(ctx.establishment.address as unknown) || ctx.establishment.address.length === 0) {
    problems.add('establishment.address', 'needs at least one line (C-42 b)');
  } else {
    ctx.establishment.address.forEach((line, i) => checkText(problems, `establishment.address[${i}]`, line));
  }
  const vatNo = checkVatNo(ctx.establishment.vatNo);
  if (!vatNo.ok) problems.add('establishment.vatNo', vatNo.error.reason);
  checkText(problems, 'register.posId', ctx.register.posId);
  checkText(problems, 'register.swVersion', ctx.register.swVersion);
  checkText(problems, 'register.terminalId', ctx.register.terminalId);
  if (ctx.register.terminalName !== undefined) {
    checkText(problems, 'register.terminalName', ctx.register.terminalName);
  }
  checkUserAlias(problems, 'userAlias', ctx.userAlias);
  checkTicketNo(problems, 'ticketNo', ctx.ticketNo);
  return checkPosDateTime(problems, 'posDateTime', ctx.posDateTime);
}

export function checkQuantity(problems: Problems, field: string, value: unknown): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > MAX_QUANTITY) {
    problems.add(field, `must be a finite number within ±${MAX_QUANTITY}, got ${String(value)}`);
    return false;
  }
  // Thousandths are grams and millilitres: finer than that is no quantity a till weighs or pours.
  if (Math.abs(value * 1000 - Math.round(value * 1000)) > 1e-6) {
    problems.add(field, `has more than 3 decimals: ${value}`);
    return false;
  }
  return true;
}

export function checkLine(problems: Problems, field: string, line: TicketLine): void {
  if (!(lineKinds as readonly string[]).includes(line.kind)) {
    problems.add(`${field}.kind`, `must be one of ${lineKinds.join(', ')}, got ${String(line.kind)}`);
  }
  checkText(problems, `${field}.description`, line.description);
  checkQuantity(problems, `${field}.quantity`, line.quantity);
  if (line.unit !== undefined && !(pluUnitValues as readonly string[]).includes(line.unit)) {
    problems.add(`${field}.unit`, `must be one of ${pluUnitValues.join(', ')}, got ${String(line.unit)}`);
  }
  checkCents(problems, `${field}.unitPriceCents`, line.unitPriceCents);
  if (!(vatLabelValues as readonly string[]).includes(line.vatLabel)) {
    problems.add(
      `${field}.vatLabel`,
      `must be one of ${vatLabelValues.join(', ')}, got ${String(line.vatLabel)}`,
    );
  }
  if (!checkCents(problems, `${field}.amountCents`, line.amountCents)) return;
  // C-31: corrections, returns and discounts are separate negative lines, never edited sales.
  if (line.kind === 'sale' && line.amountCents < 0) {
    problems.add(
      `${field}.amountCents`,
      'a sale line cannot be negative: use a correction, refund or discount line',
    );
  }
  if (line.kind !== 'sale' && line.amountCents > 0) {
    problems.add(
      `${field}.amountCents`,
      `a ${line.kind} line must be negative or zero, got ${line.amountCents}`,
    );
  }
}

function checkPayment(problems: Problems, field: string, payment: TicketPayment): void {
  if (!(paymentKinds as readonly string[]).includes(payment.kind)) {
    problems.add(`${field}.kind`, `must be one of ${paymentKinds.join(', ')}, got ${String(payment.kind)}`);
  }
  checkText(problems, `${field}.name`, payment.name);
  checkCents(problems, `${field}.amountCents`, payment.amountCents);
}

export function checkSaleContent(problems: Problems, content: SaleContent): void {
  if (!Array.isArray(content.lines as unknown)) problems.add('lines', 'must be a list');
  else content.lines.forEach((line, i) => checkLine(problems, `lines[${i}]`, line));
  if (!Array.isArray(content.payments as unknown)) problems.add('payments', 'must be a list');
  else content.payments.forEach((p, i) => checkPayment(problems, `payments[${i}]`, p));
  if (content.changeCents !== undefined && checkCents(problems, 'changeCents', content.changeCents)) {
    if (content.changeCents < 0) problems.add('changeCents', 'change handed back cannot be negative');
  }
  if (content.costCenter !== undefined) checkText(problems, 'costCenter', content.costCenter);
}
