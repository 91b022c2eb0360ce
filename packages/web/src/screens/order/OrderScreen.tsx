import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Department, OrderLine, Place, Product, Receipt, Registration } from '../../api/types.js';
import { usePos } from '../../app/pos-context.js';
import { FdmDownNotice } from '../../components/FdmIndicator.js';
import { applyKey } from '../../components/Keypad.js';
import { Modal } from '../../components/Modal.js';
import { useI18n } from '../../i18n/i18n.js';
import { CorrectDialog } from './CorrectDialog.js';
import { ServerPrint } from '../../components/ServerPrint.js';
import { NoteDialog } from './NoteDialog.js';
import { openQuantities } from './open-lines.js';
import { parseQuantity, quantityLabel } from './quantity.js';
import { TransferDialog } from './TransferDialog.js';
import { WeightDialog } from './WeightDialog.js';

const locales = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-BE' } as const;

type Dialog =
  | { readonly kind: 'correct'; readonly line: OrderLine }
  | { readonly kind: 'weight'; readonly product: Product }
  | { readonly kind: 'transfer' }
  | { readonly kind: 'cancel' }
  | { readonly kind: 'note' }
  | { readonly kind: 'lineNote'; readonly line: OrderLine };

export function OrderScreen({ registrationId }: { registrationId: string }) {
  const { api, go, fail, canSell, fdm, showReceipt, afterSigned } = usePos();
  const { t, money, language } = useI18n();
  const [registration, setRegistration] = useState<Registration | null>(null);
  const [catalog, setCatalog] = useState<{
    departments: readonly Department[];
    products: readonly Product[];
  } | null>(null);
  const [places, setPlaces] = useState<readonly Place[]>([]);
  const [department, setDepartment] = useState<string | null>(null);
  const [quantityText, setQuantityText] = useState('');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  /** The kitchen note for the next article tapped; it goes with that line only. */
  const [note, setNote] = useState<string | null>(null);
  const [kitchen, setKitchen] = useState<{ receipt: Receipt | null; ticketId: number } | null>(null);

  const load = useCallback(async () => {
    const [reg, cat, pl] = await Promise.all([api.registration(registrationId), api.catalog(), api.places()]);
    if (!reg.ok) return fail(reg.error);
    if (!cat.ok) return fail(cat.error);
    if (reg.value === null || reg.value.status === 'closed') return go({ name: 'tables' });
    setRegistration(reg.value);
    setCatalog(cat.value);
    setDepartment((current) => current ?? cat.value.departments[0]?.departmentId ?? null);
    if (pl.ok) setPlaces(pl.value);
  }, [api, registrationId, fail, go]);

  useEffect(() => {
    void load();
  }, [load]);

  const open = useMemo(() => openQuantities(registration?.lines ?? []), [registration]);
  const placeName = (id: string | null) => places.find((p) => p.costCenterId === id)?.name ?? null;

  /** Runs one call while the buttons wait; a refusal is shown, the order reloaded either way. */
  const act = async <T,>(
    call: () => Promise<{ ok: true; value: T } | { ok: false; error: Parameters<typeof fail>[0] }>,
  ) => {
    setBusy(true);
    const answer = await call();
    setBusy(false);
    if (!answer.ok) {
      fail(answer.error);
      await load();
      return null;
    }
    return answer.value;
  };

  const addProduct = async (product: Product, quantity: number) => {
    setQuantityText('');
    const updated = await act(() => api.addLine(registrationId, product.productId, quantity, note));
    if (updated) {
      setRegistration(updated);
      setNote(null);
    }
  };

  const pickProduct = (product: Product) => {
    if (product.quantityType !== 'PIECE') return setDialog({ kind: 'weight', product });
    const quantity = quantityText === '' ? 1 : parseQuantity(quantityText, 'PIECE');
    if (quantity === null) return setNotice(t('badQuantity'));
    setNotice(null);
    void addProduct(product, quantity);
  };

  const send = async () => {
    const sent = await act(() => api.sendOrder(registrationId));
    if (!sent) return;
    afterSigned(sent.ticket.mandatoryMessages);
    setKitchen({ receipt: sent.kitchen, ticketId: sent.ticket.id });
    setNotice(
      `${t('sentToKitchen', { no: sent.ticket.ticketNo })} ${t(sent.kitchenPrinted ? 'kitchenPrinted' : 'kitchenNotPrinted')}`,
    );
    await load();
  };

  const preBill = async () => {
    const ticket = await act(() => api.preBill(registrationId));
    if (!ticket) return;
    afterSigned(ticket.mandatoryMessages);
    if (ticket.receipt) showReceipt(ticket.receipt, t('preBill'), ticket.id);
    await load();
  };

  if (!registration || !catalog) return <main className="order" aria-busy="true" />;

  const products = catalog.products.filter((p) => p.active && p.departmentId === department);
  const unsent = registration.lines.some((l) => !l.sent);
  const atPlace = registration.costCenterId !== null;
  const title = atPlace
    ? (placeName(registration.costCenterId) ?? registration.costCenterId)
    : t('directSale');

  return (
    <main className="order">
      <section className="order-ticket" aria-labelledby="order-title">
        <header className="order-head">
          <button type="button" onClick={() => go({ name: 'tables' })} data-testid="back">
            ← {t('back')}
          </button>
          <h1 id="order-title" data-testid="order-title">
            {title}
          </h1>
          {registration.preBilled ? (
            <span className="state-chip status-pre_billed" data-testid="order-pre-billed">
              {t('statusPreBilled')}
            </span>
          ) : null}
        </header>
        {fdm && !fdm.operational ? <FdmDownNotice fdm={fdm} compact /> : null}
        <ol className="lines" data-testid="order-lines">
          {registration.lines.map((line) => {
            const negative = line.quantity < 0;
            const correctable = !negative && (open.get(line.lineNo) ?? 0) > 0;
            // Until the line goes to the kitchen its note can change; after, the kitchen has it.
            const notable = !line.sent && !negative && line.origin === 'input';
            return (
              <li
                key={line.lineNo}
                className={`line ${negative ? 'line-negative' : ''} ${line.sent ? '' : 'line-new'}`}
                data-testid="order-line"
              >
                <button
                  type="button"
                  className="line-button"
                  disabled={!correctable || busy}
                  aria-label={correctable ? t('correctLineTitle', { name: line.productName }) : undefined}
                  onClick={() => setDialog({ kind: 'correct', line })}
                >
                  <span className="line-qty">
                    {quantityLabel(line.quantity, line.quantityType, locales[language])}
                  </span>
                  <span className="line-name">
                    {line.productName}
                    {negative ? (
                      <small className="line-reason">{line.reason ?? t('correction')}</small>
                    ) : null}
                    {line.priceChangeName ? <small>{line.priceChangeName}</small> : null}
                    {line.note ? (
                      <small className="line-note" data-testid="line-note">
                        <span aria-hidden="true">✎ </span>
                        <span className="sr-only">{t('kitchenNote')}: </span>
                        {line.note}
                      </small>
                    ) : null}
                  </span>
                  <span className="line-amount">{money(line.lineTotalCents)}</span>
                  <span className="line-flag" aria-label={line.sent ? t('sent') : t('notSent')}>
                    {line.sent ? '✓' : '•'}
                  </span>
                </button>
                {notable ? (
                  <button
                    type="button"
                    className="line-note-button"
                    disabled={busy}
                    aria-label={t('lineNoteTitle', { name: line.productName })}
                    title={t('lineNoteTitle', { name: line.productName })}
                    data-testid="line-note-edit"
                    onClick={() => setDialog({ kind: 'lineNote', line })}
                  >
                    ✎
                  </button>
                ) : null}
              </li>
            );
          })}
          {registration.lines.length === 0 ? <li className="muted empty">{t('noLinesYet')}</li> : null}
        </ol>
        <div className="order-total">
          <span>{t('total')}</span>
          <strong data-testid="order-total">{money(registration.totalCents)}</strong>
        </div>
        {notice ? (
          <p className="notice" role="status" data-testid="order-notice">
            {notice}
            {kitchen?.receipt ? (
              <button
                type="button"
                className="link"
                data-testid="show-kitchen-ticket"
                onClick={() => kitchen.receipt && showReceipt(kitchen.receipt, t('kitchenTicket'))}
              >
                {t('showKitchenTicket')}
              </button>
            ) : null}
          </p>
        ) : null}
        {notice && kitchen ? <ServerPrint ticketId={kitchen.ticketId} document="kitchen" /> : null}
        <div className="order-actions">
          {atPlace ? (
            <button
              type="button"
              disabled={!canSell || busy || !unsent}
              onClick={() => void send()}
              data-testid="send"
            >
              {t('sendToKitchen')}
            </button>
          ) : null}
          <button
            type="button"
            disabled={!canSell || busy || registration.lines.length === 0}
            onClick={() => void preBill()}
            data-testid="pre-bill"
          >
            {t('preBill')}
          </button>
          {atPlace ? (
            <button
              type="button"
              disabled={!canSell || busy || open.size === 0}
              onClick={() => setDialog({ kind: 'transfer' })}
              data-testid="transfer"
            >
              {t('transferSplitMerge')}
            </button>
          ) : null}
          <button
            type="button"
            className="danger"
            disabled={!canSell || busy}
            onClick={() => setDialog({ kind: 'cancel' })}
            data-testid="cancel-order"
          >
            {t('cancelOrder')}
          </button>
          <button
            type="button"
            className="primary big"
            disabled={!canSell || busy || registration.lines.length === 0}
            onClick={() => go({ name: 'pay', registrationId })}
            data-testid="to-pay"
          >
            {t('pay')} {money(registration.totalCents)}
          </button>
        </div>
      </section>
      <section className="order-catalog" aria-label={t('products')}>
        <div className="tabs departments" role="tablist" aria-label={t('departments')}>
          {catalog.departments.map((d) => (
            <button
              key={d.departmentId}
              type="button"
              role="tab"
              aria-selected={d.departmentId === department}
              className={d.departmentId === department ? 'tab tab-on' : 'tab'}
              onClick={() => setDepartment(d.departmentId)}
            >
              {d.name}
            </button>
          ))}
        </div>
        <div className="quantity-bar">
          <label className="field inline">
            <span>{t('quantity')}</span>
            <input
              inputMode="numeric"
              value={quantityText}
              placeholder="1"
              data-testid="quantity"
              onChange={(e) => setQuantityText(e.target.value.replace(/\D/g, '').slice(0, 3))}
            />
          </label>
          <div className="mini-keypad" role="group" aria-label={t('quantity')}>
            {['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '⌫'].map((key) => (
              <button
                key={key}
                type="button"
                className="key small"
                onClick={() => setQuantityText((q) => applyKey(q, key, 3))}
              >
                {key}
              </button>
            ))}
          </div>
        </div>
        <div className="note-bar">
          <button
            type="button"
            disabled={!canSell || busy}
            onClick={() => setDialog({ kind: 'note' })}
            data-testid="note"
            aria-describedby="pending-note"
          >
            ✎ {t('kitchenNote')}
          </button>
          <span id="pending-note" className={note ? 'note-pending' : 'muted'} data-testid="pending-note">
            {note ? t('noteForNext', { note }) : t('noteHint')}
          </span>
          {note ? (
            <button
              type="button"
              className="icon-button"
              aria-label={t('noteClear')}
              data-testid="note-clear"
              onClick={() => setNote(null)}
            >
              ×
            </button>
          ) : null}
        </div>
        <div className="product-grid">
          {products.map((product) => (
            <button
              key={product.productId}
              type="button"
              className="product"
              disabled={!canSell || busy}
              data-testid={`product-${product.productId}`}
              onClick={() => pickProduct(product)}
            >
              <span className="product-name">{product.name}</span>
              <span className="product-price">
                {money(product.unitPriceCents)}
                {product.quantityType === 'KILOGRAM' ? ' /kg' : product.quantityType === 'LITRE' ? ' /l' : ''}
              </span>
            </button>
          ))}
        </div>
      </section>
      {dialog?.kind === 'correct' ? (
        <CorrectDialog
          line={dialog.line}
          openQuantity={open.get(dialog.line.lineNo) ?? 0}
          onClose={() => setDialog(null)}
          onCorrect={async (quantity, reason) => {
            setDialog(null);
            const updated = await act(() =>
              api.correctLine(registrationId, dialog.line.lineNo, quantity, reason),
            );
            if (updated) setRegistration(updated);
          }}
        />
      ) : null}
      {dialog?.kind === 'weight' ? (
        <WeightDialog
          product={dialog.product}
          onClose={() => setDialog(null)}
          onQuantity={(quantity) => {
            setDialog(null);
            void addProduct(dialog.product, quantity);
          }}
        />
      ) : null}
      {dialog?.kind === 'transfer' ? (
        <TransferDialog
          from={registration.costCenterId}
          places={places}
          lines={registration.lines}
          open={open}
          onClose={() => setDialog(null)}
          onMove={async (to, lines) => {
            setDialog(null);
            const moved = await act(() => api.transfer(registrationId, to, lines));
            if (!moved) return;
            afterSigned(moved.ticket.mandatoryMessages);
            setNotice(t('moved', { no: moved.ticket.ticketNo }));
            if (moved.sourceClosed) go({ name: 'order', registrationId: moved.registrationId });
            else await load();
          }}
        />
      ) : null}
      {dialog?.kind === 'note' ? (
        <NoteDialog
          initial={note ?? ''}
          onClose={() => setDialog(null)}
          onNote={(text) => {
            setDialog(null);
            setNote(text);
          }}
        />
      ) : null}
      {dialog?.kind === 'lineNote' ? (
        <NoteDialog
          title={t('lineNoteTitle', { name: dialog.line.productName })}
          initial={dialog.line.note ?? ''}
          onClose={() => setDialog(null)}
          onNote={async (text) => {
            setDialog(null);
            const updated = await act(() => api.setLineNote(registrationId, dialog.line.lineNo, text));
            if (updated) setRegistration(updated);
          }}
          {...(dialog.line.note
            ? {
                onClear: async () => {
                  setDialog(null);
                  const updated = await act(() => api.setLineNote(registrationId, dialog.line.lineNo, null));
                  if (updated) setRegistration(updated);
                },
              }
            : {})}
        />
      ) : null}
      {dialog?.kind === 'cancel' ? (
        <CancelDialog
          onClose={() => setDialog(null)}
          onCancel={async (reason) => {
            setDialog(null);
            const done = await act(() => api.cancelRegistration(registrationId, reason));
            if (!done) return;
            if (done.ticket.receipt) showReceipt(done.ticket.receipt, t('cancelOrder'), done.ticket.id);
            go({ name: 'tables' });
          }}
        />
      ) : null}
    </main>
  );
}

/** Cancelling corrects every open line and closes the order with a zero ticket (C-8, C-31). */
function CancelDialog({ onCancel, onClose }: { onCancel: (reason: string) => void; onClose: () => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  return (
    <Modal title={t('cancelOrder')} onClose={onClose} testId="cancel-dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (reason.trim()) onCancel(reason.trim());
        }}
      >
        <p>{t('cancelExplain')}</p>
        <label className="field">
          <span>{t('reason')}</span>
          <input value={reason} maxLength={200} autoFocus onChange={(e) => setReason(e.target.value)} />
        </label>
        <div className="actions">
          <button type="button" onClick={onClose}>
            {t('back')}
          </button>
          <button type="submit" className="primary danger" disabled={!reason.trim()}>
            {t('cancelOrder')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
