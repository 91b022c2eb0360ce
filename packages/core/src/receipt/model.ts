import type { VatLabel } from '../fdm-api/types.js';
import type { PluUnit } from '../plu/fields.js';

/**
 * A printed document as an ordered list of typed blocks. Builders decide what a ticket says;
 * renderers decide how it looks on 42/48-column paper, ESC/POS printers or a screen. Amounts are
 * integer cents; strings are kept as given and made printable by the renderers.
 */
export interface Receipt {
  readonly kind: ReceiptKind;
  readonly blocks: readonly ReceiptBlock[];
}

export type ReceiptKind =
  'vat-ticket' | 'pro-forma' | 'training' | 'copy' | 'invoice' | 'financial-slip' | 'report' | 'kitchen';

/** C-27: in capitals, bold, at least 1.5x the line text, on every print that is not a VAT ticket. */
export const CLOSING_LINE = 'DIT IS GEEN GELDIG BTW-KASTICKET';

export const banners = Object.freeze({
  vatTicket: 'BTW-KASTICKET',
  refund: 'REFUND',
  proForma: 'PRO FORMA',
  preBill: 'VOORLOPIGE REKENING',
  training: 'TRAINING',
  copy: 'KOPIE',
  invoice: 'FACTUUR',
});

export type ReceiptBlock =
  | BannerBlock
  | TextBlock
  | FieldBlock
  | SeparatorBlock
  | ItemBlock
  | KitchenItemBlock
  | AmountBlock
  | VatTableBlock
  | PaymentsBlock
  | ControlDataBlock
  | QrBlock
  | FooterBlock;

/** Big, bold, centred: printed at double width and height. */
export interface BannerBlock {
  readonly kind: 'banner';
  readonly text: string;
}

export interface TextBlock {
  readonly kind: 'text';
  readonly text: string;
  readonly align: 'left' | 'center';
  readonly bold: boolean;
}

/** "label  value": the label on the left, the value on the right. */
export interface FieldBlock {
  readonly kind: 'field';
  readonly label: string;
  readonly value: string;
}

export interface SeparatorBlock {
  readonly kind: 'separator';
}

/** C-27: how a negative amount is marked besides its minus sign. */
export type ItemMark = 'CORR' | 'REFUND' | 'KORTING';

export interface ItemBlock {
  readonly kind: 'item';
  readonly description: string;
  /** Negative for corrections and returns; kilograms or litres may have decimals. */
  readonly quantity: number;
  readonly unit: PluUnit;
  readonly unitPriceCents: number;
  /** The line's amount including VAT. */
  readonly amountCents: number;
  readonly vatLabel: VatLabel;
  readonly mark?: ItemMark;
}

/** An order line for the kitchen or bar: what to make, never what it costs. */
export interface KitchenItemBlock {
  readonly kind: 'kitchenItem';
  readonly description: string;
  readonly quantity: number;
  readonly unit: PluUnit;
  readonly notes: readonly string[];
}

/** A labelled amount (totals, slips, report figures), optionally with a count before it. */
export interface AmountBlock {
  readonly kind: 'amount';
  readonly label: string;
  readonly amountCents: number;
  readonly count?: number;
  readonly emphasis: boolean;
}

export interface VatTableRow {
  readonly label: VatLabel;
  readonly ratePercent: number;
  readonly taxableCents: number;
  readonly vatCents: number;
  readonly totalCents: number;
  readonly outOfScope: boolean;
}

/** Taxable base, VAT and total per rate (C-42 h, i). */
export interface VatTableBlock {
  readonly kind: 'vatTable';
  readonly rows: readonly VatTableRow[];
}

export type PaymentRowKind = 'payment' | 'tip' | 'rounding' | 'change';

export interface PaymentRow {
  readonly kind: PaymentRowKind;
  readonly label: string;
  readonly amountCents: number;
}

export interface PaymentsBlock {
  readonly kind: 'payments';
  readonly rows: readonly PaymentRow[];
}

/** C-38/C-45 as FDM 2.0 returns it, in the order it is printed. */
export interface ControlDataBlock {
  readonly kind: 'controlData';
  readonly heading: string;
  /** dd/mm/yyyy, Belgian time */
  readonly fdmDate: string;
  /** hh:mm:ss, Belgian time */
  readonly fdmTime: string;
  /** "N 16/52" */
  readonly ticketCounter: string;
  /** Absent on TRAINING and PRO FORMA prints (C-32). */
  readonly shortSignature?: string;
  readonly fdmId: string;
  readonly fdmSwVersion: string;
  readonly posId: string;
  readonly posSwVersion: string;
  readonly terminal: string;
}

export interface QrBlock {
  readonly kind: 'qr';
  readonly data: string;
}

export interface FooterBlock {
  readonly kind: 'footer';
  readonly lines: readonly string[];
}
