import { useState } from 'react';
import type { Ticket } from '../../api/types.js';
import { usePos } from '../../app/pos-context.js';
import { Modal } from '../../components/Modal.js';
import { ReceiptView } from '../../components/ReceiptView.js';
import { ServerPrint } from '../../components/ServerPrint.js';
import { useI18n } from '../../i18n/i18n.js';

/**
 * X reports (any time, close nothing) and the Z report that closes the period (C-46..C-51): the
 * financial and the users report, each previewed as it prints.
 */
export function ReportsScreen() {
  const { api, fail, canSell, me, afterSigned } = usePos();
  const { t } = useI18n();
  const [reports, setReports] = useState<readonly Ticket[]>([]);
  const [confirmZ, setConfirmZ] = useState(false);
  const [busy, setBusy] = useState(false);

  const make = async (kind: 'X' | 'Z') => {
    setBusy(true);
    const answer = await api.report(kind);
    setBusy(false);
    if (!answer.ok) return fail(answer.error);
    for (const report of answer.value) afterSigned(report.mandatoryMessages);
    setReports(answer.value);
  };

  return (
    <main className="reports">
      <section className="card" aria-labelledby="reports-title">
        <h1 id="reports-title">{t('navReports')}</h1>
        <p className="muted">{t('reportsExplain')}</p>
        <div className="actions">
          <button
            type="button"
            disabled={busy || !canSell}
            onClick={() => void make('X')}
            data-testid="report-x"
          >
            {t('makeX')}
          </button>
          <button
            type="button"
            className="danger"
            disabled={busy || !canSell || me.role === 'waiter'}
            onClick={() => setConfirmZ(true)}
            data-testid="report-z"
          >
            {t('makeZ')}
          </button>
          <button type="button" disabled={reports.length === 0} onClick={() => window.print()}>
            {t('printBrowser')}
          </button>
        </div>
      </section>
      <div className="report-prints print-area">
        {reports.map((report) =>
          report.receipt ? (
            <div key={report.id} className="report-print" data-testid={`report-print-${report.operation}`}>
              <ServerPrint ticketId={report.id} />
              <ReceiptView receipt={report.receipt} testId={`report-${report.operation}`} />
            </div>
          ) : null,
        )}
      </div>
      {confirmZ ? (
        <Modal title={t('makeZ')} onClose={() => setConfirmZ(false)} testId="confirm-z">
          <p>{t('zExplain')}</p>
          <div className="actions">
            <button type="button" onClick={() => setConfirmZ(false)}>
              {t('cancel')}
            </button>
            <button
              type="button"
              className="primary danger"
              data-testid="confirm-z-yes"
              onClick={() => {
                setConfirmZ(false);
                void make('Z');
              }}
            >
              {t('makeZ')}
            </button>
          </div>
        </Modal>
      ) : null}
    </main>
  );
}
