import { useState } from 'react';
import type { Ticket } from '../../api/types.js';
import type { Answer } from '../../api/pos-api.js';
import { usePos } from '../../app/pos-context.js';
import { applyKey, Keypad } from '../../components/Keypad.js';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/en.js';
import { parseAmount } from '../pay/tenders.js';

type Operation = 'in' | 'out' | 'declare';

/** Float in, paid-outs, the counted drawer and an opening without a sale: each one is signed (C-6). */
export function DrawerScreen() {
  const { api, fail, canSell, showReceipt, afterSigned } = usePos();
  const { t } = useI18n();
  const [operation, setOperation] = useState<Operation>('in');
  const [amountText, setAmountText] = useState('');
  const [busy, setBusy] = useState(false);
  const amount = parseAmount(amountText);

  const run = async (call: () => Answer<Ticket>, title: MessageKey) => {
    setBusy(true);
    const answer = await call();
    setBusy(false);
    if (!answer.ok) return fail(answer.error);
    setAmountText('');
    afterSigned(answer.value.mandatoryMessages);
    if (answer.value.receipt) showReceipt(answer.value.receipt, t(title), answer.value.id);
  };

  const submit = () => {
    if (amount === null) return;
    if (operation === 'declare') return run(() => api.drawerDeclaration(amount), 'drawerDeclare');
    if (amount === 0) return;
    return run(
      () => api.moneyInOut(operation === 'in' ? amount : -amount),
      operation === 'in' ? 'moneyIn' : 'moneyOut',
    );
  };

  const labels: Record<Operation, MessageKey> = { in: 'moneyIn', out: 'moneyOut', declare: 'drawerDeclare' };

  return (
    <main className="centered">
      <section className="card" aria-labelledby="drawer-title">
        <h1 id="drawer-title">{t('navDrawer')}</h1>
        <div className="methods" role="radiogroup" aria-label={t('drawerOperation')}>
          {(Object.keys(labels) as Operation[]).map((op) => (
            <button
              key={op}
              type="button"
              role="radio"
              aria-checked={op === operation}
              className={op === operation ? 'chip chip-on' : 'chip'}
              data-testid={`drawer-${op}`}
              onClick={() => setOperation(op)}
            >
              {t(labels[op])}
            </button>
          ))}
        </div>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <label className="field">
            <span>{operation === 'declare' ? t('countedCash') : t('amount')}</span>
            <input
              inputMode="decimal"
              value={amountText}
              data-testid="drawer-amount"
              onChange={(e) => setAmountText(e.target.value.replace(/[^\d,.]/g, ''))}
            />
          </label>
          <Keypad decimal label={t('amount')} onKey={(key) => setAmountText((a) => applyKey(a, key, 9))} />
          <div className="actions">
            <button
              type="button"
              disabled={busy || !canSell}
              onClick={() => void run(() => api.openDrawer(), 'openDrawer')}
              data-testid="open-drawer"
            >
              {t('openDrawer')}
            </button>
            <button
              type="submit"
              className="primary"
              disabled={busy || !canSell || amount === null}
              data-testid="drawer-confirm"
            >
              {t(labels[operation])}
            </button>
          </div>
        </form>
      </section>
    </main>
  );
}
