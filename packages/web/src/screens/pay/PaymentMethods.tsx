import type { PaymentType } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/en.js';

export const paymentMethods: readonly { type: PaymentType; label: MessageKey }[] = [
  { type: 'CASH', label: 'payCash' },
  { type: 'CARD_DEBIT', label: 'payDebitCard' },
  { type: 'CARD_CREDIT', label: 'payCreditCard' },
  { type: 'CHEQUE_MEAL', label: 'payMealVoucher' },
  { type: 'APP', label: 'payApp' },
];

export const methodLabel = (type: PaymentType): MessageKey =>
  paymentMethods.find((m) => m.type === type)?.label ?? 'payCash';

/** One payment method out of all of them, as a row of chips (paying and refunding alike). */
export function PaymentMethodChoice({
  value,
  onChange,
}: {
  readonly value: PaymentType;
  readonly onChange: (type: PaymentType) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="methods" role="radiogroup" aria-label={t('paymentMethod')}>
      {paymentMethods.map((m) => (
        <button
          key={m.type}
          type="button"
          role="radio"
          aria-checked={m.type === value}
          className={m.type === value ? 'chip chip-on' : 'chip'}
          data-testid={`method-${m.type}`}
          onClick={() => onChange(m.type)}
        >
          {t(m.label)}
        </button>
      ))}
    </div>
  );
}
