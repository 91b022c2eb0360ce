import { formatCents } from '../../money/money.js';
import type {
  ControlDataBlock,
  ItemBlock,
  KitchenItemBlock,
  Receipt,
  ReceiptBlock,
  VatTableBlock,
} from '../model.js';
import { center, displayWidth, leftRight, wrap } from './printable.js';
import {
  amountLabel,
  controlDataFields,
  formatQuantity,
  itemAmount,
  itemDetail,
  rateText,
  vatColumns,
} from './wording.js';

export type ReceiptWidth = 42 | 48;

/**
 * One printed line. `text` lines are at most `width` columns; `banner` lines at most half of it,
 * because they are printed at double width and height; a `qr` is left to the device.
 */
export type PrintLine =
  | { readonly kind: 'text'; readonly text: string; readonly bold: boolean }
  | { readonly kind: 'banner'; readonly text: string }
  | { readonly kind: 'qr'; readonly data: string };

/** The receipt as lines of a monospaced printer `width` columns wide. Shared by text and ESC/POS. */
export function layoutReceipt(receipt: Receipt, width: ReceiptWidth): PrintLine[] {
  if (width !== 42 && width !== 48)
    throw new RangeError(`receipt width must be 42 or 48, got ${String(width)}`);
  return receipt.blocks.flatMap((block) => layoutBlock(block, width));
}

const plain = (lines: readonly string[], bold = false): PrintLine[] =>
  lines.map((text) => ({ kind: 'text', text, bold }));

function layoutBlock(block: ReceiptBlock, width: number): PrintLine[] {
  switch (block.kind) {
    case 'banner': {
      const half = Math.floor(width / 2);
      return wrap(block.text, half).map((text) => ({ kind: 'banner', text: center(text, half) }));
    }
    case 'text': {
      const lines = wrap(block.text, width);
      return plain(block.align === 'center' ? lines.map((l) => center(l, width)) : lines, block.bold);
    }
    case 'field':
      return plain(leftRight(`${block.label}:`, block.value, width));
    case 'separator':
      return plain(['-'.repeat(width)]);
    case 'item':
      return layoutItem(block, width);
    case 'kitchenItem':
      return layoutKitchenItem(block, width);
    case 'amount': {
      return plain(leftRight(amountLabel(block), formatCents(block.amountCents), width), block.emphasis);
    }
    case 'vatTable':
      return plain(layoutVatTable(block, width));
    case 'payments':
      return plain(block.rows.flatMap((row) => leftRight(row.label, formatCents(row.amountCents), width)));
    case 'controlData':
      return layoutControlData(block, width);
    case 'qr':
      return [{ kind: 'qr', data: block.data }];
    case 'footer':
      return plain(block.lines.flatMap((line) => wrap(line, width).map((l) => center(l, width))));
  }
}

const indent = '  ';

function layoutItem(item: ItemBlock, width: number): PrintLine[] {
  return plain([
    ...wrap(item.description, width),
    ...leftRight(itemDetail(item), itemAmount(item), width - indent.length).map((line) => indent + line),
  ]);
}

function layoutKitchenItem(item: KitchenItemBlock, width: number): PrintLine[] {
  const notes = item.notes.flatMap((note) => wrap(note, width - 4).map((line) => `  > ${line}`));
  return [
    ...plain(wrap(`${formatQuantity(item.quantity, item.unit)} x ${item.description}`, width), true),
    ...plain(notes),
  ];
}

function layoutVatTable(table: VatTableBlock, width: number): string[] {
  const first = 9;
  const column = Math.floor((width - first) / 3);
  const line = (cells: readonly string[], head: string): string =>
    head.padEnd(first) + cells.map((c) => c.padStart(column)).join('');
  const lines = [line(vatColumns, 'Tarief')];
  for (const row of table.rows) {
    const head = rateText(row);
    const cells = [row.taxableCents, row.vatCents, row.totalCents].map((c) => formatCents(c));
    if (displayWidth(head) < first && cells.every((c) => c.length < column)) {
      lines.push(line(cells, head));
      continue;
    }
    // Amounts too wide for the columns: one per line rather than a line too long.
    lines.push(...wrap(head, width));
    vatColumns.forEach((name, i) =>
      lines.push(...leftRight(name, cells[i] ?? '', width - indent.length).map((l) => indent + l)),
    );
  }
  return lines;
}

function layoutControlData(block: ControlDataBlock, width: number): PrintLine[] {
  return [
    ...plain(
      wrap(block.heading, width).map((l) => center(l, width)),
      true,
    ),
    ...plain(controlDataFields(block).flatMap(([label, value]) => leftRight(`${label}:`, value, width))),
  ];
}
