import type { Receipt } from '../model.js';
import { layoutReceipt, type PrintLine, type ReceiptWidth } from './layout.js';
import { center, charWidth, wrap } from './printable.js';

export interface TextRenderOptions {
  readonly width: ReceiptWidth;
}

/**
 * The receipt as plain text, one line per printed line, none wider than `width` columns (for the
 * journal, C-41, and screens). A banner is letter-spaced: it takes the two columns per character
 * that its double-size print takes. The QR appears as its URL.
 */
export function renderText(receipt: Receipt, options: TextRenderOptions): string {
  return layoutReceipt(receipt, options.width)
    .flatMap((line) => textOf(line, options.width))
    .join('\n');
}

function textOf(line: PrintLine, width: number): string[] {
  switch (line.kind) {
    case 'text':
      return [line.text.trimEnd()];
    case 'banner':
      return [
        [...line.text]
          .map((c) => c + ' '.repeat(charWidth(c)))
          .join('')
          .trimEnd(),
      ];
    case 'qr':
      return wrap(line.data, width).map((l) => center(l, width));
  }
}
