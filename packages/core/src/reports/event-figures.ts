import type {
  MoneyInOutLineInput,
  NegQuantityReason,
  PaymentLineInput,
  PriceChangeType,
  ProductInput,
  QuantityType,
  TransactionInput,
  VatLabel,
} from '../fdm-api/types.js';
import type { PaymentEntry } from './payment-totals.js';
import type { ProblemList } from './period-events.js';

/** A transaction line reduced to what reports sum, amounts in cents. */
export interface LineFigures {
  readonly index: number;
  readonly departmentId: string;
  readonly departmentName: string;
  readonly totalCents: number;
  readonly quantity: number;
  readonly quantityType: QuantityType;
  /** Set when the line's quantity is negative. */
  readonly negativeReason: NegQuantityReason | null;
  /** Per VAT part (sub-products' parts for a composite line), after its price changes. */
  readonly vatParts: readonly { readonly label: VatLabel; readonly totalCents: number }[];
  readonly priceChanges: readonly PriceChangeFigure[];
}

export interface PriceChangeFigure {
  readonly id: string;
  readonly name: string;
  readonly type: PriceChangeType;
  readonly label: VatLabel;
  readonly groupingId: number | null;
  readonly cents: number;
}

/**
 * A refund line (C-8, fdm2-graphql §8.5): negative quantity for the reason REFUND. Negative
 * lines for other reasons (corrections inside the ticket, price changes) lower the sale itself.
 */
export const isRefundLine = (line: LineFigures): boolean => line.negativeReason === 'REFUND';

export function transactionLines(
  transaction: TransactionInput,
  problems: ProblemList,
  event: number,
  field: string,
): LineFigures[] {
  return transaction.transactionLines.map((line, index) => {
    const at = `${field}.transactionLines[${index}]`;
    const main = line.mainProduct;
    const vatParts: { label: VatLabel; totalCents: number }[] = [];
    const priceChanges: PriceChangeFigure[] = [];
    const readProduct = (product: ProductInput, productField: string): void => {
      product.vats.forEach((vat, v) => {
        const vatField = `${productField}.vats[${v}]`;
        let total = problems.cents(vat.price, event, `${vatField}.price`);
        (vat.priceChanges ?? []).forEach((change, c) => {
          const cents = problems.cents(change.amount, event, `${vatField}.priceChanges[${c}].amount`);
          total += cents;
          priceChanges.push({
            id: change.id,
            name: change.name,
            type: change.type,
            label: vat.label,
            groupingId: change.groupingId ?? null,
            cents,
          });
        });
        vatParts.push({ label: vat.label, totalCents: total });
      });
    };
    if (line.lineType === 'COMPOSITE_PRODUCT') {
      (line.subProducts ?? []).forEach((product, p) => readProduct(product, `${at}.subProducts[${p}]`));
    } else readProduct(main, `${at}.mainProduct`);
    return {
      index,
      departmentId: main.departmentId,
      departmentName: main.departmentName,
      totalCents: problems.cents(line.lineTotal, event, `${at}.lineTotal`),
      quantity: main.quantity,
      quantityType: main.quantityType,
      negativeReason: main.quantity < 0 ? (main.negQuantityReason ?? null) : null,
      vatParts,
      priceChanges,
    };
  });
}

export function paymentEntry(
  line: PaymentLineInput | MoneyInOutLineInput,
  amountType: PaymentEntry['amountType'],
  problems: ProblemList,
  event: number,
  field: string,
): PaymentEntry {
  const foreign = line.foreignCurrency
    ? {
        iso: line.foreignCurrency.iso,
        amountHundredths: problems.cents(
          line.foreignCurrency.amount,
          event,
          `${field}.foreignCurrency.amount`,
        ),
      }
    : undefined;
  return {
    methodId: line.id,
    name: line.name,
    type: line.type,
    amountType,
    cents: problems.cents(line.amount, event, `${field}.amount`),
    foreign,
  };
}

/** Where cash lands: the line's drawer, or '' when the POS has a single unnamed one. */
export const drawerOf = (
  line: PaymentLineInput | MoneyInOutLineInput,
): { readonly id: string; readonly name: string } =>
  line.drawer ? { id: line.drawer.id, name: line.drawer.name } : { id: '', name: '' };
