import type {
  ProductInput,
  TransactionInput,
  TransactionLineInput,
  VatInput,
  VatLabel,
} from '../fdm-api/types.js';
import { vatLabelValues } from '../fdm-api/types.js';
import { checkCostCenter } from './cost-center.js';
import { type Findings, at, member } from './findings.js';
import { limits } from './limits.js';
import { checkListSize, formatCents, readAmount, readQuantity } from './numbers.js';
import { checkText, checkTrimmedText } from './text.js';

/** Per VAT label, the sum of (price + priceChanges) in cents. */
export type VatTotals = Map<VatLabel, number>;

export interface TransactionFigures {
  /** transactionTotal in cents, when it is a valid amount. */
  readonly totalCents: number | undefined;
  /** Per VAT label over all lines (sub-products for composites). */
  readonly vatTotals: VatTotals;
}

/**
 * Checks a transaction's lines and its arithmetic (fdm2-graphql §9 rules 1 and 2): every line
 * total is the sum of its VAT parts after price changes, the transaction total the sum of the
 * line totals, all in cents. A sum is only compared when all its terms are valid amounts, so
 * one bad amount yields one finding, not a cascade.
 */
export function checkTransaction(
  findings: Findings,
  field: string,
  transaction: TransactionInput,
): TransactionFigures {
  const vatTotals: VatTotals = new Map();
  const linesField = member(field, 'transactionLines');
  const lines = transaction.transactionLines;
  let linesSum: number | undefined = 0;
  if (checkListSize(findings, linesField, lines)) {
    lines.forEach((line, index) => {
      const lineTotal = checkLine(findings, at(linesField, index), line, vatTotals);
      linesSum = linesSum === undefined || lineTotal === undefined ? undefined : linesSum + lineTotal;
    });
  } else {
    linesSum = undefined;
  }
  const totalField = member(field, 'transactionTotal');
  const totalCents = readAmount(findings, totalField, transaction.transactionTotal);
  if (totalCents !== undefined && linesSum !== undefined && totalCents !== linesSum) {
    findings.add(
      'TOTAL_MISMATCH',
      totalField,
      `${totalField} is ${formatCents(totalCents)} but the sum of lineTotal is ${formatCents(linesSum)}; they must be equal.`,
    );
  }
  return { totalCents, vatTotals };
}

/** Returns the line's lineTotal in cents when valid. */
function checkLine(
  findings: Findings,
  field: string,
  line: TransactionLineInput,
  vatTotals: VatTotals,
): number | undefined {
  const mainField = member(field, 'mainProduct');
  const subsField = member(field, 'subProducts');
  const subProducts = line.subProducts ?? [];
  let partsSum: number | undefined;

  if (line.lineType === 'COMPOSITE_PRODUCT') {
    checkProductFields(findings, mainField, line.mainProduct);
    if (line.mainProduct.vats.length > 0) {
      findings.add(
        'COMPOSITE_MAIN_PRODUCT_HAS_VATS',
        member(mainField, 'vats'),
        `A COMPOSITE_PRODUCT line carries its VAT on the sub-products; ${mainField}.vats must be empty.`,
      );
    }
    if (subProducts.length === 0) {
      findings.add(
        'COMPOSITE_WITHOUT_SUBPRODUCTS',
        subsField,
        `A COMPOSITE_PRODUCT line needs at least one sub-product in ${subsField}.`,
      );
    } else if (checkListSize(findings, subsField, subProducts)) {
      partsSum = 0;
      subProducts.forEach((sub, index) => {
        const subField = at(subsField, index);
        checkProductFields(findings, subField, sub);
        const subSum = checkVats(findings, subField, sub.vats, vatTotals);
        partsSum = partsSum === undefined || subSum === undefined ? undefined : partsSum + subSum;
      });
    }
  } else {
    checkProductFields(findings, mainField, line.mainProduct);
    if (subProducts.length > 0) {
      findings.add(
        'SINGLE_PRODUCT_WITH_SUBPRODUCTS',
        subsField,
        `A SINGLE_PRODUCT line has no sub-products; use COMPOSITE_PRODUCT or leave ${subsField} empty.`,
      );
    } else {
      partsSum = checkVats(findings, mainField, line.mainProduct.vats, vatTotals);
    }
  }

  checkCostCenter(findings, member(field, 'costCenter'), line.costCenter);

  const totalField = member(field, 'lineTotal');
  const lineTotal = readAmount(findings, totalField, line.lineTotal);
  if (lineTotal !== undefined && partsSum !== undefined && lineTotal !== partsSum) {
    findings.add(
      'LINE_TOTAL_MISMATCH',
      totalField,
      `${totalField} is ${formatCents(lineTotal)} but the sum over vats of price + priceChanges is ${formatCents(partsSum)}; they must be equal.`,
    );
  }
  return lineTotal;
}

/** Everything of a product except its VAT parts. */
function checkProductFields(findings: Findings, field: string, product: ProductInput): void {
  if (product.gtin !== null && product.gtin !== undefined) {
    checkTrimmedText(findings, 'INVALID_GTIN', member(field, 'gtin'), product.gtin, limits.maxGtinLength);
  }
  checkText(findings, member(field, 'productId'), product.productId);
  checkText(findings, member(field, 'productName'), product.productName);
  checkText(findings, member(field, 'departmentId'), product.departmentId);
  checkText(findings, member(field, 'departmentName'), product.departmentName);

  const quantity = readQuantity(findings, member(field, 'quantity'), product.quantity);
  if (
    quantity !== undefined &&
    quantity < 0 &&
    (product.negQuantityReason === null || product.negQuantityReason === undefined)
  ) {
    findings.add(
      'EXPECTED_NEGQUANTITYREASON',
      member(field, 'negQuantityReason'),
      `${field}.quantity is negative (${quantity}); a negative quantity needs a negQuantityReason.`,
    );
  }

  const unitPriceField = member(field, 'unitPrice');
  const unitPrice = readAmount(findings, unitPriceField, product.unitPrice);
  if (unitPrice !== undefined && unitPrice < 0) {
    findings.add(
      'VAT_PRICE_CHECK_FAILED',
      unitPriceField,
      `${unitPriceField} is ${formatCents(unitPrice)}; a unit price is never negative (a refund has a negative quantity instead).`,
    );
  }
}

/**
 * The VAT parts of one product: returns their sum after price changes in cents (undefined
 * when any term is invalid) and adds each part to the transaction's per-label totals.
 */
function checkVats(
  findings: Findings,
  productField: string,
  vats: readonly VatInput[],
  vatTotals: VatTotals,
): number | undefined {
  const vatsField = member(productField, 'vats');
  if (vats.length === 0) {
    findings.add(
      'MISSING_VATS',
      vatsField,
      `${vatsField} must hold at least one VAT part (label and price).`,
    );
    return undefined;
  }
  if (!checkListSize(findings, vatsField, vats, limits.maxVatParts)) return undefined;
  let sum: number | undefined = 0;
  vats.forEach((vat, index) => {
    const vatField = at(vatsField, index);
    const part = checkVatPart(findings, vatField, vat);
    if (part === undefined) {
      sum = undefined;
      return;
    }
    vatTotals.set(vat.label, (vatTotals.get(vat.label) ?? 0) + part);
    if (sum !== undefined) sum += part;
  });
  return sum;
}

function checkVatPart(findings: Findings, field: string, vat: VatInput): number | undefined {
  let part = readAmount(findings, member(field, 'price'), vat.price);
  const changes = vat.priceChanges ?? [];
  const changesField = member(field, 'priceChanges');
  if (!checkListSize(findings, changesField, changes, limits.maxPriceChanges)) return undefined;
  changes.forEach((change, index) => {
    const changeField = at(changesField, index);
    checkText(findings, member(changeField, 'id'), change.id);
    checkText(findings, member(changeField, 'name'), change.name);
    const amount = readAmount(findings, member(changeField, 'amount'), change.amount);
    part = part === undefined || amount === undefined ? undefined : part + amount;
  });
  return part;
}

/** vatTotals in the API's label order A, B, C, D, X, only labels that occur. */
export function orderedVatTotals(totals: VatTotals): { label: VatLabel; totalCents: number }[] {
  const ordered: { label: VatLabel; totalCents: number }[] = [];
  for (const label of vatLabelValues) {
    const totalCents = totals.get(label);
    if (totalCents !== undefined) ordered.push({ label, totalCents });
  }
  return ordered;
}
