import type {
  DrawerInput,
  ForeignCurrencyInput,
  MoneyInOutLineInput,
  PaymentLineInput,
} from '../fdm-api/types.js';
import { type Findings, at, member } from './findings.js';
import { limits } from './limits.js';
import { checkListSize, formatCents, readAmount } from './numbers.js';
import { checkOptionalText, checkText } from './text.js';

const isoCurrency = /^[A-Z]{3}$/;

export interface PaymentFigures {
  /** Sum of PAYMENT and ROUNDING lines in cents; undefined when any of them is invalid. */
  readonly settledCents: number | undefined;
}

/**
 * Payment lines of a sale, pre-bill or payment correction. TIP lines are money on top of the
 * amount due (the tip itself is not part of transactionTotal), so they are left out of
 * `settledCents`; ROUNDING lines are part of the settlement.
 */
export function checkPaymentLines(
  findings: Findings,
  field: string,
  lines: readonly PaymentLineInput[],
): PaymentFigures {
  if (!checkListSize(findings, field, lines)) return { settledCents: undefined };
  let settled: number | undefined = 0;
  lines.forEach((line, index) => {
    const lineField = at(field, index);
    const amount = checkFinancialLine(findings, lineField, line);
    if (line.amountType === 'TIP') return;
    if (
      line.amountType === 'ROUNDING' &&
      amount !== undefined &&
      Math.abs(amount) > limits.maxRoundingCents
    ) {
      findings.add(
        'ROUNDING_TOO_LARGE',
        member(lineField, 'amount'),
        `A ROUNDING line is ${formatCents(amount)}; cash rounding to 5 cents is at most ${limits.maxRoundingCents} cents either way.`,
      );
    }
    settled = settled === undefined || amount === undefined ? undefined : settled + amount;
  });
  return { settledCents: settled };
}

/** Money in/out lines: the same fields as payment lines, without settlement arithmetic. */
export function checkMoneyInOutLines(
  findings: Findings,
  field: string,
  lines: readonly MoneyInOutLineInput[],
): void {
  if (!checkListSize(findings, field, lines)) return;
  lines.forEach((line, index) => checkFinancialLine(findings, at(field, index), line));
}

/** Returns the line's amount in cents when valid. */
function checkFinancialLine(
  findings: Findings,
  field: string,
  line: PaymentLineInput | MoneyInOutLineInput,
): number | undefined {
  checkText(findings, member(field, 'id'), line.id);
  checkText(findings, member(field, 'name'), line.name);
  checkOptionalText(findings, member(field, 'provider'), line.provider);
  checkOptionalText(findings, member(field, 'reference'), line.reference);
  if (line.foreignCurrency !== null && line.foreignCurrency !== undefined) {
    checkForeignCurrency(findings, member(field, 'foreignCurrency'), line.foreignCurrency);
  }
  checkDrawer(findings, member(field, 'drawer'), line.drawer);
  return readAmount(findings, member(field, 'amount'), line.amount);
}

/**
 * A foreign-currency amount. It goes through the same 2-decimal money rule as euros: the
 * currencies a Belgian till takes (USD, GBP, CHF, JPY) need no more.
 */
export function checkForeignCurrency(findings: Findings, field: string, foreign: ForeignCurrencyInput): void {
  const isoField = member(field, 'iso');
  if (typeof foreign.iso !== 'string' || !isoCurrency.test(foreign.iso)) {
    findings.add(
      'INVALID_CURRENCY',
      isoField,
      `${isoField} must be an ISO 4217 code of 3 upper-case letters (e.g. USD), got ${JSON.stringify(foreign.iso)}.`,
    );
  }
  readAmount(findings, member(field, 'amount'), foreign.amount);
}

export function checkDrawer(findings: Findings, field: string, drawer: DrawerInput | null | undefined): void {
  if (drawer === null || drawer === undefined) return;
  checkText(findings, member(field, 'id'), drawer.id);
  checkText(findings, member(field, 'name'), drawer.name);
}
