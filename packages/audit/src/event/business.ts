import { eurosToCents } from '@gks/core';

/** A referenced event as the request names it (an fdmRef). */
export interface ReferencedEvent {
  readonly fdmId: string;
  readonly fdmDateTime: string;
  readonly eventLabel: string;
  readonly eventCounter: number;
  readonly totalCounter: number;
}

export interface VatLine {
  readonly label: string;
  readonly taxableCents: number;
  readonly vatCents: number;
  readonly totalCents: number;
}

/** What a turnover Z report claims, in cents. */
export interface TurnoverClaim {
  readonly reportNo: number | undefined;
  readonly ranges: readonly { fdmId: string; first: number; last: number }[];
  readonly transactions: readonly { label: string; count: number; cents: number | undefined }[];
  readonly vats: readonly VatLine[];
  readonly drawersOpenCount: number | undefined;
}

/**
 * The few facts of a request and answer that the ledger checks and exports need, taken out in
 * the worker so the main thread handles small values, not whole events. Amounts in cents.
 */
export interface EventFacts {
  readonly totalCents?: number;
  readonly vat?: readonly VatLine[];
  readonly costCenter?: string;
  readonly transfers?: {
    readonly from: readonly [string, number][];
    readonly to: readonly [string, number][];
  };
  readonly references?: readonly ReferencedEvent[];
  readonly employeeId?: string;
  readonly invoice?: { readonly invoiceNo: string; readonly customerVatNo: string };
  readonly turnover?: TurnoverClaim;
  readonly reportNo?: number;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const int = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined;
export const cents = (v: unknown): number | undefined => {
  if (typeof v !== 'number') return undefined;
  const r = eurosToCents(v);
  return r.ok ? r.value : undefined;
};

function reference(v: unknown): ReferencedEvent | undefined {
  const r = obj(v);
  if (!r) return undefined;
  const fdmId = str(r['fdmId']);
  const fdmDateTime = str(r['fdmDateTime']);
  const eventLabel = str(r['eventLabel']);
  const eventCounter = int(r['eventCounter']);
  const totalCounter = int(r['totalCounter']);
  if (fdmId === undefined || fdmDateTime === undefined || eventLabel === undefined) return undefined;
  if (eventCounter === undefined || totalCounter === undefined) return undefined;
  return { fdmId, fdmDateTime, eventLabel, eventCounter, totalCounter };
}

function vatLines(v: unknown, totalKey: string): VatLine[] {
  const out: VatLine[] = [];
  for (const item of arr(v)) {
    const o = obj(item);
    const label = str(o?.['label']);
    const taxableCents = cents(o?.['taxableAmount']);
    const vatCents = cents(o?.['vatAmount']);
    const totalCents = cents(o?.[totalKey]);
    if (label === undefined || taxableCents === undefined || vatCents === undefined) continue;
    if (totalCents === undefined) continue;
    out.push({ label, taxableCents, vatCents, totalCents });
  }
  return out;
}

function transferSide(v: unknown): [string, number][] {
  // The schema accepts a single object where a list is expected.
  const items = Array.isArray(v) ? v : v === undefined ? [] : [v];
  const out: [string, number][] = [];
  for (const item of items) {
    const o = obj(item);
    const ref = str(obj(o?.['costCenter'])?.['reference']);
    const total = cents(obj(o?.['transaction'])?.['transactionTotal']);
    if (ref !== undefined) out.push([ref, total ?? 0]);
  }
  return out;
}

function turnoverClaim(request: Json): TurnoverClaim {
  const turnover = obj(request['turnover']) ?? {};
  return {
    reportNo: int(request['reportNo']),
    ranges: arr(request['fdmDevices']).flatMap((d) => {
      const o = obj(d);
      const fdmId = str(o?.['fdmId']);
      const first = int(o?.['firstTotalCounter']);
      const last = int(o?.['lastTotalCounter']);
      return fdmId !== undefined && first !== undefined && last !== undefined ? [{ fdmId, first, last }] : [];
    }),
    transactions: arr(turnover['transactions']).flatMap((t) => {
      const o = obj(t);
      const label = str(o?.['eventLabel']);
      const count = int(o?.['ticketCount']);
      return label !== undefined && count !== undefined
        ? [{ label, count, cents: cents(o?.['amount']) }]
        : [];
    }),
    vats: vatLines(turnover['vats'], 'totalAmount'),
    drawersOpenCount: int(turnover['drawersOpenCount']),
  };
}

export function factsOf(operation: string, requestValue: unknown, vatCalc: unknown): EventFacts {
  const request = obj(requestValue);
  if (!request) return {};
  const facts: {
    -readonly [K in keyof EventFacts]: EventFacts[K];
  } = {};
  const total = cents(obj(request['transaction'])?.['transactionTotal']);
  if (total !== undefined) facts.totalCents = total;
  const vat = vatLines(vatCalc, 'totalAmount');
  if (vat.length > 0) facts.vat = vat;
  const costCenter = str(obj(request['costCenter'])?.['reference']);
  if (costCenter !== undefined) facts.costCenter = costCenter;
  const employeeId = str(request['employeeId']);
  if (employeeId !== undefined) facts.employeeId = employeeId;
  switch (operation) {
    case 'COST_CENTER_CHANGE': {
      const transfer = obj(request['transfer']);
      facts.transfers = { from: transferSide(transfer?.['from']), to: transferSide(transfer?.['to']) };
      break;
    }
    case 'SALE':
    case 'COPY':
    case 'PAYMENT_CORRECTION': {
      const ref = reference(request['fdmRef']);
      if (ref) facts.references = [ref];
      break;
    }
    case 'INVOICE': {
      facts.references = arr(request['fdmRefs']).flatMap((r) => {
        const ref = reference(r);
        return ref ? [ref] : [];
      });
      facts.invoice = {
        invoiceNo: str(request['invoiceNo']) ?? '',
        customerVatNo: str(request['customerVatNo']) ?? '',
      };
      break;
    }
    case 'REPORT_TURNOVER_Z':
      facts.turnover = turnoverClaim(request);
      break;
    case 'REPORT_USER_Z': {
      const reportNo = int(request['reportNo']);
      if (reportNo !== undefined) facts.reportNo = reportNo;
      break;
    }
  }
  return facts;
}
