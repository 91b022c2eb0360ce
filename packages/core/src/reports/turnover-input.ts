import type { PaymentTotalInput, TurnoverInput, UserItemInput } from '../fdm-api/types.js';
import { centsToEuros } from '../money/money.js';
import type { FinancialReportModel, PaymentMethodFigures, UserFigures } from './report-model.js';

/**
 * The FDM's TurnoverInput from the report's figures: the same numbers, in euros. Labels N, P,
 * I and T are always listed, with zeros when the period had none (an empty Z is still a Z).
 */
export function toTurnoverInput(report: FinancialReportModel): TurnoverInput {
  return {
    transactions: [
      {
        eventLabel: 'N',
        ticketCount: report.turnover.count,
        amount: centsToEuros(report.turnover.totalCents),
      },
      {
        eventLabel: 'P',
        ticketCount: report.proForma.count,
        amount: centsToEuros(report.proForma.totalCents),
      },
      {
        eventLabel: 'I',
        ticketCount: report.invoices.count,
        amount: centsToEuros(report.invoices.totalCents),
      },
      {
        eventLabel: 'T',
        ticketCount: report.training.count,
        amount: centsToEuros(report.training.totalCents),
      },
    ],
    departments: report.departments.map((d) => ({
      departmentId: d.departmentId,
      departmentName: d.departmentName,
      amount: centsToEuros(d.totalCents),
    })),
    vats: report.vatRates.map((r) => ({
      label: r.label,
      rate: r.ratePercent,
      taxableAmount: centsToEuros(r.total.taxableCents),
      vatAmount: centsToEuros(r.total.vatCents),
      totalAmount: centsToEuros(r.total.totalCents),
    })),
    payments: toPaymentTotals(report.payments),
    drawersOpenCount: report.drawerOpeningsWithoutSale,
    negQuantities: report.reductions.map((r) => ({
      negQuantityReason: r.reason,
      negQuantityCount: r.quantity,
      ticketCount: r.ticketCount,
      amount: centsToEuros(r.totalCents),
    })),
    priceChanges: report.priceChanges.map((p) => ({
      id: p.id,
      name: p.name,
      type: 'PUBLIC',
      amount: p.perLabel.map((l) => ({
        label: l.label,
        negative: centsToEuros(l.negativeCents),
        positive: centsToEuros(l.positiveCents),
      })),
    })),
    invoices: report.invoices.items.map((i) => ({
      invoiceNo: i.invoiceNo,
      amount: centsToEuros(i.totalCents),
    })),
  };
}

export function toUserItems(users: readonly UserFigures[]): UserItemInput[] {
  return users.map((u) => ({
    employeeId: u.employeeId,
    totalAmount: centsToEuros(u.turnover.totalCents),
    firstPosDateTime: u.firstPosDateTime,
    lastPosDateTime: u.lastPosDateTime,
    socialEvents: u.socialEvents.map((s) => ({ posDateTime: s.posDateTime, inOut: s.inOut })),
    payments: toPaymentTotals(u.payments),
  }));
}

/** negativeCorrections goes out signed (<= 0): the amount the corrections took away. */
function toPaymentTotals(methods: readonly PaymentMethodFigures[]): PaymentTotalInput[] {
  return methods.map((m) => ({
    id: m.methodId,
    name: m.name,
    type: m.type,
    amount: m.amounts.map((a) => ({
      type: a.amountType,
      normalAmount: centsToEuros(a.normalCents),
      negativeCorrections: centsToEuros(a.negativeCorrectionsCents),
      positiveCorrections: centsToEuros(a.positiveCorrectionsCents),
      correctionsCount: a.correctionsCount,
      totalAmount: centsToEuros(a.totalCents),
      ...(a.normalForeign.length > 0
        ? {
            normalForeign: a.normalForeign.map((f) => ({
              iso: f.iso,
              amount: centsToEuros(f.amountHundredths),
            })),
          }
        : {}),
      ...(a.correctionsForeign.length > 0
        ? {
            correctionsForeign: a.correctionsForeign.map((f) => ({
              iso: f.iso,
              amount: centsToEuros(f.amountHundredths),
            })),
          }
        : {}),
    })),
  }));
}
