import type { Writable } from 'node:stream';
import { cents } from '../event/business.js';
import type { Finding } from '../findings/finding.js';
import type { FdmInput } from '../verify/verify.js';
import { belgianDate, inPeriod } from './period.js';
import type { Period } from './period.js';
import { readEvents } from './read-events.js';
import type { ExportedEvent } from './read-events.js';

const vatLabels = ['A', 'B', 'C', 'D', 'X'] as const;

export const eventCsvColumns = [
  'record',
  'fdmId',
  'fdmDateTime',
  'belgianDate',
  'eventLabel',
  'eventCounter',
  'totalCounter',
  'eventOperation',
  'isTraining',
  'posId',
  'terminalId',
  'deviceId',
  'posFiscalTicketNo',
  'posDateTime',
  'bookingDate',
  'employeeId',
  'costCenter',
  'total',
  ...vatLabels.flatMap((l) => [`taxable${l}`, `vat${l}`, `total${l}`]),
  'shortSignature',
  'digitalSignature',
] as const;

/** RFC 4180 field: quoted when it holds a comma, quote, CR or LF; formula starts neutralised. */
export function csvField(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = typeof value === 'string' ? value : String(value);
  // A spreadsheet would run =, +, -, @ at the start of free text as a formula.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const euro = (c: number | undefined) => (c === undefined ? '' : (c / 100).toFixed(2));

function vatOf(e: ExportedEvent): Map<string, { taxable?: number; vat?: number; total?: number }> {
  const out = new Map<string, { taxable?: number; vat?: number; total?: number }>();
  for (const v of Array.isArray(e.vatCalc) ? (e.vatCalc as Record<string, unknown>[]) : []) {
    if (typeof v?.['label'] !== 'string') continue;
    out.set(v['label'], {
      taxable: cents(v['taxableAmount']),
      vat: cents(v['vatAmount']),
      total: cents(v['totalAmount']),
    });
  }
  return out;
}

function csvRow(e: ExportedEvent): string {
  const f = e.fields;
  const r = e.request;
  const time = Date.parse(String(f['fdmDateTime']));
  const vat = vatOf(e);
  const transaction = r['transaction'] as Record<string, unknown> | undefined;
  const costCenter = r['costCenter'] as Record<string, unknown> | undefined;
  const row = [
    e.record,
    f['fdmId'],
    f['fdmDateTime'],
    Number.isNaN(time) ? '' : belgianDate(time),
    f['eventLabel'],
    f['eventCounter'],
    f['totalCounter'],
    f['eventOperation'],
    f['isTraining'],
    f['posId'],
    f['terminalId'],
    f['deviceId'],
    f['posFiscalTicketNo'],
    f['posDateTime'],
    r['bookingDate'],
    r['employeeId'],
    costCenter?.['reference'],
    euro(cents(transaction?.['transactionTotal'])),
    ...vatLabels.flatMap((l) => {
      const v = vat.get(l);
      return [euro(v?.taxable), euro(v?.vat), euro(v?.total)];
    }),
    e.shortSignature,
    e.digitalSignature,
  ];
  return row.map(csvField).join(',');
}

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', resolve));
}

export function eventInPeriod(e: ExportedEvent, period: Period): boolean {
  const time = Date.parse(String(e.fields['fdmDateTime']));
  return !Number.isNaN(time) && inPeriod(belgianDate(time), period);
}

/**
 * Writes the events whose fdmDateTime falls in the period (Belgian days, as FDM.DER selects
 * them) as CSV (one row per event, amounts in euro with a point) or as a JSON array of
 * {fdmRef, fields, data, vatCalc, signatures}. Returns how many were written.
 */
export async function exportEvents(
  input: FdmInput,
  period: Period,
  format: 'csv' | 'json',
  out: Writable,
  onFinding: (f: Finding) => void,
): Promise<number> {
  let count = 0;
  await write(out, format === 'csv' ? eventCsvColumns.join(',') + '\r\n' : '[');
  for await (const e of readEvents(input, onFinding)) {
    if (!eventInPeriod(e, period)) continue;
    if (format === 'csv') await write(out, csvRow(e) + '\r\n');
    else {
      const item = {
        record: e.record,
        fields: e.fields,
        data: e.request,
        vatCalc: e.vatCalc ?? null,
        digitalSignature: e.digitalSignature ?? null,
        shortSignature: e.shortSignature ?? null,
      };
      await write(out, (count === 0 ? '\n' : ',\n') + JSON.stringify(item));
    }
    count++;
  }
  if (format === 'json') await write(out, count === 0 ? ']\n' : '\n]\n');
  return count;
}
