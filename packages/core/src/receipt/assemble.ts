import { CLOSING_LINE, type Receipt, type ReceiptBlock, type ReceiptKind } from './model.js';

const withoutSignature: readonly ReceiptKind[] = ['training', 'pro-forma'];

/**
 * The one way builders finish a receipt, so the rules that hold for every print hold here:
 * C-32 no signature on TRAINING or PRO FORMA, C-27 the closing line last on everything but a VAT
 * ticket. Breaking them is a bug in a builder, hence the exceptions.
 */
export function assembleReceipt(kind: ReceiptKind, blocks: readonly ReceiptBlock[]): Receipt {
  if (withoutSignature.includes(kind)) {
    for (const block of blocks) {
      if (block.kind === 'controlData' && block.shortSignature !== undefined) {
        throw new Error(`a ${kind} print must not carry the FDM signature (C-32)`);
      }
    }
  }
  const all: ReceiptBlock[] = [...blocks];
  if (kind !== 'vat-ticket') all.push({ kind: 'banner', text: CLOSING_LINE });
  return Object.freeze({ kind, blocks: Object.freeze(all) });
}
