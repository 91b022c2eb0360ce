import { useState } from 'react';
import type { OrderLine } from '../../api/types.js';
import { Modal } from '../../components/Modal.js';
import { useI18n } from '../../i18n/i18n.js';
import { parseQuantity } from './quantity.js';

/**
 * A correction never edits the line: it adds a negative line with the reason (C-31). The quantity
 * to take back defaults to what is still open on the line.
 */
export function CorrectDialog({
  line,
  openQuantity,
  onCorrect,
  onClose,
}: {
  line: OrderLine;
  openQuantity: number;
  onCorrect: (quantity: number, reason: string) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [quantityText, setQuantityText] = useState(String(openQuantity).replace('.', ','));
  const [reason, setReason] = useState('');
  const quantity = parseQuantity(quantityText, line.quantityType);
  const valid = quantity !== null && quantity <= openQuantity && reason.trim().length > 0;
  return (
    <Modal
      title={t('correctLineTitle', { name: line.productName })}
      onClose={onClose}
      testId="correct-dialog"
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (valid && quantity !== null) onCorrect(quantity, reason.trim());
        }}
      >
        <p className="muted">{t('correctExplain')}</p>
        <label className="field">
          <span>{t('quantityToTakeBack', { open: String(openQuantity).replace('.', ',') })}</span>
          <input inputMode="decimal" value={quantityText} onChange={(e) => setQuantityText(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('reason')}</span>
          <input
            value={reason}
            maxLength={200}
            autoFocus
            data-testid="correct-reason"
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
        {quantity !== null && quantity > openQuantity ? (
          <p className="error" role="alert">
            {t('moreThanOpen')}
          </p>
        ) : null}
        <div className="actions">
          <button type="button" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" className="primary danger" disabled={!valid}>
            {t('addCorrection')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
