import {
  buildReportReceipt,
  financialReportPrint,
  usersReportPrint,
  type ReportPrint,
  buildCopy,
  buildFinancialSlip,
  buildInvoice,
  buildKitchenTicket,
  buildProFormaTicket,
  buildTrainingTicket,
  buildVatTicket,
  err,
  ok,
  renderEscPos,
  renderHtml,
  renderText,
  type FinancialLine,
  type IssueContext,
  type KitchenItem,
  type PaymentLineInput,
  type PluUnit,
  type Receipt,
  type ReceiptBlock,
  type ReceiptProblem,
  type ReceiptWidth,
  type Result,
  type SaleContent,
  type TicketLine,
  type TicketPayment,
  type TransactionInput,
  type TransactionLineInput,
} from '@gks/core';
import type { Database } from '../journal/journal.js';
import type { RegisterSettings } from '../master-data/settings.js';
import { readStoredEvent, type StoredEvent } from '../fiscal/stored-events.js';
import { prepareTurnoverReport, prepareUserReport } from '../reports/prepare-report.js';

/** A print in the three forms the API hands out. */
export interface RenderedReceipt {
  readonly kind: Receipt['kind'];
  readonly text: string;
  readonly html: string;
  readonly escPosBase64: string;
}

export function render(receipt: Receipt, width: ReceiptWidth = 42): RenderedReceipt {
  return {
    kind: receipt.kind,
    text: renderText(receipt, { width }),
    html: renderHtml(receipt),
    escPosBase64: Buffer.from(renderEscPos(receipt, { width })).toString('base64'),
  };
}

const unitOf = (quantityType: string): PluUnit =>
  quantityType === 'KILOGRAM' ? 'kg' : quantityType === 'LITRE' || quantityType === 'LITER' ? 'l' : 'piece';

const cents = (euros: number): number => Math.round(euros * 100);

/** Transaction lines as printed: each registration, with its price change as a discount line below it. */
export function ticketLinesOf(lines: readonly TransactionLineInput[]): TicketLine[] {
  const printed: TicketLine[] = [];
  for (const line of lines) {
    const product = line.mainProduct;
    const vat = product.vats[0];
    if (!vat) continue;
    const reason = product.negQuantityReason;
    printed.push({
      kind: reason === 'REFUND' ? 'refund' : reason ? 'correction' : 'sale',
      description: product.productName,
      quantity: product.quantity,
      unit: unitOf(product.quantityType),
      unitPriceCents: cents(product.unitPrice),
      amountCents: cents(vat.price),
      vatLabel: vat.label,
    });
    for (const change of vat.priceChanges ?? []) {
      printed.push({
        kind: 'discount',
        description: change.name,
        quantity: 1,
        unitPriceCents: Math.abs(cents(change.amount)),
        amountCents: cents(change.amount),
        vatLabel: vat.label,
      });
    }
  }
  return printed;
}

function paymentsOf(financials: readonly PaymentLineInput[]): TicketPayment[] {
  return financials.map((line) => ({
    kind: line.amountType === 'TIP' ? 'tip' : line.amountType === 'ROUNDING' ? 'rounding' : 'payment',
    name: line.name,
    amountCents: cents(line.amount),
  }));
}

interface EventData {
  readonly posDateTime: string;
  readonly posSwVersion: string;
  readonly terminalId: string;
  readonly posFiscalTicketNo: number;
  readonly transaction?: TransactionInput;
  readonly financials?: readonly PaymentLineInput[];
  readonly costCenter?: { id: string } | null;
  readonly transfer?: { to: readonly { costCenter: { id: string }; transaction: TransactionInput }[] };
  readonly invoiceNo?: string;
  readonly customerVatNo?: string;
}

export interface PrintContext {
  readonly settings: RegisterSettings;
  readonly userAlias: string;
  readonly terminalName?: string;
}

function issueContext(event: StoredEvent, data: EventData, context: PrintContext): IssueContext {
  return {
    establishment: {
      name: context.settings.establishment.name,
      address: context.settings.establishment.address.split(/,\s*|\n/),
      vatNo: context.settings.establishment.vatNo,
    },
    register: {
      posId: context.settings.posId,
      swVersion: data.posSwVersion,
      terminalId: data.terminalId,
      ...(context.terminalName ? { terminalName: context.terminalName } : {}),
    },
    userAlias: context.userAlias,
    ticketNo: event.posFiscalTicketNo,
    posDateTime: data.posDateTime,
  };
}

function saleContent(data: EventData): SaleContent {
  const transaction = data.transaction ?? data.transfer?.to[0]?.transaction;
  const place = data.costCenter?.id ?? data.transfer?.to[0]?.costCenter.id;
  return {
    lines: ticketLinesOf(transaction?.transactionLines ?? []),
    payments: paymentsOf((data.financials ?? []).filter((line) => 'amountType' in line)),
    ...(place ? { costCenter: place } : {}),
  };
}

const problemText = (problems: readonly ReceiptProblem[]): string =>
  problems.map((p) => `${p.field}: ${p.reason}`).join('; ');

/**
 * The print of a signed event, built from the journal (the request sent and the FDM's answer):
 * a VAT ticket only for a signed N (C-32), TRAINING / PRO FORMA / KOPIE / FACTUUR / slips for the
 * others. Work in/out and reports print nothing here (null).
 */
export async function receiptOf(
  db: Database,
  event: StoredEvent,
  context: PrintContext,
): Promise<Result<Receipt | null, string>> {
  if (event.outcome !== 'signed' || !event.result)
    return err('the FDM has not signed this event: nothing may be printed (C-32)');
  const data = event.data as unknown as EventData;
  const issue = issueContext(event, data, context);
  // The FDM answers '' (not null) for the fields of N events on every other event (fdm-v2.graphql).
  const signResult = {
    ...event.result,
    shortSignature: event.result.shortSignature || null,
    verificationUrl: event.result.verificationUrl || null,
  };
  const built = await build();
  return built === null ? ok(null) : built.ok ? ok(built.value) : err(problemText(built.error));

  async function build(): Promise<Result<Receipt, ReceiptProblem[]> | null> {
    if (event.isTraining && event.eventOperation !== 'COPY')
      return buildTrainingTicket({ ...issue, ...saleContent(data), signResult });
    switch (event.eventOperation) {
      case 'SALE':
        return withFooter(
          buildVatTicket({ ...issue, ...saleContent(data), signResult }),
          context.settings.establishment.ticketFooter ?? null,
        );
      case 'ORDER':
        return buildProFormaTicket({ ...issue, ...saleContent(data), operation: 'order', signResult });
      case 'PRE_BILL':
        return buildProFormaTicket({ ...issue, ...saleContent(data), operation: 'pre-bill', signResult });
      case 'COST_CENTER_CHANGE':
        return buildProFormaTicket({
          ...issue,
          ...saleContent(data),
          operation: 'cost-center-change',
          signResult,
        });
      case 'COPY': {
        const link = await db
          .selectFrom('event_link')
          .select('ref_event_seq')
          .where('event_seq', '=', event.eventSeq)
          .where('role', '=', 'copy_of')
          .executeTakeFirst();
        const original = link?.ref_event_seq ? await readStoredEvent(db, link.ref_event_seq) : null;
        if (!original) return err([{ field: 'original', reason: 'the copied event is not in the journal' }]);
        const originalReceipt = await receiptOf(db, original, {
          ...context,
          userAlias: await aliasOf(db, original.userId),
        });
        if (!originalReceipt.ok || originalReceipt.value === null)
          return err([
            { field: 'original', reason: originalReceipt.ok ? 'prints nothing' : originalReceipt.error },
          ]);
        return buildCopy({ ...issue, original: originalReceipt.value, signResult });
      }
      case 'INVOICE':
        return buildInvoiceReceipt(db, event, issue);
      case 'MONEY_IN_OUT': {
        const lines = (data.financials ?? []) as unknown as readonly {
          name: string;
          amount: number;
          amountType: string;
        }[];
        const declaration = lines.some((line) => line.amountType === 'DRAWER_DECLARATION');
        return buildFinancialSlip({
          ...issue,
          operation: declaration ? 'drawer-declaration' : 'money-in-out',
          lines: lines.map((line): FinancialLine => ({ name: line.name, amountCents: cents(line.amount) })),
          drawer: 'Drawer 1',
          signResult,
        });
      }
      case 'DRAWER_OPEN':
        return buildFinancialSlip({
          ...issue,
          operation: 'drawer-open',
          lines: [],
          drawer: 'Drawer 1',
          signResult,
        });
      case 'PAYMENT_CORRECTION':
        return buildFinancialSlip({
          ...issue,
          operation: 'payment-correction',
          lines: (data.financials ?? []).map((line) => ({
            name: line.name,
            amountCents: cents(line.amount),
          })),
          signResult,
        });
      case 'REPORT_TURNOVER_X':
      case 'REPORT_TURNOVER_Z':
      case 'REPORT_USER_X':
      case 'REPORT_USER_Z': {
        const report = await reportPrintOf(db, event);
        if (!report.ok) return err([{ field: 'report', reason: report.error }]);
        return buildReportReceipt({ ...issue, report: report.value, signResult });
      }
      default:
        return null;
    }
  }
}

/** The establishment's own footer ("Thank you!") below everything the FDM asks to print. */
function withFooter(
  built: Result<Receipt, ReceiptProblem[]>,
  footer: string | null,
): Result<Receipt, ReceiptProblem[]> {
  if (!built.ok || footer === null) return built;
  const lines = footer
    .split('\n')
    .map((text): ReceiptBlock => ({ kind: 'text', text, align: 'center', bold: false }));
  return ok({ ...built.value, blocks: [...built.value.blocks, { kind: 'separator' }, ...lines] });
}

async function buildInvoiceReceipt(
  db: Database,
  event: StoredEvent,
  issue: IssueContext,
): Promise<Result<Receipt, ReceiptProblem[]>> {
  const invoice = await db
    .selectFrom('invoice')
    .selectAll()
    .where('event_seq', '=', event.eventSeq)
    .executeTakeFirst();
  if (!invoice || !event.result) return err([{ field: 'invoice', reason: 'no invoice row for this event' }]);
  const refs = await db
    .selectFrom('event_link')
    .select('ref_event_seq')
    .where('event_seq', '=', event.eventSeq)
    .where('role', '=', 'invoice_of')
    .orderBy('ref_event_seq')
    .execute();
  const lines: TicketLine[] = [];
  const payments: TicketPayment[] = [];
  const ticketReferences = [];
  for (const ref of refs) {
    const sale = ref.ref_event_seq ? await readStoredEvent(db, ref.ref_event_seq) : null;
    if (!sale?.result) continue;
    const content = saleContent(sale.data as unknown as EventData);
    lines.push(...content.lines);
    payments.push(...content.payments);
    ticketReferences.push(sale.result.fdmRef);
  }
  const data = event.data as unknown as EventData;
  return buildInvoice({
    ...issue,
    lines,
    payments,
    invoiceNo: data.invoiceNo ?? String(invoice.invoice_no),
    customer: {
      name: invoice.customer_name,
      address: invoice.customer_address.split(/,\s*|\n/),
      vatNo: invoice.customer_vat_no,
    },
    ticketReferences,
    signResult: {
      ...event.result,
      shortSignature: event.result.shortSignature || null,
      verificationUrl: event.result.verificationUrl || null,
    },
  });
}

export async function aliasOf(db: Database, userId: string): Promise<string> {
  const row = await db
    .selectFrom('app_user')
    .select('alias')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.alias ?? userId;
}

/** A kitchen or bar ticket for the lines of an order: what to prepare, never an amount (C-27). */
export function kitchenTicketOf(
  order: {
    posFiscalTicketNo: number;
    posDateTime: string;
    costCenterId?: string;
    transaction: TransactionInput;
    /** Kitchen notes by position in the transaction's lines. */
    lineNotes?: readonly (string | null)[];
    /** Printed before: marked so the kitchen does not prepare it twice. */
    reprint?: boolean;
  },
  userAlias: string,
): Result<Receipt, string> {
  const items: KitchenItem[] = [];
  const notes: string[] = [];
  for (const [i, line] of order.transaction.transactionLines.entries()) {
    const product = line.mainProduct;
    const note = order.lineNotes?.[i] ?? null;
    if (product.quantity > 0)
      items.push({
        description: product.productName,
        quantity: product.quantity,
        unit: unitOf(product.quantityType),
        ...(note ? { notes: [note] } : {}),
      });
    else notes.push(`ANNULEER ${Math.abs(product.quantity)} x ${product.productName}`);
  }
  if (order.reprint) notes.unshift('HERDRUK: al eerder afgedrukt');
  const built = buildKitchenTicket({
    destination: 'KEUKEN',
    orderNo: order.posFiscalTicketNo,
    posDateTime: order.posDateTime,
    userAlias,
    ...(order.costCenterId ? { costCenter: order.costCenterId } : {}),
    items,
    ...(notes.length > 0 ? { notes } : {}),
  });
  return built.ok ? ok(built.value) : err(problemText(built.error));
}

/**
 * The figures of a journaled report, computed again from the journal over the same period: from
 * the previous Z of its series to the event before it (for a reprint through signCopy).
 */
export async function reportPrintOf(db: Database, event: StoredEvent): Promise<Result<ReportPrint, string>> {
  const turnover = event.eventOperation.startsWith('REPORT_TURNOVER');
  const zOperation = turnover ? 'REPORT_TURNOVER_Z' : 'REPORT_USER_Z';
  const previous = await db
    .selectFrom('fiscal_event')
    .innerJoin('fiscal_result', 'fiscal_result.event_seq', 'fiscal_event.journal_seq')
    .select('fiscal_event.journal_seq')
    .where('fiscal_event.event_operation', '=', zOperation)
    .where('fiscal_event.event_label', '=', 'R')
    .where('fiscal_result.outcome', '=', 'signed')
    .where('fiscal_event.journal_seq', '<', event.eventSeq)
    .orderBy('fiscal_event.journal_seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const range = { kind: 'X' as const, afterSeq: previous?.journal_seq ?? 0, upToSeq: event.eventSeq - 1 };
  const data = event.data as unknown as { reportNo?: number; posDateTime: string };
  const options = {
    type: event.eventOperation.endsWith('_Z') ? ('Z' as const) : ('X' as const),
    madeAt: data.posDateTime,
    ...(data.reportNo !== undefined ? { reportNo: data.reportNo } : {}),
  };
  const userNames = Object.fromEntries(
    (await db.selectFrom('app_user').select(['employee_id', 'alias']).execute()).map((u) => [
      u.employee_id,
      u.alias,
    ]),
  );
  if (turnover) {
    const prepared = await prepareTurnoverReport(db, { ...range, context: { userNames } });
    return prepared.ok ? ok(financialReportPrint(prepared.value.report, options)) : err(prepared.error.code);
  }
  const prepared = await prepareUserReport(db, { ...range, context: { userNames } });
  return prepared.ok ? ok(usersReportPrint(prepared.value.report, options)) : err(prepared.error.code);
}
