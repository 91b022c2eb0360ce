import { useState } from 'react';
import type { Product } from '../../api/types.js';
import { applyKey, Keypad } from '../../components/Keypad.js';
import { Modal } from '../../components/Modal.js';
import { useI18n } from '../../i18n/i18n.js';
import { parseQuantity } from './quantity.js';

/** Weight (kg) or volume (l) of an article sold by measure, typed or read from the scale display. */
export function WeightDialog({
  product,
  onQuantity,
  onClose,
}: {
  product: Product;
  onQuantity: (quantity: number) => void;
  onClose: () => void;
}) {
  const { t, money } = useI18n();
  const [text, setText] = useState('');
  const quantity = parseQuantity(text, product.quantityType);
  const unit = product.quantityType === 'KILOGRAM' ? 'kg' : 'l';
  return (
    <Modal title={product.name} onClose={onClose} testId="weight-dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (quantity !== null) onQuantity(quantity);
        }}
      >
        <label className="field">
          <span>{t(product.quantityType === 'KILOGRAM' ? 'weightIn' : 'volumeIn', { unit })}</span>
          <input
            inputMode="decimal"
            autoFocus
            value={text}
            data-testid="weight"
            onChange={(e) => setText(e.target.value.replace(/[^\d,.]/g, ''))}
          />
        </label>
        <Keypad
          decimal
          label={t('quantity')}
          onKey={(key) => setText((current) => applyKey(current, key, 8))}
        />
        <p className="muted">
          {money(product.unitPriceCents)} / {unit}
          {quantity !== null ? ` → ${money(Math.round(product.unitPriceCents * quantity))}` : ''}
        </p>
        <div className="actions">
          <button type="button" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" className="primary" disabled={quantity === null}>
            {t('add')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
