import { useState } from 'react';
import { usePos } from '../../app/pos-context.js';
import { FdmDownNotice } from '../../components/FdmIndicator.js';
import { useI18n } from '../../i18n/i18n.js';

/** Nothing is registered before the user clocked in (the ARBEID IN event, C-28). */
export function ClockInScreen({ onLogout }: { onLogout: () => void }) {
  const { api, me, fdm, refreshMe, fail, afterSigned } = usePos();
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  return (
    <main className="centered">
      <section className="card narrow" aria-labelledby="clock-in-title">
        <h1 id="clock-in-title">{t('helloName', { name: me.alias })}</h1>
        <p>{t('clockInExplain')}</p>
        {fdm && !fdm.operational ? <FdmDownNotice fdm={fdm} /> : null}
        <div className="actions">
          <button type="button" onClick={onLogout}>
            {t('logOut')}
          </button>
          <button
            type="button"
            className="primary big"
            autoFocus
            disabled={busy}
            data-testid="clock-in"
            onClick={async () => {
              setBusy(true);
              const answer = await api.clockIn();
              setBusy(false);
              if (!answer.ok) return fail(answer.error);
              afterSigned(answer.value.mandatoryMessages);
              await refreshMe();
            }}
          >
            {t('clockIn')}
          </button>
        </div>
      </section>
    </main>
  );
}
