import { useEffect, useState } from 'react';
import type { PaymentResult, PaymentType, Registration, Tender } from '../../api/types.js';
import { usePos } from '../../app/pos-context.js';
import { FdmDownNotice } from '../../components/FdmIndicator.js';
import { applyKey, Keypad } from '../../components/Keypad.js';
import { ReceiptView } from '../../components/ReceiptView.js';
import { ServerPrint } from '../../components/ServerPrint.js';
import { useI18n } from '../../i18n/i18n.js';
import { methodLabel, PaymentMethodChoice } from './PaymentMethods.js';
import { parseAmount, previewPayment } from './tenders.js';

const centsText = (cents: number): string => (cents / 100).toFixed(2).replace('.', ',');

/** Cash (rounded to 5 cents, with change), cards, meal vouchers, several of them, and a tip. */
export function PayScreen({ registrationId }: { registrationId: string }) {
  const { api, go, fail, canSell, fdm, afterSigned } = usePos();
  const { t, money } = useI18n();
  const [registration, setRegistration] = useState<Registration | null>(null);
  const [tenders, setTenders] = useState<readonly Tender[]>([]);
  const [method, setMethod] = useState<PaymentType>('CASH');
  const [amountText, setAmountText] = useState('');
  const [tipText, setTipText] = useState('');
  const [busy, setBusy] = useState(false);
  const [paid, setPaid] = useState<PaymentResult | null>(null);

  useEffect(() => {
    void api.registration(registrationId).then((answer) => {
      if (!answer.ok) return fail(answer.error);
      if (answer.value === null) return go({ name: 'tables' });
      setRegistration(answer.value);
    });
  }, [api, registrationId, fail, go]);

  if (paid) return <PaidView paid={paid} onDone={() => go({ name: 'tables' })} />;
  if (!registration) return <main className="pay" aria-busy="true" />;

  const preview = previewPayment(registration.totalCents, tenders);
  const typed = amountText === '' ? null : parseAmount(amountText);
  const tip = tipText === '' ? null : parseAmount(tipText);
  const tipValid = tipText === '' || (tip !== null && tip > 0);

  const addTender = (type: PaymentType, cents: number | null) => {
    // Without a typed amount a tender pays what is left (rounded when the rest is all cash).
    const left = previewPayment(registration.totalCents, [...tenders, { type, amountCents: 1 }]);
    const amount = cents ?? left.dueCents - preview.tenderedCents;
    if (amount <= 0) return;
    setTenders([...tenders, { type, amountCents: amount }]);
    setAmountText('');
  };

  const pay = async () => {
    setBusy(true);
    const answer = await api.pay(
      registrationId,
      tenders,
      tip !== null && tip > 0
        ? { type: tenders.find((x) => x.type !== 'CASH')?.type ?? 'CASH', amountCents: tip }
        : null,
    );
    setBusy(false);
    if (!answer.ok) return fail(answer.error);
    afterSigned(answer.value.ticket.mandatoryMessages);
    setPaid(answer.value);
  };

  return (
    <main className="pay">
      <section className="pay-summary" aria-labelledby="pay-title">
        <h1 id="pay-title">{t('payTitle')}</h1>
        {fdm && !fdm.operational ? <FdmDownNotice fdm={fdm} compact /> : null}
        <dl className="figures">
          <dt>{t('total')}</dt>
          <dd data-testid="pay-total">{money(registration.totalCents)}</dd>
          {preview.dueCents !== registration.totalCents ? (
            <>
              <dt>{t('dueRoundedCash')}</dt>
              <dd data-testid="pay-due">{money(preview.dueCents)}</dd>
            </>
          ) : null}
          <dt>{t('stillToPay')}</dt>
          <dd data-testid="pay-remaining" className="big-figure">
            {money(preview.remainingCents)}
          </dd>
          {preview.changeCents > 0 ? (
            <>
              <dt>{t('change')}</dt>
              <dd data-testid="pay-change" className="big-figure">
                {money(preview.changeCents)}
              </dd>
            </>
          ) : null}
        </dl>
        <ul className="tenders" aria-label={t('payments')}>
          {tenders.map((tender, i) => (
            <li key={i}>
              <span>{t(methodLabel(tender.type))}</span>
              <span>{money(tender.amountCents)}</span>
              <button
                type="button"
                className="icon-button"
                aria-label={t('remove')}
                onClick={() => setTenders(tenders.filter((_, j) => j !== i))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <label className="field">
          <span>{t('tip')}</span>
          <input
            inputMode="decimal"
            value={tipText}
            data-testid="tip"
            onChange={(e) => setTipText(e.target.value.replace(/[^\d,.]/g, ''))}
          />
        </label>
        <div className="actions">
          <button type="button" onClick={() => go({ name: 'order', registrationId })}>
            ← {t('back')}
          </button>
          <button
            type="button"
            className="primary big"
            disabled={!canSell || busy || !preview.complete || !tipValid}
            onClick={() => void pay()}
            data-testid="pay-confirm"
          >
            {t('confirmPayment')}
          </button>
        </div>
      </section>
      <section className="pay-entry" aria-label={t('payments')}>
        <PaymentMethodChoice value={method} onChange={setMethod} />
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (amountText === '' || typed !== null) addTender(method, typed);
          }}
        >
          <label className="field">
            <span>{t('amountHandedOver')}</span>
            <input
              inputMode="decimal"
              value={amountText}
              placeholder={centsText(Math.max(0, preview.remainingCents))}
              data-testid="amount"
              autoFocus
              onChange={(e) => setAmountText(e.target.value.replace(/[^\d,.]/g, ''))}
            />
          </label>
          <Keypad
            decimal
            label={t('amountHandedOver')}
            onKey={(key) => setAmountText((a) => applyKey(a, key, 9))}
          />
          {method === 'CASH' ? (
            <div className="quick-cash">
              {[1000, 2000, 5000, 10000].map((cents) => (
                <button key={cents} type="button" onClick={() => addTender('CASH', cents)}>
                  {money(cents)}
                </button>
              ))}
            </div>
          ) : null}
          <button
            type="submit"
            className="primary"
            disabled={
              (amountText !== '' && typed === null) || (amountText === '' && preview.remainingCents === 0)
            }
            data-testid="add-tender"
          >
            {amountText === '' ? t('addExact', { method: t(methodLabel(method)) }) : t('addTender')}
          </button>
        </form>
      </section>
    </main>
  );
}

function PaidView({ paid, onDone }: { paid: PaymentResult; onDone: () => void }) {
  const { t, money } = useI18n();
  return (
    <main className="paid">
      <section className="paid-summary" aria-live="polite">
        <h1>{t('paidTitle', { no: paid.ticket.ticketNo })}</h1>
        {paid.changeCents > 0 ? (
          <p className="change-due" data-testid="change">
            {t('giveChange')} <strong>{money(paid.changeCents)}</strong>
          </p>
        ) : null}
        <ServerPrint ticketId={paid.ticket.id} />
        <div className="actions">
          <button type="button" onClick={() => window.print()}>
            {t('printBrowser')}
          </button>
          <button type="button" className="primary big" autoFocus onClick={onDone} data-testid="paid-done">
            {t('done')}
          </button>
        </div>
      </section>
      {paid.ticket.receipt ? (
        <div className="receipt-scroll print-area">
          <ReceiptView receipt={paid.ticket.receipt} testId="sale-receipt" />
        </div>
      ) : null}
    </main>
  );
}
