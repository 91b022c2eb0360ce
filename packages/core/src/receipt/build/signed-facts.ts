import { eventLabelValues, vatLabelValues, type EventLabel, type SignResult } from '../../fdm-api/types.js';
import { parseFdmDateTime } from '../../ids/date-time.js';
import { formatFdmReference } from '../../labels/fdm-reference.js';
import { eurosToCents } from '../../money/money.js';
import type { IssueContext } from '../inputs.js';
import type { ControlDataBlock, VatTableRow } from '../model.js';
import type { Problems } from '../problems.js';
import { brusselsDateAndTime } from './brussels-time.js';
import { MAX_TEXT_LENGTH, checkText } from './check-input.js';

/** What a ticket prints from the FDM's answer, checked and in cents. */
export interface SignedFacts {
  readonly eventLabel: EventLabel;
  /** "N 16/52" */
  readonly fdmReference: string;
  readonly controlData: ControlDataBlock;
  readonly verificationUrl?: string;
  readonly footer: readonly string[];
  /** Only when the FDM returned a vatCalc (N events). */
  readonly vatCalc?: readonly VatTableRow[];
}

export interface SignedFactsExpectation {
  /** The labels this kind of print may carry, e.g. only N for a VAT ticket. */
  readonly labels: readonly EventLabel[];
  readonly heading?: string;
}

// C-32: the FDM's signature never appears on these, whatever the FDM returned.
const unsignedLabels: readonly EventLabel[] = ['T', 'P'];
const MAX_URL_LENGTH = 1000;
const MAX_FOOTER_LINES = 50;
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/u;

/**
 * Checks a SignResult as received against the ticket it belongs to (same POS, ticket number,
 * date and terminal) and returns what gets printed. Everything from the wire is checked, because
 * a wrong answer printed on a fiscal ticket cannot be taken back.
 */
export function readSignedFacts(
  problems: Problems,
  signResult: SignResult,
  ctx: IssueContext,
  expect: SignedFactsExpectation,
): SignedFacts | undefined {
  const before = problems.list.length;
  if (typeof signResult !== 'object' || signResult === null) {
    problems.add('signResult', 'is missing');
    return undefined;
  }
  const ref = signResult.fdmRef as SignResult['fdmRef'] | undefined;
  if (typeof ref !== 'object' || ref === null) {
    problems.add('signResult.fdmRef', 'is missing');
    return undefined;
  }
  const labelOk = (eventLabelValues as readonly string[]).includes(ref.eventLabel);
  if (!labelOk || !expect.labels.includes(ref.eventLabel)) {
    problems.add(
      'signResult.fdmRef.eventLabel',
      `must be ${expect.labels.join(' or ')} for this print, got ${String(ref.eventLabel)}`,
    );
  }
  const countersOk = checkCounters(problems, ref.eventCounter, ref.totalCounter);
  const instant = parseFdm(problems, ref.fdmDateTime);
  checkText(problems, 'signResult.fdmRef.fdmId', ref.fdmId);
  checkText(problems, 'signResult.fdmSwVersion', signResult.fdmSwVersion);
  sameAs(problems, 'signResult.posId', signResult.posId, ctx.register.posId);
  sameAs(problems, 'signResult.posFiscalTicketNo', signResult.posFiscalTicketNo, ctx.ticketNo);
  sameAs(problems, 'signResult.posDateTime', signResult.posDateTime, ctx.posDateTime);
  sameAs(problems, 'signResult.terminalId', signResult.terminalId, ctx.register.terminalId);
  const shortSignature = readShortSignature(problems, signResult, ref.eventLabel);
  const verificationUrl = readVerificationUrl(problems, signResult.verificationUrl);
  const footer = readFooter(problems, signResult.footer);
  const vatCalc = readVatCalc(problems, signResult.vatCalc);
  if (problems.list.length > before || !countersOk || instant === undefined) return undefined;

  const { date, time } = brusselsDateAndTime(instant);
  const controlData: ControlDataBlock = {
    kind: 'controlData',
    heading: expect.heading ?? 'Controlegegevens',
    fdmDate: date,
    fdmTime: time,
    ticketCounter: formatFdmReference(ref),
    ...(shortSignature === undefined ? {} : { shortSignature }),
    fdmId: ref.fdmId,
    fdmSwVersion: signResult.fdmSwVersion,
    posId: ctx.register.posId,
    posSwVersion: ctx.register.swVersion,
    terminal: ctx.register.terminalName ?? ctx.register.terminalId,
  };
  return {
    eventLabel: ref.eventLabel,
    fdmReference: controlData.ticketCounter,
    controlData,
    ...(verificationUrl === undefined ? {} : { verificationUrl }),
    footer,
    ...(vatCalc === undefined ? {} : { vatCalc }),
  };
}

function checkCounters(problems: Problems, eventCounter: unknown, totalCounter: unknown): boolean {
  const counter = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 1;
  if (!counter(eventCounter)) {
    problems.add('signResult.fdmRef.eventCounter', `must be an integer >= 1, got ${String(eventCounter)}`);
  }
  if (!counter(totalCounter)) {
    problems.add('signResult.fdmRef.totalCounter', `must be an integer >= 1, got ${String(totalCounter)}`);
  }
  if (!counter(eventCounter) || !counter(totalCounter)) return false;
  if (eventCounter > totalCounter) {
    problems.add(
      'signResult.fdmRef.eventCounter',
      `${eventCounter} exceeds the total counter ${totalCounter}`,
    );
    return false;
  }
  return true;
}

function parseFdm(problems: Problems, value: unknown): Date | undefined {
  if (typeof value !== 'string') {
    problems.add('signResult.fdmRef.fdmDateTime', `must be a string, got ${typeof value}`);
    return undefined;
  }
  const parsed = parseFdmDateTime(value);
  if (!parsed.ok) {
    problems.add('signResult.fdmRef.fdmDateTime', parsed.error.reason);
    return undefined;
  }
  return parsed.value;
}

function sameAs(problems: Problems, field: string, received: unknown, sent: unknown): void {
  if (received !== sent) {
    problems.add(
      field,
      `${JSON.stringify(received)} is not the ticket's ${JSON.stringify(sent)}: this answer belongs to another event`,
    );
  }
}

function readShortSignature(
  problems: Problems,
  signResult: SignResult,
  label: EventLabel,
): string | undefined {
  if (unsignedLabels.includes(label)) return undefined;
  const value = signResult.shortSignature;
  if (value === undefined || value === null) {
    // C-32: a VAT ticket exists only once signed.
    if (label === 'N')
      problems.add('signResult.shortSignature', 'is missing: a VAT ticket is printed only once signed');
    return undefined;
  }
  if (typeof value !== 'string' || value.length > 100 || !PRINTABLE_ASCII.test(value)) {
    problems.add('signResult.shortSignature', 'must be 1..100 printable ASCII characters without spaces');
    return undefined;
  }
  return value;
}

function readVerificationUrl(problems: Problems, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (
    typeof value !== 'string' ||
    value.length > MAX_URL_LENGTH ||
    !PRINTABLE_ASCII.test(value) ||
    !/^https?:\/\//u.test(value)
  ) {
    problems.add(
      'signResult.verificationUrl',
      `must be an http(s) URL of at most ${MAX_URL_LENGTH} printable ASCII characters`,
    );
    return undefined;
  }
  return value;
}

function readFooter(problems: Problems, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.add('signResult.footer', 'must be a list of lines');
    return [];
  }
  if (value.length > MAX_FOOTER_LINES) {
    problems.add('signResult.footer', `has more than ${MAX_FOOTER_LINES} lines`);
    return [];
  }
  const lines: string[] = [];
  value.forEach((line: unknown, i) => {
    if (typeof line !== 'string' || line.length > MAX_TEXT_LENGTH) {
      problems.add(`signResult.footer[${i}]`, `must be a string of at most ${MAX_TEXT_LENGTH} characters`);
    } else lines.push(line);
  });
  return lines;
}

function readVatCalc(problems: Problems, value: unknown): VatTableRow[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    problems.add('signResult.vatCalc', 'must be a list');
    return undefined;
  }
  const rows: VatTableRow[] = [];
  const seen = new Set<string>();
  value.forEach((item: Record<string, unknown> | null, i) => {
    const field = `signResult.vatCalc[${i}]`;
    if (typeof item !== 'object' || item === null) {
      problems.add(field, 'must be an object');
      return;
    }
    const label = item['label'];
    if (typeof label !== 'string' || !(vatLabelValues as readonly string[]).includes(label)) {
      problems.add(`${field}.label`, `must be one of ${vatLabelValues.join(', ')}, got ${String(label)}`);
      return;
    }
    if (seen.has(label)) problems.add(`${field}.label`, `${label} occurs twice`);
    seen.add(label);
    const rate = item['rate'];
    if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0 || rate > 100) {
      problems.add(`${field}.rate`, `must be a percentage 0..100, got ${String(rate)}`);
    }
    const taxable = cents(problems, `${field}.taxableAmount`, item['taxableAmount']);
    const vat = cents(problems, `${field}.vatAmount`, item['vatAmount']);
    const total = cents(problems, `${field}.totalAmount`, item['totalAmount']);
    if (taxable === undefined || vat === undefined || total === undefined || typeof rate !== 'number') return;
    if (taxable + vat !== total) {
      problems.add(field, `taxable ${taxable} + VAT ${vat} cents is not the total ${total} cents`);
      return;
    }
    rows.push({
      label: label as VatTableRow['label'],
      ratePercent: rate,
      taxableCents: taxable,
      vatCents: vat,
      totalCents: total,
      outOfScope: item['outOfScope'] === true,
    });
  });
  return rows;
}

// The one place where the FDM's euros become cents.
function cents(problems: Problems, field: string, euros: unknown): number | undefined {
  const converted = eurosToCents(euros as number);
  if (!converted.ok) {
    problems.add(field, converted.error.message);
    return undefined;
  }
  return converted.value;
}
