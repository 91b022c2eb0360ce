/**
 * Test support (not exported): a real FDM state directory (key, certificate, CA) and memory,
 * filled through @gks/fdm's own EventMemory and signing code, plus the POS journal export the
 * same events would leave, in packages/pos's export format. Options make the tamperings.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { computeVatCalc, defaultVatRates, centsToEuros, formatFdmDateTime } from '@gks/core';
import type { SignResult, VatLabel } from '@gks/core';
import {
  EventMemory,
  dataHashOf,
  initFdmState,
  signEvent,
  signerFromPem,
  verificationUrlOf,
  canonicalJson,
} from '@gks/fdm';
import type { EventSigner, FdmState, SignedEventFields, StoredEvent } from '@gks/fdm';

export const FIXTURE_POS = 'CPOS0031234567';
const VAT_NO = 'BE0000000097';
const EST_NO = '2000000042';
const EMPLOYEE = '85073003328';
export const FIXTURE_START = Date.parse('2025-03-14T10:00:00Z');
const START = FIXTURE_START;

export interface FixtureOptions {
  /** 1-based position of an event signed with a foreign key instead of the FDM's. */
  readonly forgeEvent?: number;
  /** The POS skips one ticket number after this ticket. */
  readonly skipTicketAfter?: number;
  /** Added to the N turnover the Z report claims. */
  readonly zExtraCents?: number;
  /** The Z report adds training sales to the N turnover. */
  readonly zCountsTraining?: boolean;
  /** An order on a table that is never paid, before the Z report. */
  readonly unpaidTable?: boolean;
}

export interface Fixture {
  readonly dir: string;
  readonly state: FdmState;
  readonly memoryFile: string;
  readonly journalFile: string;
  readonly certificatePem: string;
  readonly caCertificatePem: string;
  readonly events: StoredEvent[];
  readonly journal: JournalLine[];
}

/** One line of the POS journal export before hashing. */
export interface JournalLine {
  seq: number;
  recordedAt: string;
  kind: string;
  terminalId: string | null;
  userId: string | null;
  data: Record<string, unknown>;
  fdmMessage: string | null;
}

type Mutation =
  | 'signSale'
  | 'signOrder'
  | 'signInvoice'
  | 'signCopy'
  | 'signDrawerOpen'
  | 'signPaymentCorrection'
  | 'signWorkIn'
  | 'signWorkOut'
  | 'signReportTurnoverZ';

const operationOf: Record<Mutation, string> = {
  signSale: 'SALE',
  signOrder: 'ORDER',
  signInvoice: 'INVOICE',
  signCopy: 'COPY',
  signDrawerOpen: 'DRAWER_OPEN',
  signPaymentCorrection: 'PAYMENT_CORRECTION',
  signWorkIn: 'WORK_IN',
  signWorkOut: 'WORK_OUT',
  signReportTurnoverZ: 'REPORT_TURNOVER_Z',
};
const labelOf: Record<Mutation, string> = {
  signSale: 'N',
  signOrder: 'P',
  signInvoice: 'I',
  signCopy: 'C',
  signDrawerOpen: 'F',
  signPaymentCorrection: 'F',
  signWorkIn: 'S',
  signWorkOut: 'S',
  signReportTurnoverZ: 'R',
};

function saleLine(name: string, cents: number, vat: VatLabel) {
  const euros = centsToEuros(cents);
  return {
    lineType: 'SINGLE_PRODUCT',
    mainProduct: {
      productId: name.toUpperCase().replace(/\W/g, ''),
      productName: name,
      departmentId: 'D1',
      departmentName: 'Dranken',
      quantity: cents < 0 ? -1 : 1,
      quantityType: 'PIECE',
      ...(cents < 0 ? { negQuantityReason: 'REFUND' } : {}),
      unitPrice: Math.abs(euros),
      vats: [{ label: vat, price: euros }],
    },
    lineTotal: euros,
  };
}

/** Builds the fixture's FDM and journal; the memory is closed when this returns. */
export async function buildFixture(dir: string, options: FixtureOptions = {}): Promise<Fixture> {
  const init = await initFdmState(dir, {
    fdmId: 'FOD01000001',
    vatNo: VAT_NO,
    estNo: EST_NO,
    allowedPosIds: [FIXTURE_POS],
    now: new Date(START - 86_400_000),
  });
  if (!init.ok) throw new Error(init.error.reason);
  const state = init.value;
  const { memory } = await EventMemory.open(state.paths.memory, {
    capacityBytes: state.config.capacityBytes,
  });
  const foreign = signerFromPem(
    generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString(),
  );
  const events: StoredEvent[] = [];
  const journal: JournalLine[] = [];
  const counters = new Map<string, number>();
  let ticketNo = 0;
  let clock = START;
  const nextJournal = (line: Omit<JournalLine, 'seq' | 'recordedAt'>) =>
    journal.push({ ...line, seq: journal.length + 1, recordedAt: new Date(clock).toISOString() });
  nextJournal({ kind: 'login', terminalId: 'BAR', userId: 'u-1', data: { alias: 'Ann' }, fdmMessage: null });

  const sign = async (mutation: Mutation, extra: Record<string, unknown>, isTraining = false) => {
    clock += 60_000;
    ticketNo += 1;
    if (options.skipTicketAfter !== undefined && ticketNo === options.skipTicketAfter + 1) ticketNo += 1;
    const posDateTime = new Date(clock).toISOString().replace('Z', '+00:00').replace('+00:00', '+01:00');
    const data = {
      language: 'NL',
      vatNo: VAT_NO,
      estNo: EST_NO,
      posId: FIXTURE_POS,
      posFiscalTicketNo: ticketNo,
      posDateTime,
      posSwVersion: '1.0.0',
      deviceId: 'TABLET-1',
      terminalId: 'BAR',
      bookingPeriodId: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
      bookingDate: '2025-03-14',
      ticketMedium: 'PAPER',
      employeeId: EMPLOYEE,
      ...extra,
    };
    const label = isTraining ? 'T' : (labelOf[mutation] as string);
    const eventCounter = (counters.get(label) ?? 0) + 1;
    counters.set(label, eventCounter);
    const fields: SignedEventFields = {
      fdmId: state.config.fdmId,
      fdmDateTime: formatFdmDateTime(new Date(clock + 1000)),
      eventLabel: label as SignedEventFields['eventLabel'],
      eventCounter,
      totalCounter: memory.count + 1,
      eventOperation: operationOf[mutation] as SignedEventFields['eventOperation'],
      isTraining,
      posId: FIXTURE_POS,
      posFiscalTicketNo: ticketNo,
      posDateTime,
      terminalId: 'BAR',
      deviceId: 'TABLET-1',
      dataHash: dataHashOf(data),
      prevHash: memory.lastHash,
    };
    const signer: EventSigner = options.forgeEvent === fields.totalCounter ? foreign : state.signer;
    const { digitalSignature, shortSignature } = signEvent(signer, fields);
    const isSale = label === 'N';
    const result: SignResult = {
      posId: FIXTURE_POS,
      posFiscalTicketNo: ticketNo,
      posDateTime,
      posSwVersion: '1.0.0',
      terminalId: 'BAR',
      deviceId: 'TABLET-1',
      eventOperation: fields.eventOperation,
      fdmRef: {
        fdmId: fields.fdmId,
        fdmDateTime: fields.fdmDateTime,
        eventLabel: fields.eventLabel,
        eventCounter,
        totalCounter: fields.totalCounter,
      },
      fdmSwVersion: '0.1.0',
      digitalSignature,
      shortSignature: isSale ? shortSignature : '',
      verificationUrl: isSale
        ? verificationUrlOf(
            state.config.verificationBaseUrl,
            fields.fdmId,
            fields.totalCounter,
            shortSignature,
          )
        : '',
      vatCalc: isSale ? vatCalcOf(data as { transaction?: unknown }) : null,
      bufferCapacityUsed: 0,
      warnings: [],
      informations: null,
      footer: [],
    };
    const event: StoredEvent = { fields, request: data, result };
    await memory.append(event);
    events.push(event);
    nextJournal({
      kind: 'fiscal_event',
      terminalId: 'BAR',
      userId: 'u-1',
      data: {
        posId: FIXTURE_POS,
        posFiscalTicketNo: ticketNo,
        eventLabel: label,
        eventOperation: fields.eventOperation,
      },
      fdmMessage: JSON.stringify({
        query: `mutation ${mutation}($data: X!, $isTraining: Boolean!) { ${mutation}(data: $data, isTraining: $isTraining) { fdmRef { fdmId } } }`,
        variables: { data, isTraining },
        operationName: mutation,
      }),
    });
    const eventSeq = journal.length;
    nextJournal({
      kind: 'fiscal_result',
      terminalId: 'BAR',
      userId: 'u-1',
      data: { eventSeq, outcome: 'signed' },
      fdmMessage: JSON.stringify({ data: { [mutation]: result } }),
    });
    return result.fdmRef;
  };

  const table = { id: '12', type: 'TABLE', reference: 'table-12-session-1' };
  const transaction = (lines: ReturnType<typeof saleLine>[]) => ({
    transactionLines: lines,
    transactionTotal: centsToEuros(lines.reduce((s, l) => s + Math.round(l.lineTotal * 100), 0)),
  });
  const cash = (cents: number) => [
    {
      id: '1',
      name: 'Cash',
      type: 'CASH',
      inputMethod: 'MANUAL',
      amount: centsToEuros(cents),
      amountType: 'PAYMENT',
    },
  ];

  await sign('signWorkIn', {});
  await sign('signOrder', { costCenter: table, transaction: transaction([saleLine('Pils', 1000, 'A')]) });
  await sign('signOrder', { costCenter: table, transaction: transaction([saleLine('Croque', 450, 'B')]) });
  const tableSale = await sign('signSale', {
    costCenter: table,
    transaction: transaction([saleLine('Pils', 1000, 'A'), saleLine('Croque', 450, 'B')]),
    financials: cash(1450),
  });
  const direct = await sign('signSale', {
    transaction: transaction([saleLine('Cola', 700, 'A')]),
    financials: cash(700),
  });
  await sign(
    'signSale',
    { transaction: transaction([saleLine('Water', 300, 'A')]), financials: cash(300) },
    true,
  );
  await sign('signSale', {
    fdmRef: direct,
    transaction: transaction([saleLine('Cola', -350, 'A')]),
    financials: cash(-350),
  });
  await sign('signInvoice', {
    invoiceNo: 'INV-2025-0001',
    customerVatNo: 'BE0308357159',
    fdmRefs: [tableSale],
  });
  await sign('signCopy', { fdmRef: tableSale });
  await sign('signDrawerOpen', {});
  await sign('signPaymentCorrection', { fdmRef: direct, financials: cash(700) });
  if (options.unpaidTable) {
    await sign('signOrder', {
      costCenter: { id: '7', type: 'TABLE', reference: 'table-7-session-1' },
      transaction: transaction([saleLine('Pils', 500, 'A')]),
    });
  }
  await sign('signWorkOut', {});

  // The Z report of everything so far, from the POS's own sums.
  const nEvents = events.filter((e) => e.fields.eventLabel === 'N');
  const tEvents = events.filter((e) => e.fields.eventLabel === 'T' && e.fields.eventOperation === 'SALE');
  const total = (list: StoredEvent[]) =>
    list.reduce(
      (s, e) =>
        s +
        Math.round(
          (e.request as { transaction: { transactionTotal: number } }).transaction.transactionTotal * 100,
        ),
      0,
    );
  const nCents = total(nEvents) + (options.zExtraCents ?? 0) + (options.zCountsTraining ? total(tEvents) : 0);
  const vats = new Map<string, { taxable: number; vat: number; total: number; rate: number }>();
  for (const e of nEvents) {
    for (const v of e.result.vatCalc ?? []) {
      const sum = vats.get(v.label) ?? { taxable: 0, vat: 0, total: 0, rate: v.rate };
      sum.taxable += Math.round(v.taxableAmount * 100);
      sum.vat += Math.round(v.vatAmount * 100);
      sum.total += Math.round(v.totalAmount * 100);
      vats.set(v.label, sum);
    }
  }
  const last = events.at(-1) as StoredEvent;
  await sign('signReportTurnoverZ', {
    reportNo: 1,
    reportBookingDate: '2025-03-14',
    posDevices: [{ posId: FIXTURE_POS, terminalId: 'BAR', firstPosDateTime: '', lastPosDateTime: '' }],
    fdmDevices: [
      {
        fdmId: state.config.fdmId,
        firstFdmDateTime: events[0]?.fields.fdmDateTime,
        firstTotalCounter: 1,
        lastFdmDateTime: last.fields.fdmDateTime,
        lastTotalCounter: last.fields.totalCounter,
      },
    ],
    turnover: {
      transactions: [
        { eventLabel: 'N', ticketCount: nEvents.length, amount: centsToEuros(nCents) },
        { eventLabel: 'T', ticketCount: tEvents.length, amount: centsToEuros(total(tEvents)) },
      ],
      departments: [],
      vats: [...vats].map(([label, s]) => ({
        label,
        rate: s.rate,
        taxableAmount: centsToEuros(s.taxable),
        vatAmount: centsToEuros(s.vat),
        totalAmount: centsToEuros(s.total),
      })),
      payments: [],
      drawersOpenCount: 1,
      negQuantities: [],
      priceChanges: [],
    },
  });
  await memory.close();

  const journalFile = join(dir, 'journal.jsonl');
  await writeJournal(journalFile, journal);
  return {
    dir,
    state,
    memoryFile: state.paths.memory,
    journalFile,
    certificatePem: state.certificatePem,
    caCertificatePem: state.caCertificatePem,
    events,
    journal,
  };
}

function vatCalcOf(data: { transaction?: unknown }): SignResult['vatCalc'] {
  const lines = (data.transaction as { transactionLines: ReturnType<typeof saleLine>[] }).transactionLines;
  const parts = lines.flatMap((l) =>
    l.mainProduct.vats.map((v) => ({ label: v.label, totalCents: Math.round(v.price * 100) })),
  );
  return computeVatCalc(parts, defaultVatRates).map((item) => ({
    label: item.label,
    rate: item.ratePercent,
    taxableAmount: centsToEuros(item.taxableCents),
    vatAmount: centsToEuros(item.vatCents),
    totalAmount: centsToEuros(item.totalCents),
    outOfScope: item.outOfScope,
  }));
}

/**
 * Writes journal lines as packages/pos's exportLine does, renumbering and re-hashing them: a
 * tampered journal whose chain was recomputed, the hardest case for the auditor.
 */
export async function writeJournal(file: string, lines: readonly JournalLine[]): Promise<void> {
  let prev = '0'.repeat(64);
  const out: string[] = [];
  lines.forEach((l, i) => {
    const seq = i + 1;
    const data = canonicalJson(l.data);
    const messageHash =
      l.fdmMessage === null ? null : createHash('sha256').update(l.fdmMessage, 'utf8').digest('hex');
    const hashed = JSON.stringify([
      'gks-pos-journal/1',
      seq,
      l.recordedAt,
      l.kind,
      l.terminalId,
      l.userId,
      data,
      messageHash,
      prev,
    ]);
    const hash = createHash('sha256').update(hashed, 'utf8').digest('hex');
    const message = l.fdmMessage === null ? '' : `,"fdmMessage":${JSON.stringify(l.fdmMessage)}`;
    out.push(
      `{"seq":${seq},"recordedAt":${JSON.stringify(l.recordedAt)},"kind":${JSON.stringify(l.kind)}` +
        `,"terminalId":${JSON.stringify(l.terminalId)},"userId":${JSON.stringify(l.userId)},"data":${data}${message}` +
        `,"prevHash":"${prev}","entryHash":"${hash}"}`,
    );
    prev = hash;
  });
  await writeFile(file, out.join('\n') + '\n');
}

/** The byte ranges of the memory file's records, for tampering tests. */
export async function recordRanges(
  memoryFile: string,
): Promise<{ bytes: Buffer; ranges: [number, number][] }> {
  const bytes = await readFile(memoryFile);
  const ranges: [number, number][] = [];
  let at = 16;
  while (at < bytes.length) {
    const end = at + 44 + bytes.readUInt32BE(at);
    ranges.push([at, end]);
    at = end;
  }
  return { bytes, ranges };
}
