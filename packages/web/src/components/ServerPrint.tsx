import { useEffect, useState } from 'react';
import type { ApiError } from '../api/client.js';
import type { Printer } from '../api/types.js';
import { usePos } from '../app/pos-context.js';
import { useI18n, type Translate } from '../i18n/i18n.js';
import { errorText } from './errors.js';

type Outcome =
  | { readonly kind: 'printed'; readonly printer: string; readonly bytes: number }
  | { readonly kind: 'refused'; readonly error: ApiError };

const terminalDefault = '';

/** A printer refusal in words: an unreachable printer keeps the server's host:port. */
function refusalText(t: Translate, error: ApiError): string {
  if (error.code === 'PRINTER_UNREACHABLE') return `${t('error_PRINTER_UNREACHABLE')} (${error.message})`;
  return errorText(t, error);
}

/**
 * Prints a ticket on a network printer through the POS server, by default the terminal's receipt
 * printer. The original prints once (the only reprint is the copy), so after success it is done.
 * Its answers show here, not in the top bar, because it often sits in a dialog above the bar.
 */
export function ServerPrint({ ticketId }: { ticketId: number }) {
  const { api } = usePos();
  const { t } = useI18n();
  const [printers, setPrinters] = useState<readonly Printer[]>([]);
  const [printerId, setPrinterId] = useState(terminalDefault);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  useEffect(() => {
    let live = true;
    void api.printers().then((answer) => {
      if (live && answer.ok) setPrinters(answer.value.filter((p) => p.kind === 'RECEIPT'));
    });
    return () => {
      live = false;
    };
  }, [api]);

  const print = async () => {
    setBusy(true);
    setOutcome(null);
    const answer = await api.printTicket(ticketId, printerId === terminalDefault ? null : printerId);
    setBusy(false);
    if (!answer.ok) return setOutcome({ kind: 'refused', error: answer.error });
    const name = printers.find((p) => p.printerId === answer.value.printerId)?.name ?? answer.value.printerId;
    setOutcome({ kind: 'printed', printer: name, bytes: answer.value.bytes });
  };

  return (
    <div className="server-print">
      {printers.length > 0 ? (
        <label className="field inline">
          <span>{t('printer')}</span>
          <select
            value={printerId}
            onChange={(e) => setPrinterId(e.target.value)}
            data-testid="print-printer"
          >
            <option value={terminalDefault}>{t('terminalReceiptPrinter')}</option>
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
        disabled={busy || outcome?.kind === 'printed'}
        onClick={() => void print()}
        data-testid="server-print"
      >
        {outcome?.kind === 'printed' ? t('printedShort') : t('printOnPrinter')}
      </button>
      {outcome?.kind === 'printed' ? (
        <p className="notice" role="status" data-testid="server-print-result">
          {t('printedOn', { printer: outcome.printer, bytes: outcome.bytes })}
        </p>
      ) : null}
      {outcome?.kind === 'refused' ? (
        <p className="error" role="alert" data-testid="server-print-result" data-code={outcome.error.code}>
          {refusalText(t, outcome.error)}
        </p>
      ) : null}
    </div>
  );
}
