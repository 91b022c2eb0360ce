import type { Receipt } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { Modal } from './Modal.js';
import { ReceiptView } from './ReceiptView.js';
import { ServerPrint } from './ServerPrint.js';

/** The ESC/POS bytes of a print as a file, for a printer the browser cannot reach by itself. */
function escPosFile(receipt: Receipt): string {
  const bytes = Uint8Array.from(atob(receipt.escPosBase64), (c) => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
}

export function ReceiptDialog({
  receipt,
  title,
  ticketId = null,
  onClose,
}: {
  receipt: Receipt;
  title: string;
  /** The ticket the receipt belongs to: it can then be printed through the server. */
  ticketId?: number | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <Modal title={title} onClose={onClose} testId="receipt-dialog">
      <div className="receipt-scroll print-area">
        <ReceiptView receipt={receipt} />
      </div>
      {ticketId !== null ? <ServerPrint ticketId={ticketId} /> : null}
      <div className="actions">
        <button
          type="button"
          onClick={() => {
            const url = escPosFile(receipt);
            const link = document.createElement('a');
            link.href = url;
            link.download = `${receipt.kind}.escpos`;
            link.click();
            window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
          }}
        >
          {t('downloadEscPos')}
        </button>
        <button type="button" onClick={() => window.print()}>
          {t('printBrowser')}
        </button>
        <button type="button" className="primary" autoFocus onClick={onClose} data-testid="receipt-done">
          {t('done')}
        </button>
      </div>
    </Modal>
  );
}
