import type { Receipt } from '../api/types.js';

/**
 * The server's HTML receipt, unchanged: the same renderer writes the ESC/POS bytes, so what is
 * seen here is what prints, control data and QR code included. The server escapes every text.
 */
export function ReceiptView({ receipt, testId = 'receipt' }: { receipt: Receipt; testId?: string }) {
  return (
    <div className="receipt-paper" data-testid={testId} dangerouslySetInnerHTML={{ __html: receipt.html }} />
  );
}
