import { formatCents } from '../../money/money.js';
import type { PluUnit } from '../../plu/fields.js';
import type { AmountBlock, ControlDataBlock, ItemBlock, VatTableRow } from '../model.js';

/** "2", "0,527 kg", "1,25 l": decimal comma, no trailing zeros. */
export function formatQuantity(quantity: number, unit: PluUnit): string {
  const digits = Number.isInteger(quantity) ? String(quantity) : quantity.toFixed(3).replace(/0+$/u, '');
  const number = digits.replace('.', ',');
  return unit === 'piece' ? number : `${number} ${unit}`;
}

/** "2 x 12,00", "0,527 kg x 16,19/kg", then the C-27 mark of a negative line. */
export function itemDetail(item: ItemBlock): string {
  const perUnit = item.unit === 'piece' ? '' : `/${item.unit}`;
  const detail = `${formatQuantity(item.quantity, item.unit)} x ${formatCents(item.unitPriceCents)}${perUnit}`;
  return item.mark === undefined ? detail : `${detail} ${item.mark}`;
}

/** "24,00 A" */
export const itemAmount = (item: ItemBlock): string => `${formatCents(item.amountCents)} ${item.vatLabel}`;

/** "A 21%", "C 5,5%"; an out-of-scope label has no rate. */
export const rateText = (row: VatTableRow): string =>
  row.outOfScope ? row.label : `${row.label} ${String(row.ratePercent).replace('.', ',')}%`;

export const vatColumns = ['Basis', 'BTW', 'Totaal'] as const;

/** The control data's printed fields in order (C-45); the signature only where there is one. */
export function controlDataFields(block: ControlDataBlock): [label: string, value: string][] {
  const fields: [string, string | undefined][] = [
    ['FDM datum', block.fdmDate],
    ['FDM tijd', block.fdmTime],
    ['Ticketteller', block.ticketCounter],
    ['Ticket handtekening', block.shortSignature],
    ['Controlemodule-id', block.fdmId],
    ['FDM versie', block.fdmSwVersion],
    ['Kassa-id', block.posId],
    ['Kassaversie', block.posSwVersion],
    ['Terminal', block.terminal],
  ];
  return fields.filter((f): f is [string, string] => f[1] !== undefined);
}

/** "BTW-kastickets (12)": the count joins the label, so it can never run into the amount. */
export const amountLabel = (block: AmountBlock): string =>
  block.count === undefined ? block.label : `${block.label} (${block.count})`;
