import type {
  CostCenterChangeInput,
  FdmDeviceInput,
  InvoiceInput,
  MoneyInOutInput,
  NegQuantityReason,
  PaymentCorrectionInput,
  PosDeviceInput,
  SaleInput,
  TurnoverInput,
  VatLabel,
} from '../fdm-api/types.js';
import { negQuantityReasonValues } from '../fdm-api/types.js';
import { err, ok, type Result } from '../result/result.js';
import { defaultVatRates } from '../vat/vat-rates.js';
import { DepartmentTotals } from './department-totals.js';
import { DrawerTotals } from './drawer-totals.js';
import { drawerOf, isRefundLine, paymentEntry, transactionLines, type LineFigures } from './event-figures.js';
import { PaymentTotals } from './payment-totals.js';
import {
  ProblemList,
  referenceKey,
  type ReportContext,
  type ReportProblem,
  type SignedEvent,
} from './period-events.js';
import type {
  FinancialReportModel,
  InvoiceFigures,
  PriceChangeFigures,
  ReductionFigures,
} from './report-model.js';
import { fdmDevicesOf, posDevicesOf, reportScope } from './report-scope.js';
import { toTurnoverInput } from './turnover-input.js';
import { VatRateTotals, saleVatCalc, sumVatFigures } from './vat-rate-totals.js';

export interface TurnoverReport {
  /** The report-specific part of signReportTurnoverX/Z's input (the Z adds reportNo and reportBookingDate). */
  readonly posDevices: PosDeviceInput[];
  readonly fdmDevices: FdmDeviceInput[];
  readonly turnover: TurnoverInput;
  /** The same figures in cents, with everything C-48/C-49 prints. */
  readonly report: FinancialReportModel;
}

/**
 * X/Z FINANCIEEL from the signed events of a period (C-46..C-49), in journal order. Training
 * events count only as training tickets, never in turnover, VAT, payments or drawers (C-8).
 * Report and copy events count nowhere.
 */
export function computeTurnoverReport(
  events: readonly SignedEvent[],
  context: ReportContext = {},
): Result<TurnoverReport, ReportProblem[]> {
  const problems = new ProblemList();
  const sums = new TurnoverSums(context, problems);
  const saleTotals = invoiceableSales(events, context.referencedSales ?? [], problems);
  events.forEach((event, index) => sums.add(event, index, saleTotals));
  const scope = reportScope(events, problems);
  if (problems.problems.length > 0) return err(problems.problems);
  const report = sums.model(scope);
  return ok({
    posDevices: posDevicesOf(scope),
    fdmDevices: fdmDevicesOf(scope),
    turnover: toTurnoverInput(report),
    report,
  });
}

/** Totals of the sales an invoice may cover, by FDM reference (C-45ter). */
function invoiceableSales(
  events: readonly SignedEvent[],
  referenced: readonly SignedEvent[],
  problems: ProblemList,
): Map<string, number> {
  const totals = new Map<string, number>();
  // a damaged referenced sale is reported with a negative index: -1 is the last one given
  for (const [index, event] of [...referenced, ...events].entries()) {
    if (event.mutation !== 'signSale' || event.isTraining) continue;
    const cents = problems.cents(
      event.request.transaction.transactionTotal,
      index - referenced.length,
      'transaction.transactionTotal',
    );
    totals.set(referenceKey(event.result.fdmRef), cents);
  }
  return totals;
}

interface PriceChangeSums {
  readonly id: string;
  readonly name: string;
  readonly applications: Set<string>;
  readonly perLabel: Map<VatLabel, { negativeCents: number; positiveCents: number }>;
}

interface ReductionSums {
  quantity: number;
  lineCount: number;
  totalCents: number;
  readonly tickets: Set<number>;
}

class TurnoverSums {
  private readonly turnover = counter();
  private readonly training = counter();
  private readonly refunds = counter();
  private readonly proForma = counter();
  private drawerOpenings = 0;
  private readonly departments = new DepartmentTotals();
  private readonly vatRates = new VatRateTotals();
  private readonly payments = new PaymentTotals();
  private readonly drawers: DrawerTotals;
  private readonly priceChanges = new Map<string, PriceChangeSums>();
  private readonly reductions = new Map<NegQuantityReason, ReductionSums>();
  private readonly invoices: InvoiceFigures[] = [];

  constructor(
    private readonly context: ReportContext,
    private readonly problems: ProblemList,
  ) {
    this.drawers = new DrawerTotals(context.openingDrawerCents);
  }

  add(event: SignedEvent, index: number, saleTotals: ReadonlyMap<string, number>): void {
    if (event.isTraining) {
      // C-48: training tickets (TS + TR) are the training sales; they stay out of every other figure.
      if (event.mutation === 'signSale') {
        count(this.training, this.cents(event.request.transaction.transactionTotal, index, 'transaction'));
      }
      return;
    }
    switch (event.mutation) {
      case 'signSale':
        return this.addSale(event.request, event.result, index);
      case 'signOrder':
        count(this.proForma, this.cents(event.request.transaction.transactionTotal, index, 'transaction'));
        this.addReductions(this.lines(event.request.transaction, index, 'transaction'), index);
        return;
      case 'signPreBill':
        // restates the open transaction: a pro forma ticket, but no new registrations
        count(this.proForma, this.cents(event.request.transaction.transactionTotal, index, 'transaction'));
        return;
      case 'signCostCenterChange':
        return this.addTransfer(event.request, index);
      case 'signPaymentCorrection':
        return this.addPaymentCorrection(event.request, index);
      case 'signMoneyInOut':
        return this.addMoneyInOut(event.request, index);
      case 'signDrawerOpen':
        this.drawerOpenings += 1;
        return;
      case 'signInvoice':
        return this.addInvoice(event.request, index, saleTotals);
      default:
        return; // work in/out, copies and reports carry no turnover
    }
  }

  model(scope: FinancialReportModel['scope']): FinancialReportModel {
    const vatRates = this.vatRates.figures();
    const invoiceTotal = this.invoices.reduce((sum, invoice) => sum + invoice.totalCents, 0);
    return {
      scope,
      turnover: { ...this.turnover },
      departments: this.departments.figures(),
      vatRates,
      vatTotals: {
        sales: sumVatFigures(vatRates.map((r) => r.sales)),
        refunds: sumVatFigures(vatRates.map((r) => r.refunds)),
        total: sumVatFigures(vatRates.map((r) => r.total)),
      },
      payments: this.payments.figures(),
      drawers: this.drawers.figures(),
      drawerOpeningsWithoutSale: this.drawerOpenings,
      training: { ...this.training },
      refunds: { ...this.refunds },
      proForma: { ...this.proForma },
      priceChanges: [...this.priceChanges.values()].map(priceChangeFigures),
      reductions: negQuantityReasonValues.flatMap((reason): ReductionFigures[] => {
        const sums = this.reductions.get(reason);
        return sums === undefined
          ? []
          : [
              {
                reason,
                quantity: sums.quantity,
                lineCount: sums.lineCount,
                ticketCount: sums.tickets.size,
                totalCents: sums.totalCents,
              },
            ];
      }),
      invoices: { count: this.invoices.length, totalCents: invoiceTotal, items: [...this.invoices] },
    };
  }

  private addSale(sale: SaleInput, result: SignedEvent['result'], index: number): void {
    const lines = this.lines(sale.transaction, index, 'transaction');
    count(this.turnover, this.cents(sale.transaction.transactionTotal, index, 'transaction'));
    for (const line of lines) this.departments.add(line.departmentId, line.departmentName, line.totalCents);

    const refundLines = lines.filter(isRefundLine);
    if (refundLines.length > 0) count(this.refunds, sum(refundLines.map((l) => l.totalCents)));
    const parts = lines.flatMap((l) => l.vatParts);
    const vatCalc = saleVatCalc(
      result,
      parts,
      this.context.vatRates ?? defaultVatRates,
      this.problems,
      index,
    );
    this.vatRates.addSale(
      vatCalc,
      refundLines.flatMap((l) => l.vatParts),
    );

    // A sale that closes a table restates lines whose corrections its orders already signed (§8.4).
    const closesOrders = sale.costCenter !== null && sale.costCenter !== undefined;
    this.addReductions(closesOrders ? refundLines : lines, index);
    this.addPriceChanges(lines, index);

    sale.financials.forEach((line, i) => {
      const field = `financials[${i}]`;
      const entry = paymentEntry(line, line.amountType, this.problems, index, field);
      this.payments.addPayment(entry);
      // a ROUNDING line settles the cents the customer did not hand over: no cash moved
      if (line.type === 'CASH' && line.amountType !== 'ROUNDING') {
        this.drawers.move(drawerOf(line), 'payment', entry.cents);
      }
    });
  }

  private addTransfer(transfer: CostCenterChangeInput, index: number): void {
    let net = 0;
    for (const [side, items] of [
      ['from', transfer.transfer.from],
      ['to', transfer.transfer.to],
    ] as const) {
      items.forEach((item, i) => {
        const field = `transfer.${side}[${i}].transaction`;
        net += this.cents(item.transaction.transactionTotal, index, field);
        if (side === 'from') this.addReductions(this.lines(item.transaction, index, field), index);
      });
    }
    count(this.proForma, net);
  }

  private addPaymentCorrection(correction: PaymentCorrectionInput, index: number): void {
    correction.financials.forEach((line, i) => {
      const entry = paymentEntry(line, line.amountType, this.problems, index, `financials[${i}]`);
      this.payments.addCorrection(entry);
      if (line.type === 'CASH' && line.amountType !== 'ROUNDING') {
        this.drawers.move(drawerOf(line), 'correction', entry.cents);
      }
    });
  }

  private addMoneyInOut(input: MoneyInOutInput, index: number): void {
    const declared = new Map<string, { drawer: { id: string; name: string }; cents: number }>();
    input.financials.forEach((line, i) => {
      if (line.type !== 'CASH') return;
      const cents = this.cents(line.amount, index, `financials[${i}].amount`);
      const drawer = drawerOf(line);
      if (line.amountType === 'MONEY_IN_OUT') this.drawers.move(drawer, 'moneyInOut', cents);
      else {
        const sums = declared.get(drawer.id) ?? { drawer, cents: 0 };
        sums.cents += cents;
        declared.set(drawer.id, sums);
      }
    });
    for (const { drawer, cents } of declared.values()) this.drawers.declare(drawer, cents);
  }

  private addInvoice(invoice: InvoiceInput, index: number, saleTotals: ReadonlyMap<string, number>): void {
    let total = 0;
    for (const ref of invoice.fdmRefs) {
      const cents = saleTotals.get(referenceKey(ref));
      if (cents === undefined) {
        this.problems.add({
          code: 'UNKNOWN_INVOICED_SALE',
          event: index,
          invoiceNo: invoice.invoiceNo,
          fdmRef: ref,
        });
      } else total += cents;
    }
    this.invoices.push({ invoiceNo: invoice.invoiceNo, totalCents: total });
  }

  /** Negative lines per reason (NegQuantityTotalInput; C-48 corrections, returns, cancelled lines). */
  private addReductions(lines: readonly LineFigures[], index: number): void {
    for (const line of lines) {
      if (line.negativeReason === null) continue;
      let sums = this.reductions.get(line.negativeReason);
      if (sums === undefined) {
        sums = { quantity: 0, lineCount: 0, totalCents: 0, tickets: new Set() };
        this.reductions.set(line.negativeReason, sums);
      }
      // weighed or measured goods count one per line: negQuantityCount is an integer
      const units = Math.abs(line.quantity);
      sums.quantity += Number.isInteger(units) ? units : 1;
      sums.lineCount += 1;
      sums.totalCents += line.totalCents;
      sums.tickets.add(index);
    }
  }

  /** PUBLIC price changes only (fdm2-graphql §4.2); INTERNAL ones are technical splits. */
  private addPriceChanges(lines: readonly LineFigures[], index: number): void {
    lines.forEach((line) => {
      line.priceChanges.forEach((change, c) => {
        if (change.type !== 'PUBLIC') return;
        let sums = this.priceChanges.get(change.id);
        if (sums === undefined) {
          sums = { id: change.id, name: change.name, applications: new Set(), perLabel: new Map() };
          this.priceChanges.set(change.id, sums);
        }
        // one discount spread over lines under a groupingId is one application
        sums.applications.add(
          change.groupingId === null ? `${index}/${line.index}/${c}` : `${index}/g${change.groupingId}`,
        );
        const perLabel = sums.perLabel.get(change.label) ?? { negativeCents: 0, positiveCents: 0 };
        if (change.cents < 0) perLabel.negativeCents += change.cents;
        else perLabel.positiveCents += change.cents;
        sums.perLabel.set(change.label, perLabel);
      });
    });
  }

  private lines(transaction: SaleInput['transaction'], index: number, field: string): LineFigures[] {
    return transactionLines(transaction, this.problems, index, field);
  }

  private cents(euros: number, index: number, field: string): number {
    return this.problems.cents(
      euros,
      index,
      field.endsWith('transaction') ? `${field}.transactionTotal` : field,
    );
  }
}

function priceChangeFigures(sums: PriceChangeSums): PriceChangeFigures {
  const labels = [...sums.perLabel.entries()].sort(([a], [b]) => a.localeCompare(b));
  return {
    id: sums.id,
    name: sums.name,
    count: sums.applications.size,
    negativeCents: sum(labels.map(([, v]) => v.negativeCents)),
    positiveCents: sum(labels.map(([, v]) => v.positiveCents)),
    perLabel: labels.map(([label, v]) => ({ label, ...v })),
  };
}

const counter = (): { count: number; totalCents: number } => ({ count: 0, totalCents: 0 });

function count(target: { count: number; totalCents: number }, cents: number): void {
  target.count += 1;
  target.totalCents += cents;
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
