import type { FdmState } from '../api/types.js';
import { usePos } from '../app/pos-context.js';
import { useI18n } from '../i18n/i18n.js';

/** The FDM's state, on every screen (C-26: the POS detects itself whether it may sell). */
export function FdmIndicator({ fdm }: { fdm: FdmState | null }) {
  const { t } = useI18n();
  const state = fdm === null ? 'unknown' : fdm.operational ? 'up' : 'down';
  const text = state === 'unknown' ? t('fdmUnknown') : state === 'up' ? t('fdmUp') : t('fdmDown');
  return (
    <span
      className={`fdm fdm-${state}`}
      role="status"
      data-testid="fdm-state"
      data-state={state}
      title={fdm?.problem ?? ''}
    >
      <span className="fdm-dot" aria-hidden="true" />
      {text}
    </span>
  );
}

/** C-26 and B-4 in plain words: no sale now, paper VAT receipts meanwhile, report the defect. */
export function FdmDownNotice({ fdm, compact = false }: { fdm: FdmState; compact?: boolean }) {
  const { t, dateTime } = useI18n();
  const { canSell, retrySelling } = usePos();
  return (
    <section className="fdm-down-notice" role="alert" data-testid="fdm-down">
      <h2>{t('fdmDownTitle')}</h2>
      {compact ? (
        <p>{t('fdmDownStep1')}</p>
      ) : (
        <>
          <p>{t('fdmDownExplain')}</p>
          <ol>
            <li>{t('fdmDownStep1')}</li>
            <li>{t('fdmDownStep2')}</li>
            <li>{t('fdmDownStep3')}</li>
          </ol>
        </>
      )}
      {fdm.since ? <p className="muted">{t('fdmDownSince', { since: dateTime(fdm.since) })}</p> : null}
      {fdm.problem && !compact ? (
        <p className="muted" lang="en">
          {fdm.problem}
        </p>
      ) : null}
      <div className="actions">
        <button type="button" disabled={canSell} onClick={retrySelling} data-testid="fdm-retry">
          {t('fdmRetry')}
        </button>
      </div>
    </section>
  );
}
