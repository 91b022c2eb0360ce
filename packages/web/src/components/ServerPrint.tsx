import { useEffect, useState } from 'react';
import type { ApiError } from '../api/client.js';
import type { Printer } from '../api/types.js';
import { usePos } from '../app/pos-context.js';
import { useI18n, type Translate } from '../i18n/i18n.js';
import { errorText } from './errors.js';

type Outcome =
  | { readonly kind: 'printed'; readonly printer: string; readonly bytes: number; readonly reprint: boolean }
  | { readonly kind: 'refused'; readonly error: ApiError };

const terminalDefault = '';

/** A printer refusal in words: an unreachable printer keeps the server's host:port. */
function refusalText(t: Translate, error: ApiError): string {
  if (error.code === 'PRINTER_UNREACHABLE') return `${t('error_PRINTER_UNREACHABLE')} (${error.message})`;
  return errorText(t, error);
}

/**
 * Prints through the POS server on a network printer. A ticket (VAT ticket, report...) goes to the
 * terminal's receipt printer by default and its original prints once (the only reprint is the
 * copy), so after success it is done. A kitchen ticket goes to the kitchen printer and may print
 * again as often as the kitchen needs (the server marks it as a reprint).
 * Its answers show here, not in the top bar, because it often sits in a dialog above the bar.
 */
export function ServerPrint({
  ticketId,
  document = 'ticket',
}: {
  ticketId: number;
  document?: 'ticket' | 'kitchen';
}) {
  const kitchen = document === 'kitchen';
  const { api } = usePos();
  const { t } = useI18n();
  const [printers, setPrinters] = useState<readonly Printer[]>([]);
  const [printerId, setPrinterId] = useState(terminalDefault);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  useEffect(() => {
    let live = true;
    void api.printers().then((answer) => {
      if (live && answer.ok)
        setPrinters(answer.value.filter((p) => p.active && p.kind === (kitchen ? 'KITCHEN' : 'RECEIPT')));
    });
    return () => {
      live = false;
    };
  }, [api, kitchen]);

  const print = async () => {
    setBusy(true);
    setOutcome(null);
    const chosen = printerId === terminalDefault ? null : printerId;
    const answer = kitchen
      ? await api.printKitchenTicket(ticketId, chosen)
      : await api.printTicket(ticketId, chosen);
    setBusy(false);
    if (!answer.ok) return setOutcome({ kind: 'refused', error: answer.error });
    const name = printers.find((p) => p.printerId === answer.value.printerId)?.name ?? answer.value.printerId;
    // Only a kitchen ticket answers `reprint`; a ticket's original never is one.
    const reprint = (answer.value as { reprint?: boolean }).reprint === true;
    setOutcome({ kind: 'printed', printer: name, bytes: answer.value.bytes, reprint });
  };

  return (
    <div className="server-print" data-document={document}>
      {printers.length > 0 ? (
        <label className="field inline">
          <span>{t('printer')}</span>
          <select
            value={printerId}
            onChange={(e) => setPrinterId(e.target.value)}
            data-testid="print-printer"
          >
            <option value={terminalDefault}>
              {t(kitchen ? 'terminalKitchenPrinter' : 'terminalReceiptPrinter')}
            </option>
            {printers.map((p) => (
              <option key={p.printerId} value={p.printerId}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <button
        type="button"
        className="primary"
        disabled={busy || (!kitchen && outcome?.kind === 'printed')}
        onClick={() => void print()}
        data-testid={kitchen ? 'kitchen-print' : 'server-print'}
      >
        {kitchen
          ? t(outcome?.kind === 'printed' ? 'printKitchenAgain' : 'printKitchenTicket')
          : outcome?.kind === 'printed'
            ? t('printedShort')
            : t('printOnPrinter')}
      </button>
      {outcome?.kind === 'printed' ? (
        <p
          className="notice"
          role="status"
          data-testid={kitchen ? 'kitchen-print-result' : 'server-print-result'}
        >
          {t(outcome.reprint ? 'reprintedOn' : 'printedOn', {
            printer: outcome.printer,
            bytes: outcome.bytes,
          })}
        </p>
      ) : null}
      {outcome?.kind === 'refused' ? (
        <p
          className="error"
          role="alert"
          data-testid={kitchen ? 'kitchen-print-result' : 'server-print-result'}
          data-code={outcome.error.code}
        >
          {refusalText(t, outcome.error)}
        </p>
      ) : null}
    </div>
  );
}
