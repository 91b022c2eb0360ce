import type { NegQuantityReason } from '../fdm-api/types.js';
import type { ReportPrint, ReportPrintRow, ReportPrintSection } from '../receipt/build/report.js';
import type { VatTableRow } from '../receipt/model.js';
import type {
  FinancialReportModel,
  PaymentMethodFigures,
  ReportScope,
  UsersReportModel,
  VatFigures,
  VatRateFigures,
} from './report-model.js';

export interface ReportPrintOptions {
  readonly type: 'X' | 'Z';
  /** Z only (C-48). */
  readonly reportNo?: number;
  /** The report's own posDateTime: an empty period is shown as starting and ending then. */
  readonly madeAt: string;
}

const reasonTitles: Readonly<Record<NegQuantityReason, string>> = {
  REFUND: 'Terugbetalingen',
  CORRECTION: 'Correcties',
  PRICE_CHANGE: 'Prijswijzigingen',
  COST_CENTER_CHANGE: 'Tafeloverdrachten',
  WASTE: 'Verlies',
  DAMAGE: 'Schade',
  VOUCHER: 'Bonnen',
};

const amountTypeNames = { PAYMENT: '', TIP: ' fooi', ROUNDING: ' afronding' } as const;

/**
 * The printable X/Z FINANCIEEL (C-48, C-49) as sections for the receipt builder
 * (buildReportReceipt): every item of the circular, including zero counts, so the reader sees
 * that nothing happened rather than nothing printed.
 */
export function financialReportPrint(report: FinancialReportModel, options: ReportPrintOptions): ReportPrint {
  const sections: ReportPrintSection[] = [
    {
      title: 'Omzet NS+NR incl. btw',
      rows: [
        { label: 'BTW-kastickets', count: report.turnover.count, amountCents: report.turnover.totalCents },
      ],
    },
    {
      title: 'Omzet per afdeling',
      rows: report.departments.map((d) => ({ label: d.departmentName, amountCents: d.totalCents })),
    },
    { title: 'Btw verkopen (NS)', rows: [], vatRows: vatRows(report.vatRates, (r) => r.sales) },
    { title: 'Btw terugbetalingen (NR)', rows: [], vatRows: vatRows(report.vatRates, (r) => r.refunds) },
    {
      title: 'Btw totaal',
      rows: [{ label: 'Totaal', amountCents: report.vatTotals.total.totalCents }],
      vatRows: vatRows(report.vatRates, (r) => r.total),
    },
    { title: 'Betalingen', rows: paymentRows(report.payments) },
    {
      title: 'Lade-inhoud einde periode',
      rows: report.drawers.map((d) => ({ label: d.drawerName || 'Lade', amountCents: d.contentCents })),
    },
    {
      title: 'Tellers',
      rows: [
        { label: 'Lade geopend zonder verkoop', count: report.drawerOpeningsWithoutSale },
        {
          label: 'Trainingtickets (TS+TR)',
          count: report.training.count,
          amountCents: report.training.totalCents,
        },
        {
          label: 'Terugbetalingen (NR)',
          count: report.refunds.count,
          amountCents: report.refunds.totalCents,
        },
        { label: 'Pro forma (PS+PR)', count: report.proForma.count, amountCents: report.proForma.totalCents },
        { label: 'Facturen', count: report.invoices.count, amountCents: report.invoices.totalCents },
      ],
    },
    {
      title: 'Kortingen en toeslagen',
      rows: report.priceChanges.flatMap((p): ReportPrintRow[] => [
        ...(p.negativeCents !== 0 ? [{ label: p.name, count: p.count, amountCents: p.negativeCents }] : []),
        ...(p.positiveCents !== 0 ? [{ label: `${p.name} toeslag`, amountCents: p.positiveCents }] : []),
      ]),
    },
    {
      title: 'Correcties, retours en annulaties',
      rows: report.reductions.map((r) => ({
        label: reasonTitles[r.reason],
        count: r.quantity,
        amountCents: r.totalCents,
      })),
    },
    {
      title: 'Facturen',
      rows: report.invoices.items.map((i) => ({ label: i.invoiceNo, amountCents: i.totalCents })),
    },
  ];
  return printOf('turnover', report.scope, options, sections);
}

/** The printable X/Z GEBRUIKERS (C-50, C-51): one section per user, with name and INSZ/BIS. */
export function usersReportPrint(report: UsersReportModel, options: ReportPrintOptions): ReportPrint {
  const sections = report.users.map((u): ReportPrintSection => ({
    title: u.name ?? u.employeeId,
    rows: [
      { label: 'Naam', value: u.name ?? '-' },
      { label: 'INSZ/BIS', value: u.employeeId },
      { label: 'Omzet incl. btw', count: u.turnover.count, amountCents: u.turnover.totalCents },
      ...u.departments.map((d) => ({ label: d.departmentName, amountCents: d.totalCents })),
      { label: 'Contant', amountCents: u.cashCents },
      ...paymentRows(u.payments),
      { label: 'Trainingtickets', count: u.training.count, amountCents: u.training.totalCents },
      ...u.socialEvents.map((s) => ({
        label: s.inOut === 'IN' ? 'Aanmelding' : 'Afmelding',
        value: s.posDateTime,
      })),
      { label: 'Eerste ticket', value: u.firstTicketPosDateTime ?? '-' },
      { label: 'Laatste ticket', value: u.lastTicketPosDateTime ?? '-' },
    ],
  }));
  return printOf('users', report.scope, options, sections);
}

function printOf(
  scope: ReportPrint['scope'],
  covered: ReportScope,
  options: ReportPrintOptions,
  sections: ReportPrintSection[],
): ReportPrint {
  return {
    type: options.type,
    scope,
    ...(options.reportNo !== undefined ? { reportNo: options.reportNo } : {}),
    period: { from: covered.from ?? options.madeAt, to: covered.to ?? options.madeAt },
    registers: covered.registers.map((r) => `${r.posId} ${r.terminalId}`),
    sections,
  };
}

function vatRows(
  rates: readonly VatRateFigures[],
  part: (rate: VatRateFigures) => VatFigures,
): VatTableRow[] {
  return rates.map((rate) => ({
    label: rate.label,
    ratePercent: rate.ratePercent,
    ...part(rate),
    outOfScope: rate.label === 'X',
  }));
}

function paymentRows(methods: readonly PaymentMethodFigures[]): ReportPrintRow[] {
  return methods.flatMap((m) =>
    m.amounts.flatMap((a): ReportPrintRow[] => {
      const label = `${m.name}${amountTypeNames[a.amountType]}`;
      const corrections = a.negativeCorrectionsCents + a.positiveCorrectionsCents;
      return [
        { label, amountCents: a.totalCents },
        ...(a.correctionsCount > 0
          ? [{ label: `${label} correcties`, count: a.correctionsCount, amountCents: corrections }]
          : []),
      ];
    }),
  );
}
