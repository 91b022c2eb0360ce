import {
  centsToEuros,
  type NegQuantityReason,
  type QuantityType,
  type TransactionInput,
  type TransactionLineInput,
  type VatLabel,
} from '@gks/core';

/** Why a line is on a registration. Every origin except `input` refers to an earlier line. */
export type LineOrigin = 'input' | 'correction' | 'price_change' | 'transfer_in' | 'transfer_out' | 'refund';

/** The catalog settings of an article, copied onto each line at input so they cannot change (C-34). */
export interface ArticleSnapshot {
  readonly productId: string;
  readonly productName: string;
  readonly departmentId: string;
  readonly departmentName: string;
  readonly quantityType: QuantityType;
  readonly unitPriceCents: number;
  readonly vatLabel: VatLabel;
}

/** A discount (negative) or surcharge (positive) on one line, in cents. */
export interface LinePriceChange {
  readonly id: string;
  readonly name: string;
  readonly amountCents: number;
}

export interface RegisteredLine extends ArticleSnapshot {
  readonly lineNo: number;
  readonly origin: LineOrigin;
  /** Thousandths of the unit: 1000 is one piece, 527 is 0.527 kg. Negative for corrections. */
  readonly quantityMilli: number;
  readonly negReason: NegQuantityReason | null;
  readonly priceChange: LinePriceChange | null;
  /** Price of the quantity plus the price change. */
  readonly lineTotalCents: number;
  /** The line this one corrects, moves or refunds. */
  readonly correctsLine: number | null;
  /** Free text the user gave for a correction (C-31). */
  readonly reason: string | null;
}

/** A line to be registered: everything but its number, which the registration assigns. */
export type NewLine = Omit<RegisteredLine, 'lineNo'>;

/** price of a quantity in cents, rounded half away from zero, symmetric for negative quantities. */
export function priceOfQuantity(unitPriceCents: number, quantityMilli: number): number {
  const magnitude = Math.round((unitPriceCents * Math.abs(quantityMilli)) / 1000);
  const price = quantityMilli < 0 ? -magnitude : magnitude;
  return price === 0 ? 0 : price;
}

export function basePriceCents(line: Pick<RegisteredLine, 'unitPriceCents' | 'quantityMilli'>): number {
  return priceOfQuantity(line.unitPriceCents, line.quantityMilli);
}

/** A new line for an article as entered. */
export function inputLine(article: ArticleSnapshot, quantityMilli: number): NewLine {
  return {
    ...article,
    origin: 'input',
    quantityMilli,
    negReason: null,
    priceChange: null,
    lineTotalCents: priceOfQuantity(article.unitPriceCents, quantityMilli),
    correctsLine: null,
    reason: null,
  };
}

/** Quantity of each positive line still on the registration after the negative lines that refer to it. */
export function openQuantities(lines: readonly RegisteredLine[]): Map<number, number> {
  const open = new Map<number, number>();
  for (const line of lines) {
    if (line.quantityMilli > 0) open.set(line.lineNo, line.quantityMilli);
  }
  for (const line of lines) {
    if (line.quantityMilli < 0 && line.correctsLine !== null) {
      const before = open.get(line.correctsLine);
      if (before !== undefined) open.set(line.correctsLine, before + line.quantityMilli);
    }
  }
  return open;
}

/**
 * The negative counterpart of `quantityMilli` of line `of`: the same article and price, a negative
 * quantity with the reason. A line carrying a price change is only ever negated whole (with its
 * price change negated), so its parts never need a share of the change.
 */
export function negationOf(
  of: RegisteredLine,
  quantityMilli: number,
  origin: Exclude<LineOrigin, 'input' | 'transfer_in'>,
  negReason: NegQuantityReason,
  reason: string | null,
): NewLine {
  const priceChange =
    of.priceChange === null ? null : { ...of.priceChange, amountCents: -of.priceChange.amountCents };
  const price = priceOfQuantity(of.unitPriceCents, -quantityMilli);
  return {
    ...articleOf(of),
    origin,
    quantityMilli: -quantityMilli,
    negReason,
    priceChange,
    lineTotalCents: price + (priceChange?.amountCents ?? 0),
    correctsLine: of.lineNo,
    reason,
  };
}

/** The positive copy of part of a line arriving at another cost center. */
export function arrivalOf(of: RegisteredLine, quantityMilli: number): NewLine {
  const price = priceOfQuantity(of.unitPriceCents, quantityMilli);
  return {
    ...articleOf(of),
    origin: 'transfer_in',
    quantityMilli,
    negReason: null,
    priceChange: of.priceChange,
    lineTotalCents: price + (of.priceChange?.amountCents ?? 0),
    correctsLine: null,
    reason: null,
  };
}

/** The article again at its open quantity with a price change (after negating the old line). */
export function repricedLine(of: RegisteredLine, quantityMilli: number, change: LinePriceChange): NewLine {
  const price = priceOfQuantity(of.unitPriceCents, quantityMilli);
  return {
    ...articleOf(of),
    origin: 'input',
    quantityMilli,
    negReason: null,
    priceChange: change,
    lineTotalCents: price + change.amountCents,
    correctsLine: null,
    reason: null,
  };
}

export function articleOf(line: ArticleSnapshot): ArticleSnapshot {
  return {
    productId: line.productId,
    productName: line.productName,
    departmentId: line.departmentId,
    departmentName: line.departmentName,
    quantityType: line.quantityType,
    unitPriceCents: line.unitPriceCents,
    vatLabel: line.vatLabel,
  };
}

export function totalCents(lines: readonly Pick<RegisteredLine, 'lineTotalCents'>[]): number {
  return lines.reduce((sum, line) => sum + line.lineTotalCents, 0);
}

/** One line as the FDM wants it: euros at the boundary, one registration per line (never merged). */
export function toTransactionLine(line: NewLine): TransactionLineInput {
  const change = line.priceChange;
  return {
    lineType: 'SINGLE_PRODUCT',
    mainProduct: {
      productId: line.productId,
      productName: line.productName,
      departmentId: line.departmentId,
      departmentName: line.departmentName,
      quantity: line.quantityMilli / 1000,
      quantityType: line.quantityType,
      ...(line.negReason === null ? {} : { negQuantityReason: line.negReason }),
      unitPrice: centsToEuros(line.unitPriceCents),
      vats: [
        {
          label: line.vatLabel,
          price: centsToEuros(basePriceCents(line)),
          ...(change === null
            ? {}
            : {
                priceChanges: [
                  {
                    id: change.id,
                    name: change.name,
                    scope: 'LINE' as const,
                    type: 'PUBLIC' as const,
                    amount: centsToEuros(change.amountCents),
                  },
                ],
              }),
        },
      ],
    },
    lineTotal: centsToEuros(line.lineTotalCents),
  };
}

export function toTransaction(lines: readonly NewLine[]): TransactionInput {
  return {
    transactionLines: lines.map(toTransactionLine),
    transactionTotal: centsToEuros(totalCents(lines)),
  };
}

/** Quantity from the API (Float) to thousandths; pieces must be whole. */
export function quantityToMilli(
  quantity: number,
  quantityType: QuantityType,
): { ok: true; value: number } | { ok: false; reason: string } {
  if (typeof quantity !== 'number' || !Number.isFinite(quantity))
    return { ok: false, reason: 'quantity must be a finite number' };
  const milli = Math.round(quantity * 1000);
  if (Math.abs(quantity * 1000 - milli) > 1e-6)
    return { ok: false, reason: 'quantity has more than 3 decimals' };
  if (milli <= 0) return { ok: false, reason: 'quantity must be positive' };
  if (milli > 1_000_000_000) return { ok: false, reason: 'quantity is too large' };
  if (quantityType === 'PIECE' && milli % 1000 !== 0)
    return { ok: false, reason: 'a quantity in pieces must be whole' };
  return { ok: true, value: milli };
}
