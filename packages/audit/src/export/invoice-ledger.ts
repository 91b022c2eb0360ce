import type { Writable } from 'node:stream';
import { cents } from '../event/business.js';
import type { Finding } from '../findings/finding.js';
import type { FdmInput } from '../verify/verify.js';
import { csvField, eventInPeriod } from './export-events.js';
import type { Period } from './period.js';
import { readEvents } from './read-events.js';

const vatLabels = ['A', 'B', 'C', 'D', 'X'] as const;

export interface InvoiceEntry {
  readonly invoiceNo: string;
  readonly fdmDateTime: string;
  readonly bookingDate: string;
  readonly customerVatNo: string;
  readonly invoiceRef: string;
  readonly referencedEvents: readonly string[];
  readonly totalCents: number;
  readonly vat: Readonly<Record<string, { taxableCents: number; vatCents: number; totalCents: number }>>;
  /** Referenced N events that the input does not hold (their amounts are missing above). */
  readonly missing: readonly string[];
}

export const invoiceCsvColumns = [
  'invoiceNo',
  'fdmDateTime',
  'bookingDate',
  'customerVatNo',
  'invoiceRef',
  'referencedEvents',
  'total',
  ...vatLabels.flatMap((l) => [`taxable${l}`, `vat${l}`, `total${l}`]),
  'missingReferences',
] as const;

interface Reference {
  readonly label: string;
  readonly eventCounter: number;
  readonly totalCounter: number;
}

/**
 * The outgoing-invoices sub-ledger (C-45ter): every non-training I event of the period, with
 * the N events it covers and their amounts. Two passes over the input: the invoices first,
 * then only the amounts of the sales they reference, so memory holds the period's invoices.
 */
export async function invoiceLedger(
  input: FdmInput,
  period: Period,
  onFinding: (f: Finding) => void,
): Promise<InvoiceEntry[]> {
  const invoices: { entry: Omit<InvoiceEntry, 'totalCents' | 'vat' | 'missing'>; refs: Reference[] }[] = [];
  const wanted = new Map<number, { totalCents: number; vat: Map<string, [number, number, number]> } | null>();
  for await (const e of readEvents(input, onFinding)) {
    if (e.fields['eventOperation'] !== 'INVOICE' || e.fields['isTraining'] === true) continue;
    if (!eventInPeriod(e, period)) continue;
    const refs = (Array.isArray(e.request['fdmRefs']) ? e.request['fdmRefs'] : []).flatMap((r: unknown) => {
      const o = r as Record<string, unknown> | null;
      return typeof o?.['totalCounter'] === 'number' && typeof o['eventCounter'] === 'number'
        ? [
            {
              label: String(o['eventLabel']),
              eventCounter: o['eventCounter'],
              totalCounter: o['totalCounter'],
            },
          ]
        : [];
    });
    for (const r of refs) wanted.set(r.totalCounter, null);
    invoices.push({
      entry: {
        invoiceNo: String(e.request['invoiceNo'] ?? ''),
        fdmDateTime: String(e.fields['fdmDateTime']),
        bookingDate: String(e.request['bookingDate'] ?? ''),
        customerVatNo: String(e.request['customerVatNo'] ?? ''),
        invoiceRef: `${String(e.fields['eventLabel'])} ${String(e.fields['eventCounter'])}/${String(e.fields['totalCounter'])}`,
        referencedEvents: refs.map((r) => `${r.label} ${r.eventCounter}/${r.totalCounter}`),
      },
      refs,
    });
  }
  if (wanted.size > 0) {
    for await (const e of readEvents(input, () => undefined)) {
      const n = e.fields['totalCounter'];
      if (typeof n !== 'number' || !wanted.has(n) || e.fields['eventLabel'] !== 'N') continue;
      const transaction = e.request['transaction'] as Record<string, unknown> | undefined;
      const vat = new Map<string, [number, number, number]>();
      for (const v of Array.isArray(e.vatCalc) ? (e.vatCalc as Record<string, unknown>[]) : []) {
        vat.set(String(v['label']), [
          cents(v['taxableAmount']) ?? 0,
          cents(v['vatAmount']) ?? 0,
          cents(v['totalAmount']) ?? 0,
        ]);
      }
      wanted.set(n, { totalCents: cents(transaction?.['transactionTotal']) ?? 0, vat });
    }
  }
  return invoices.map(({ entry, refs }) => {
    let totalCents = 0;
    const vat: Record<string, { taxableCents: number; vatCents: number; totalCents: number }> = {};
    const missing: string[] = [];
    for (const r of refs) {
      const sale = wanted.get(r.totalCounter);
      if (!sale) {
        missing.push(`${r.label} ${r.eventCounter}/${r.totalCounter}`);
        continue;
      }
      totalCents += sale.totalCents;
      for (const [label, [t, v, tot]] of sale.vat) {
        const sum = (vat[label] ??= { taxableCents: 0, vatCents: 0, totalCents: 0 });
        sum.taxableCents += t;
        sum.vatCents += v;
        sum.totalCents += tot;
      }
    }
    return { ...entry, totalCents, vat, missing };
  });
}

const euro = (c: number | undefined) => (c === undefined ? '' : (c / 100).toFixed(2));

export async function writeInvoiceLedger(
  entries: readonly InvoiceEntry[],
  format: 'csv' | 'json',
  out: Writable,
): Promise<void> {
  if (format === 'json') {
    out.write(JSON.stringify(entries, null, 2) + '\n');
    return;
  }
  out.write(invoiceCsvColumns.join(',') + '\r\n');
  for (const e of entries) {
    const row = [
      e.invoiceNo,
      e.fdmDateTime,
      e.bookingDate,
      e.customerVatNo,
      e.invoiceRef,
      e.referencedEvents.join(' '),
      euro(e.totalCents),
      ...vatLabels.flatMap((l) => {
        const v = e.vat[l];
        return [euro(v?.taxableCents), euro(v?.vatCents), euro(v?.totalCents)];
      }),
      e.missing.join(' '),
    ];
    out.write(row.map(csvField).join(',') + '\r\n');
  }
}
