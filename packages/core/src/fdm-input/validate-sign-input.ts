import type { InvalidRequest } from '../fdm-api/invalid-request.js';
import type { SignMutation, SignMutationInputs, VatLabel } from '../fdm-api/types.js';
import type { Result } from '../result/result.js';
import { err, ok } from '../result/result.js';
import { checkCommonFields } from './common-fields.js';
import { checkCostCenter, requireCostCenter } from './cost-center.js';
import { checkFdmRef, copyableLabels, saleLabels } from './fdm-ref.js';
import { Findings } from './findings.js';
import { checkInvoice } from './invoice.js';
import { formatCents } from './numbers.js';
import { checkDrawer, checkMoneyInOutLines, checkPaymentLines } from './payment-lines.js';
import { checkFdmDevices, checkPosDevices, checkTurnover, checkUsers, checkZReportFields } from './report.js';
import { type TransactionFigures, checkTransaction, orderedVatTotals } from './transaction.js';
import { checkTransfer } from './transfer.js';

export interface ValidatedSignInput<M extends SignMutation = SignMutation> {
  readonly mutation: M;
  readonly data: SignMutationInputs[M];
  /**
   * For inputs with a transaction (sale, order, pre-bill): per VAT label the sum of
   * (price + priceChanges) in cents over all lines (sub-products for composites), labels in
   * order A, B, C, D, X, only the labels that occur. Empty otherwise.
   */
  readonly vatTotals: readonly { label: VatLabel; totalCents: number }[];
  /** transactionTotal in cents, when the input has a transaction; cost-center change: sum of 'to'. */
  readonly transactionTotalCents?: number;
}

interface Figures {
  readonly vatTotals: readonly { label: VatLabel; totalCents: number }[];
  readonly transactionTotalCents?: number;
}

type InputCheck<M extends SignMutation> = (findings: Findings, data: SignMutationInputs[M]) => Figures;

const noFigures: Figures = { vatTotals: [] };

const fromTransaction = (figures: TransactionFigures): Figures =>
  figures.totalCents === undefined
    ? { vatTotals: orderedVatTotals(figures.vatTotals) }
    : {
        vatTotals: orderedVatTotals(figures.vatTotals),
        transactionTotalCents: figures.totalCents,
      };

/** What each mutation adds to the common block. */
const inputChecks: { readonly [M in SignMutation]: InputCheck<M> } = {
  signSale(findings, data) {
    if (data.fdmRef !== null && data.fdmRef !== undefined) {
      checkFdmRef(findings, 'fdmRef', data.fdmRef, saleLabels);
    }
    checkCostCenter(findings, 'costCenter', data.costCenter);
    const figures = checkTransaction(findings, 'transaction', data.transaction);
    const payments = checkPaymentLines(findings, 'financials', data.financials);
    const total = figures.totalCents;
    if (total !== undefined && payments.settledCents !== undefined && payments.settledCents !== total) {
      findings.add(
        'FINANCIALS_MISMATCH',
        'financials',
        data.financials.length === 0
          ? `financials is empty but transactionTotal is ${formatCents(total)}; only a sale of 0.00 needs no payment lines.`
          : `PAYMENT and ROUNDING lines add up to ${formatCents(payments.settledCents)} but transactionTotal is ${formatCents(total)}; they must be equal (TIP lines come on top).`,
      );
    }
    return fromTransaction(figures);
  },
  signInvoice(findings, data) {
    checkInvoice(findings, data);
    return noFigures;
  },
  signOrder(findings, data) {
    requireCostCenter(
      findings,
      'costCenter',
      data.costCenter,
      'an order belongs to a table or other cost center',
    );
    return fromTransaction(checkTransaction(findings, 'transaction', data.transaction));
  },
  signCostCenterChange(findings, data) {
    const to = checkTransfer(findings, data.transfer);
    return to === undefined ? noFigures : { vatTotals: [], transactionTotalCents: to };
  },
  signPreBill(findings, data) {
    checkCostCenter(findings, 'costCenter', data.costCenter);
    const figures = checkTransaction(findings, 'transaction', data.transaction);
    // a pre-bill may show partial payments, so its financials need not settle the total
    checkPaymentLines(findings, 'financials', data.financials ?? []);
    return fromTransaction(figures);
  },
  signMoneyInOut(findings, data) {
    checkMoneyInOutLines(findings, 'financials', data.financials);
    return noFigures;
  },
  signDrawerOpen(findings, data) {
    checkDrawer(findings, 'drawer', data.drawer);
    return noFigures;
  },
  signPaymentCorrection(findings, data) {
    if (data.fdmRef !== null && data.fdmRef !== undefined) {
      checkFdmRef(findings, 'fdmRef', data.fdmRef, saleLabels);
    }
    checkPaymentLines(findings, 'financials', data.financials);
    return noFigures;
  },
  signWorkIn: () => noFigures,
  signWorkOut: () => noFigures,
  signCopy(findings, data) {
    checkFdmRef(findings, 'fdmRef', data.fdmRef, copyableLabels);
    return noFigures;
  },
  signReportTurnoverX(findings, data) {
    checkPosDevices(findings, data.posDevices);
    checkFdmDevices(findings, data.fdmDevices);
    checkTurnover(findings, data.turnover);
    return noFigures;
  },
  signReportTurnoverZ(findings, data) {
    checkZReportFields(findings, data);
    checkPosDevices(findings, data.posDevices);
    checkFdmDevices(findings, data.fdmDevices);
    checkTurnover(findings, data.turnover);
    return noFigures;
  },
  signReportUserX(findings, data) {
    checkPosDevices(findings, data.posDevices);
    checkFdmDevices(findings, data.fdmDevices);
    checkUsers(findings, data.users);
    return noFigures;
  },
  signReportUserZ(findings, data) {
    checkZReportFields(findings, data);
    checkPosDevices(findings, data.posDevices);
    checkFdmDevices(findings, data.fdmDevices);
    checkUsers(findings, data.users);
    return noFigures;
  },
};

/**
 * Validates a sign mutation's `data` beyond what GraphQL types check: formats, ranges, sizes
 * and the arithmetic of lines, totals and payments (fdm-v2-notes, validation). Every finding
 * is reported, each with its sub-code and field path inside `data`.
 */
export function validateSignInput<M extends SignMutation>(
  mutation: M,
  data: SignMutationInputs[M],
): Result<ValidatedSignInput<M>, InvalidRequest[]> {
  const check: InputCheck<M> | undefined = inputChecks[mutation];
  if (check === undefined) throw new Error(`validateSignInput: unknown mutation ${String(mutation)}`);
  const findings = new Findings();
  checkCommonFields(findings, data);
  const figures = check(findings, data);
  if (findings.count > 0) return err(findings.result());
  return ok({ mutation, data, ...figures });
}
