import type { ProductInput, TransferInput, TransferItemInput } from '../fdm-api/types.js';
import { requireCostCenter } from './cost-center.js';
import { type Findings, at, member } from './findings.js';
import { limits } from './limits.js';
import { checkListSize, formatCents } from './numbers.js';
import { checkTransaction } from './transaction.js';

/** Quantities are compared at a micro-unit grain: they may be kilograms with decimals. */
const quantityGrain = 1_000_000;

/**
 * A cost-center change (fdm-v2-notes, restaurant flow): the lines leave their cost centers
 * under `from`, negated with reason COST_CENTER_CHANGE, and arrive positive under `to`. What
 * leaves must equal what arrives, in money and per product in quantity.
 * Returns the sum of the `to` totals in cents, when all are valid.
 */
export function checkTransfer(findings: Findings, transfer: TransferInput): number | undefined {
  const from = checkSide(findings, 'transfer.from', transfer.from, 'from');
  const to = checkSide(findings, 'transfer.to', transfer.to, 'to');
  if (from === undefined || to === undefined) return undefined;

  if (from.totalCents !== undefined && to.totalCents !== undefined) {
    if (from.totalCents + to.totalCents !== 0) {
      findings.add(
        'TRANSFER_MISMATCH',
        'transfer.to',
        `The transfer moves ${formatCents(-from.totalCents)} out (sum of from) but ${formatCents(to.totalCents)} in (sum of to); they must be equal.`,
      );
    }
  }
  for (const productId of new Set([...from.quantities.keys(), ...to.quantities.keys()])) {
    const out = -(from.quantities.get(productId) ?? 0);
    const moved = to.quantities.get(productId) ?? 0;
    if (out !== moved) {
      findings.add(
        'TRANSFER_MISMATCH',
        'transfer.to',
        `Product ${JSON.stringify(productId)} leaves with quantity ${out / quantityGrain} but arrives with ${moved / quantityGrain}; a transfer moves the same lines.`,
      );
    }
  }
  return to.totalCents;
}

interface SideFigures {
  readonly totalCents: number | undefined;
  /** productId -> summed main-product quantity, in micro-units. */
  readonly quantities: Map<string, number>;
}

function checkSide(
  findings: Findings,
  field: string,
  items: readonly TransferItemInput[],
  side: 'from' | 'to',
): SideFigures | undefined {
  if (items.length === 0) {
    findings.add(
      'EMPTY_TRANSFER',
      field,
      `${field} must hold at least one cost center with its lines: a transfer moves lines ${side === 'from' ? 'out of' : 'into'} a cost center.`,
    );
    return undefined;
  }
  if (!checkListSize(findings, field, items)) return undefined;
  let totalCents: number | undefined = 0;
  const quantities = new Map<string, number>();
  items.forEach((item, index) => {
    const itemField = at(field, index);
    requireCostCenter(
      findings,
      member(itemField, 'costCenter'),
      item.costCenter,
      'every side of a transfer names its cost center',
    );
    const transactionField = member(itemField, 'transaction');
    const figures = checkTransaction(findings, transactionField, item.transaction);
    totalCents =
      totalCents === undefined || figures.totalCents === undefined
        ? undefined
        : totalCents + figures.totalCents;
    const lines = item.transaction.transactionLines;
    if (lines.length > limits.maxListItems) return;
    lines.forEach((line, lineIndex) => {
      const productField = member(at(member(transactionField, 'transactionLines'), lineIndex), 'mainProduct');
      checkDirection(findings, productField, line.mainProduct, side);
      if (Number.isFinite(line.mainProduct.quantity)) {
        const grains = Math.round(line.mainProduct.quantity * quantityGrain);
        const id = line.mainProduct.productId;
        quantities.set(id, (quantities.get(id) ?? 0) + grains);
      }
    });
  });
  return { totalCents, quantities };
}

function checkDirection(findings: Findings, field: string, product: ProductInput, side: 'from' | 'to'): void {
  if (side === 'to') {
    if (!(product.quantity > 0)) {
      findings.add(
        'TRANSFER_TO_NOT_POSITIVE',
        member(field, 'quantity'),
        `Lines arriving under transfer.to have a positive quantity, got ${String(product.quantity)}.`,
      );
    }
    return;
  }
  if (!(product.quantity < 0)) {
    findings.add(
      'TRANSFER_FROM_NOT_NEGATED',
      member(field, 'quantity'),
      `Lines leaving under transfer.from are negated: the quantity must be negative, got ${String(product.quantity)}.`,
    );
  } else if (
    // a missing reason is already reported as EXPECTED_NEGQUANTITYREASON
    product.negQuantityReason !== null &&
    product.negQuantityReason !== undefined &&
    product.negQuantityReason !== 'COST_CENTER_CHANGE'
  ) {
    findings.add(
      'TRANSFER_FROM_NOT_NEGATED',
      member(field, 'negQuantityReason'),
      `Lines leaving under transfer.from carry negQuantityReason COST_CENTER_CHANGE, got ${String(product.negQuantityReason)}.`,
    );
  }
}
