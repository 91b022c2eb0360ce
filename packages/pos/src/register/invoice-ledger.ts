import type { Database } from '../journal/journal.js';
import { readStoredEvent } from '../fiscal/stored-events.js';

/** One outgoing invoice as the sub-ledger lists it (C-45ter). */
export interface LedgerInvoice {
  readonly invoiceNo: string;
  readonly issuedAt: string;
  readonly customerName: string;
  readonly customerAddress: string;
  readonly customerVatNo: string;
  readonly totalCents: number;
  /** The FDM references of the invoice (I) and of the sales it covers (N). */
  readonly invoiceRef: string;
  readonly saleRefs: readonly string[];
}

const refText = (ref: {
  eventLabel: string;
  eventCounter: number;
  totalCounter: number;
  fdmId: string;
}): string => `${ref.fdmId} ${ref.eventLabel} ${ref.eventCounter}/${ref.totalCounter}`;

/** Signed invoices in number order. */
export async function outgoingInvoices(db: Database): Promise<LedgerInvoice[]> {
  const rows = await db
    .selectFrom('invoice')
    .innerJoin('fiscal_result', 'fiscal_result.event_seq', 'invoice.event_seq')
    .selectAll('invoice')
    .where('fiscal_result.outcome', '=', 'signed')
    .orderBy('invoice.invoice_no')
    .execute();
  const ledger: LedgerInvoice[] = [];
  for (const row of rows) {
    const event = await readStoredEvent(db, row.event_seq);
    const data = event?.data as
      | {
          invoiceNo?: string;
          fdmRefs?: { eventLabel: string; eventCounter: number; totalCounter: number; fdmId: string }[];
        }
      | undefined;
    ledger.push({
      invoiceNo: data?.invoiceNo ?? String(row.invoice_no),
      issuedAt: row.issued_at.toISOString(),
      customerName: row.customer_name,
      customerAddress: row.customer_address,
      customerVatNo: row.customer_vat_no,
      totalCents: row.total_cents,
      invoiceRef: event?.result ? refText(event.result.fdmRef) : '',
      saleRefs: (data?.fdmRefs ?? []).map(refText),
    });
  }
  return ledger;
}

const csvField = (value: string): string =>
  /[",\n;]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

/** The sub-ledger as CSV (comma separated, amounts in euros with a dot). */
export function invoiceLedgerCsv(invoices: readonly LedgerInvoice[]): string {
  const header =
    'invoice_no,issued_at,customer_name,customer_address,customer_vat_no,total_eur,invoice_fdm_ref,sale_fdm_refs';
  const lines = invoices.map((i) =>
    [
      i.invoiceNo,
      i.issuedAt,
      i.customerName,
      i.customerAddress,
      i.customerVatNo,
      (i.totalCents / 100).toFixed(2),
      i.invoiceRef,
      i.saleRefs.join(' | '),
    ]
      .map(csvField)
      .join(','),
  );
  return [header, ...lines].join('\n') + '\n';
}
