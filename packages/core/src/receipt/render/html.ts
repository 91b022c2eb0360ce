import { formatCents } from '../../money/money.js';
import type {
  ControlDataBlock,
  ItemBlock,
  KitchenItemBlock,
  Receipt,
  ReceiptBlock,
  VatTableBlock,
} from '../model.js';
import {
  amountLabel,
  controlDataFields,
  formatQuantity,
  itemAmount,
  itemDetail,
  rateText,
  vatColumns,
} from './wording.js';
import { printable } from './printable.js';
import { qrSvg } from './qr.js';

const escapes: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Printable text, safe both between tags and inside quoted attributes. */
export function escapeHtml(text: string): string {
  return printable(text).replace(/[&<>"']/gu, (c) => escapes[c] ?? c);
}

const e = escapeHtml;

const styles = {
  receipt:
    'font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px;line-height:1.35;' +
    'color:#000;background:#fff;width:42ch;max-width:100%;padding:12px 10px;box-sizing:content-box;' +
    'overflow-wrap:anywhere',
  // C-27: at least 1.5x the line text and bold; 2em matches the printer's double size.
  banner: 'font-size:2em;font-weight:700;text-align:center;line-height:1.15;margin:4px 0',
  center: 'text-align:center',
  bold: 'font-weight:700',
  row: 'display:flex;justify-content:space-between;gap:1ch',
  indent: 'padding-left:2ch',
  separator: 'border:0;border-top:1px dashed #000;margin:6px 0',
  table: 'width:100%;border-collapse:collapse;font:inherit',
  number: 'text-align:right',
  qr: 'text-align:center;margin:8px 0',
} as const;

const div = (style: string, content: string): string => `<div style="${style}">${content}</div>`;
const row = (left: string, right: string, style: string = styles.row): string =>
  div(style, `<span>${left}</span><span style="white-space:nowrap">${right}</span>`);

/**
 * The receipt as a self-contained HTML fragment styled like thermal paper: inline styles only,
 * the QR as inline SVG, every text from the receipt escaped.
 */
export function renderHtml(receipt: Receipt): string {
  return `<div class="gks-receipt" data-kind="${receipt.kind}" style="${styles.receipt}">${receipt.blocks
    .map(blockHtml)
    .join('')}</div>`;
}

function blockHtml(block: ReceiptBlock): string {
  switch (block.kind) {
    case 'banner':
      return div(styles.banner, e(block.text));
    case 'text': {
      const style = [block.align === 'center' ? styles.center : '', block.bold ? styles.bold : ''].join(';');
      return div(style, e(block.text));
    }
    case 'field':
      return row(`${e(block.label)}:`, e(block.value));
    case 'separator':
      return `<hr style="${styles.separator}">`;
    case 'item':
      return itemHtml(block);
    case 'kitchenItem':
      return kitchenItemHtml(block);
    case 'amount': {
      const style = block.emphasis ? `${styles.row};${styles.bold}` : styles.row;
      return row(e(amountLabel(block)), formatCents(block.amountCents), style);
    }
    case 'vatTable':
      return vatTableHtml(block);
    case 'payments':
      return block.rows.map((r) => row(e(r.label), formatCents(r.amountCents))).join('');
    case 'controlData':
      return controlDataHtml(block);
    case 'qr':
      return div(styles.qr, qrSvg(block.data, e(block.data)));
    case 'footer':
      return block.lines.map((line) => div(styles.center, e(line))).join('');
  }
}

function itemHtml(item: ItemBlock): string {
  return (
    div('', e(item.description)) +
    row(e(itemDetail(item)), e(itemAmount(item)), `${styles.row};${styles.indent}`)
  );
}

function kitchenItemHtml(item: KitchenItemBlock): string {
  const notes = item.notes.map((note) => div(styles.indent, `&gt; ${e(note)}`)).join('');
  return div(styles.bold, `${e(formatQuantity(item.quantity, item.unit))} x ${e(item.description)}`) + notes;
}

function vatTableHtml(table: VatTableBlock): string {
  const cell = (content: string, style: string = styles.number): string =>
    `<td style="${style}">${content}</td>`;
  const head = `<tr><td>Tarief</td>${vatColumns.map((h) => cell(h)).join('')}</tr>`;
  const rows = table.rows
    .map((r) => {
      const rate = e(rateText(r));
      const amounts = [r.taxableCents, r.vatCents, r.totalCents].map((c) => cell(formatCents(c))).join('');
      return `<tr>${cell(rate, '')}${amounts}</tr>`;
    })
    .join('');
  return `<table style="${styles.table}">${head}${rows}</table>`;
}

function controlDataHtml(block: ControlDataBlock): string {
  return (
    div(`${styles.center};${styles.bold}`, e(block.heading)) +
    controlDataFields(block)
      .map(([label, value]) => row(`${e(label)}:`, e(value)))
      .join('')
  );
}
