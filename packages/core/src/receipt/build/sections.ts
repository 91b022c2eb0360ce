import type { VatLabel } from '../../fdm-api/types.js';
import { isCircularVatCode } from '../../vat/circular-vat-codes.js';
import { pluHash, type PluLine } from '../../plu/plu-hash.js';
import type { IssueContext, SaleContent, TicketLine, TicketLineKind, TicketPayment } from '../inputs.js';
import type { AmountBlock, ItemBlock, ItemMark, PaymentRow, ReceiptBlock, VatTableRow } from '../model.js';
import { brusselsDateAndTime } from './brussels-time.js';
import type { SignedFacts } from './signed-facts.js';

const separator: ReceiptBlock = { kind: 'separator' };

const text = (value: string, bold = false): ReceiptBlock => ({
  kind: 'text',
  text: value,
  align: 'center',
  bold,
});

const field = (label: string, value: string): ReceiptBlock => ({ kind: 'field', label, value });

/** C-42 b to e: operator, date and time of issue, ticket number, user alias. */
export function headerBlocks(ctx: IssueContext, issuedAt: Date, ticketLabel = 'Ticket nr'): ReceiptBlock[] {
  const { date, time } = brusselsDateAndTime(issuedAt);
  return [
    text(ctx.establishment.name, true),
    ...ctx.establishment.address.map((line) => text(line)),
    text(`BTW ${ctx.establishment.vatNo}`),
    separator,
    field('Datum', `${date} ${time}`),
    field(ticketLabel, String(ctx.ticketNo)),
    field('Bediende', ctx.userAlias),
  ];
}

const marks: Readonly<Record<TicketLineKind, ItemMark | undefined>> = {
  sale: undefined,
  correction: 'CORR',
  refund: 'REFUND',
  discount: 'KORTING',
};

export function itemBlock(line: TicketLine): ItemBlock {
  const mark = marks[line.kind];
  return {
    kind: 'item',
    description: line.description,
    quantity: line.quantity,
    unit: line.unit ?? 'piece',
    unitPriceCents: line.unitPriceCents,
    amountCents: line.amountCents,
    vatLabel: line.vatLabel,
    ...(mark === undefined ? {} : { mark }),
  };
}

export const sumCents = (amounts: readonly { amountCents: number }[]): number =>
  amounts.reduce((sum, a) => sum + a.amountCents, 0);

const amount = (label: string, cents: number, emphasis = false): AmountBlock => ({
  kind: 'amount',
  label,
  amountCents: cents,
  emphasis,
});

/**
 * The lines as registered (corrections stay separate negative lines, C-31), the total including
 * VAT, then discounts and returned amounts summed (C-42 f, g, j).
 */
export function saleBodyBlocks(content: SaleContent, vatRows?: readonly VatTableRow[]): ReceiptBlock[] {
  const blocks: ReceiptBlock[] = [];
  if (content.costCenter !== undefined) blocks.push(field('Tafel/klant', content.costCenter));
  blocks.push(separator, ...content.lines.map(itemBlock), separator);
  blocks.push(amount('TOTAAL', sumCents(content.lines), true));
  if (vatRows !== undefined && vatRows.length > 0) blocks.push({ kind: 'vatTable', rows: vatRows });
  const discounts = content.lines.filter((l) => l.kind === 'discount');
  const returns = content.lines.filter((l) => l.kind === 'refund');
  if (discounts.length > 0) blocks.push(amount('Kortingen', sumCents(discounts)));
  if (returns.length > 0) blocks.push(amount('Teruggegeven', sumCents(returns)));
  const payments = paymentRows(content.payments, content.changeCents);
  if (payments.length > 0) blocks.push(separator, { kind: 'payments', rows: payments });
  return blocks;
}

const paymentLabels: Readonly<Record<TicketPayment['kind'], (name: string) => string>> = {
  payment: (name) => name,
  tip: (name) => `Fooi ${name}`,
  rounding: () => 'Afronding',
};

function paymentRows(payments: readonly TicketPayment[], changeCents: number | undefined): PaymentRow[] {
  const rows: PaymentRow[] = payments.map((p) => ({
    kind: p.kind,
    label: paymentLabels[p.kind](p.name),
    amountCents: p.amountCents,
  }));
  if (changeCents !== undefined && changeCents > 0) {
    rows.push({ kind: 'change', label: 'Wisselgeld', amountCents: changeCents });
  }
  return rows;
}

/** C-37 lines of a ticket: every priced line with a letter A-D, in ticket order. */
export function pluLinesOf(lines: readonly TicketLine[]): PluLine[] {
  const plu: PluLine[] = [];
  for (const line of lines) {
    if (!isCircularVatCode(line.vatLabel)) continue;
    plu.push({
      quantity: line.quantity,
      ...(line.unit === undefined ? {} : { unit: line.unit }),
      description: line.description,
      priceCents: line.amountCents,
      vat: line.vatLabel,
    });
  }
  return plu;
}

export interface TailOptions {
  /** Print the PLU hash of these lines (C-42 l). */
  readonly lines?: readonly TicketLine[];
  /** The QR is a VAT ticket's (and its copy's): never on unsigned prints. */
  readonly qr: boolean;
}

/** C-42 k to n, then the QR and the FDM's footer: the end of every FDM-signed print. */
export function tailBlocks(ctx: IssueContext, facts: SignedFacts, options: TailOptions): ReceiptBlock[] {
  const blocks: ReceiptBlock[] = [separator];
  if (ctx.severalRegisters === true) {
    blocks.push(field('Kassa', ctx.register.terminalName ?? ctx.register.terminalId));
  }
  if (options.lines !== undefined) blocks.push(field('PLU-hash', pluHash(pluLinesOf(options.lines)).printed));
  blocks.push(facts.controlData);
  if (options.qr && facts.verificationUrl !== undefined)
    blocks.push({ kind: 'qr', data: facts.verificationUrl });
  if (facts.footer.length > 0) blocks.push({ kind: 'footer', lines: facts.footer });
  return blocks;
}

/** Per VAT label, the sum of the lines' amounts: what the FDM's vatCalc must agree with. */
export function totalsByLabel(lines: readonly TicketLine[]): Map<VatLabel, number> {
  const totals = new Map<VatLabel, number>();
  for (const line of lines) totals.set(line.vatLabel, (totals.get(line.vatLabel) ?? 0) + line.amountCents);
  return totals;
}
