import { useCallback, useEffect, useState } from 'react';
import type { Customer, PaymentType, Ticket } from '../../api/types.js';
import { usePos } from '../../app/pos-context.js';
import { Modal } from '../../components/Modal.js';
import { ReceiptView } from '../../components/ReceiptView.js';
import { ServerPrint } from '../../components/ServerPrint.js';
import { isMessageKey } from '../../i18n/en.js';
import { useI18n, type Translate } from '../../i18n/i18n.js';
import { methodLabel, PaymentMethodChoice } from '../pay/PaymentMethods.js';
import { roundToFiveCents } from '../pay/tenders.js';

export const operationName = (t: Translate, operation: string): string => {
  const key = `op_${operation}`;
  return isMessageKey(key) ? t(key) : operation;
};

const isSale = (ticket: Ticket) => ticket.operation === 'SALE' && (ticket.totalCents ?? 0) > 0;
const isCopyable = (ticket: Ticket) =>
  ['N', 'P', 'I', 'R', 'T'].includes(ticket.label) &&
  ticket.operation !== 'COPY' &&
  ticket.outcome === 'signed';

type Dialog = { readonly kind: 'refund'; readonly ticket: Ticket } | { readonly kind: 'invoice' };

/** Tickets of the register: preview, refund from a ticket reference, the one copy, invoices. */
export function TicketsScreen() {
  const { api, fail, canSell, showReceipt, afterSigned } = usePos();
  const { t, money, dateTime } = useI18n();
  const [tickets, setTickets] = useState<readonly Ticket[]>([]);
  const [selected, setSelected] = useState<Ticket | null>(null);
  const [forInvoice, setForInvoice] = useState<ReadonlySet<number>>(new Set());
  const [reference, setReference] = useState('');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const answer = await api.tickets(100);
    if (answer.ok) setTickets(answer.value);
    else fail(answer.error);
  }, [api, fail]);

  useEffect(() => {
    void load();
  }, [load]);

  const open = async (id: number) => {
    const answer = await api.ticket(id);
    if (!answer.ok) return fail(answer.error);
    setSelected(answer.value);
  };

  const findReference = async () => {
    const wanted = Number(reference.trim());
    if (!Number.isInteger(wanted) || wanted <= 0) return;
    const match = tickets.find((x) => x.ticketNo === wanted);
    await open(match ? match.id : wanted);
  };

  const copy = async (ticket: Ticket) => {
    setBusy(true);
    const answer = await api.copyTicket(ticket.id);
    setBusy(false);
    if (!answer.ok) return fail(answer.error);
    afterSigned(answer.value.mandatoryMessages);
    if (answer.value.receipt)
      showReceipt(answer.value.receipt, t('copyOf', { no: ticket.ticketNo }), answer.value.id);
    await load();
  };

  return (
    <main className="tickets">
      <section className="ticket-list" aria-labelledby="tickets-title">
        <h1 id="tickets-title">{t('navTickets')}</h1>
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            void findReference();
          }}
        >
          <label className="field">
            <span>{t('ticketReference')}</span>
            <input
              inputMode="numeric"
              value={reference}
              data-testid="ticket-reference"
              onChange={(e) => setReference(e.target.value.replace(/\D/g, ''))}
            />
          </label>
          <button type="submit">{t('find')}</button>
        </form>
        <table className="list">
          <thead>
            <tr>
              <th scope="col">{t('invoiceSelect')}</th>
              <th scope="col">{t('ticketNo')}</th>
              <th scope="col">{t('kind')}</th>
              <th scope="col">{t('time')}</th>
              <th scope="col" className="number">
                {t('total')}
              </th>
            </tr>
          </thead>
          <tbody>
            {tickets.map((ticket) => (
              <tr
                key={ticket.id}
                className={selected?.id === ticket.id ? 'row-on' : ''}
                data-testid={`ticket-${ticket.ticketNo}`}
              >
                <td>
                  {isSale(ticket) && ticket.label === 'N' ? (
                    <input
                      type="checkbox"
                      aria-label={t('invoiceSelect')}
                      checked={forInvoice.has(ticket.id)}
                      onChange={(e) => {
                        const next = new Set(forInvoice);
                        if (e.target.checked) next.add(ticket.id);
                        else next.delete(ticket.id);
                        setForInvoice(next);
                      }}
                    />
                  ) : null}
                </td>
                <td>
                  <button type="button" className="link" onClick={() => void open(ticket.id)}>
                    {ticket.ticketNo}
                  </button>
                </td>
                <td>
                  {ticket.label} · {operationName(t, ticket.operation)}
                  {ticket.training ? ` · ${t('training')}` : ''}
                </td>
                <td>
                  {ticket.fdmDateTime
                    ? dateTime(ticket.fdmDateTime)
                    : t(`outcome_${ticket.outcome === 'refused' ? 'refused' : 'pending'}`)}
                </td>
                <td className="number">{ticket.totalCents === null ? '' : money(ticket.totalCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="actions">
          <button
            type="button"
            disabled={forInvoice.size === 0 || !canSell}
            onClick={() => setDialog({ kind: 'invoice' })}
            data-testid="invoice"
          >
            {t('makeInvoice', { count: forInvoice.size })}
          </button>
        </div>
      </section>
      <section className="ticket-preview" aria-label={t('preview')}>
        {selected ? (
          <>
            <div className="actions">
              <button
                type="button"
                disabled={!isSale(selected) || !canSell || busy}
                onClick={() => setDialog({ kind: 'refund', ticket: selected })}
                data-testid="refund"
              >
                {t('refund')}
              </button>
              <button
                type="button"
                disabled={!isCopyable(selected) || !canSell || busy}
                onClick={() => void copy(selected)}
                data-testid="copy"
              >
                {t('copy')}
              </button>
              <button type="button" disabled={!selected.receipt} onClick={() => window.print()}>
                {t('printBrowser')}
              </button>
            </div>
            {selected.receipt ? <ServerPrint key={selected.id} ticketId={selected.id} /> : null}
            <div className="receipt-scroll print-area">
              {selected.receipt ? (
                <ReceiptView receipt={selected.receipt} testId="ticket-receipt" />
              ) : (
                <p className="muted">{t('noPrint')}</p>
              )}
            </div>
          </>
        ) : (
          <p className="muted">{t('pickTicket')}</p>
        )}
      </section>
      {dialog?.kind === 'refund' ? (
        <RefundDialog
          ticket={dialog.ticket}
          onClose={() => setDialog(null)}
          onRefund={async (type) => {
            const total = dialog.ticket.totalCents ?? 0;
            const amount = type === 'CASH' ? roundToFiveCents(-total) : -total;
            setDialog(null);
            setBusy(true);
            const answer = await api.refund(dialog.ticket.id, null, [{ type, amountCents: amount }]);
            setBusy(false);
            if (!answer.ok) return fail(answer.error);
            afterSigned(answer.value.ticket.mandatoryMessages);
            if (answer.value.ticket.receipt)
              showReceipt(answer.value.ticket.receipt, t('refund'), answer.value.ticket.id);
            await load();
          }}
        />
      ) : null}
      {dialog?.kind === 'invoice' ? (
        <InvoiceDialog
          count={forInvoice.size}
          onClose={() => setDialog(null)}
          onInvoice={async (customer) => {
            setDialog(null);
            setBusy(true);
            const answer = await api.invoice([...forInvoice], customer);
            setBusy(false);
            if (!answer.ok) return fail(answer.error);
            setForInvoice(new Set());
            afterSigned(answer.value.ticket.mandatoryMessages);
            if (answer.value.ticket.receipt)
              showReceipt(
                answer.value.ticket.receipt,
                t('invoiceNo', { no: answer.value.invoiceNo }),
                answer.value.ticket.id,
              );
            await load();
          }}
        />
      ) : null}
    </main>
  );
}

/** A refund is its own ticket with only negative lines, paid back by one method (C-8). */
function RefundDialog({
  ticket,
  onRefund,
  onClose,
}: {
  ticket: Ticket;
  onRefund: (type: PaymentType) => void;
  onClose: () => void;
}) {
  const { t, money } = useI18n();
  const [type, setType] = useState<PaymentType>('CASH');
  return (
    <Modal title={t('refundOf', { no: ticket.ticketNo })} onClose={onClose} testId="refund-dialog">
      <p>{t('refundExplain', { amount: money(ticket.totalCents ?? 0) })}</p>
      <PaymentMethodChoice value={type} onChange={setType} />
      <div className="actions">
        <button type="button" onClick={onClose}>
          {t('cancel')}
        </button>
        <button
          type="button"
          className="primary danger"
          onClick={() => onRefund(type)}
          data-testid="refund-confirm"
        >
          {t('refundWith', { method: t(methodLabel(type)) })}
        </button>
      </div>
    </Modal>
  );
}

/** An invoice after one or more VAT tickets, with the customer's mandatory mentions (C-45ter). */
function InvoiceDialog({
  count,
  onInvoice,
  onClose,
}: {
  count: number;
  onInvoice: (customer: Customer) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [customer, setCustomer] = useState<Customer>({ name: '', address: '', vatNo: '' });
  const complete =
    customer.name.trim() !== '' && customer.address.trim() !== '' && customer.vatNo.trim() !== '';
  return (
    <Modal title={t('makeInvoice', { count })} onClose={onClose} testId="invoice-dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (complete)
            onInvoice({
              name: customer.name.trim(),
              address: customer.address.trim(),
              vatNo: customer.vatNo.trim(),
            });
        }}
      >
        <label className="field">
          <span>{t('customerName')}</span>
          <input
            value={customer.name}
            autoFocus
            onChange={(e) => setCustomer({ ...customer, name: e.target.value })}
          />
        </label>
        <label className="field">
          <span>{t('customerAddress')}</span>
          <input
            value={customer.address}
            onChange={(e) => setCustomer({ ...customer, address: e.target.value })}
          />
        </label>
        <label className="field">
          <span>{t('customerVatNo')}</span>
          <input
            value={customer.vatNo}
            placeholder="BE0123456749"
            onChange={(e) => setCustomer({ ...customer, vatNo: e.target.value.toUpperCase() })}
          />
        </label>
        <div className="actions">
          <button type="button" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" className="primary" disabled={!complete}>
            {t('makeInvoice', { count })}
          </button>
        </div>
      </form>
    </Modal>
  );
}
