import { useCallback, useEffect, useState } from 'react';
import type { Floor, Place, PlaceStatus, Registration } from '../../api/types.js';
import { usePos } from '../../app/pos-context.js';
import { FdmDownNotice } from '../../components/FdmIndicator.js';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/en.js';
import { currentTab, planTabs } from './plan.js';

const statusText: Record<PlaceStatus, MessageKey> = {
  FREE: 'statusFree',
  OCCUPIED: 'statusOccupied',
  PRE_BILLED: 'statusPreBilled',
};

/** Another terminal may take or pre-bill a table at any time: look again this often, and on focus. */
const refreshMs = 3000;

const noFloorTestId = 'none';

export function TablePlan() {
  const { api, go, fail, canSell, fdm } = usePos();
  const { t, money } = useI18n();
  const [places, setPlaces] = useState<readonly Place[] | null>(null);
  const [floors, setFloors] = useState<readonly Floor[]>([]);
  const [open, setOpen] = useState<ReadonlyMap<string, Registration>>(new Map());
  const [floorId, setFloorId] = useState<string | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const [placesAnswer, floorsAnswer, openAnswer] = await Promise.all([
      api.places(),
      api.floors(),
      api.openRegistrations(),
    ]);
    if (!placesAnswer.ok) return fail(placesAnswer.error);
    if (!floorsAnswer.ok) return fail(floorsAnswer.error);
    if (!openAnswer.ok) return fail(openAnswer.error);
    setPlaces(placesAnswer.value);
    setFloors(floorsAnswer.value);
    setOpen(new Map(openAnswer.value.map((r) => [r.registrationId, r])));
  }, [api, fail]);

  useEffect(() => {
    void load();
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void load();
    }, refreshMs);
    const again = () => {
      if (document.visibilityState === 'visible') void load();
    };
    window.addEventListener('focus', again);
    document.addEventListener('visibilitychange', again);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', again);
      document.removeEventListener('visibilitychange', again);
    };
  }, [load]);

  const start = async (costCenterId: string | null) => {
    setBusy(true);
    const answer = await api.startRegistration(costCenterId);
    setBusy(false);
    if (!answer.ok) {
      fail(answer.error);
      return void load();
    }
    go({ name: 'order', registrationId: answer.value.registrationId });
  };

  const tabs = planTabs(floors, places ?? []);
  const shown = currentTab(tabs, floorId);
  const withoutPlace = [...open.values()].filter((r) => r.costCenterId === null);
  const tabName = (id: string | null, name: string | null) => name ?? (id === null ? t('floorNone') : id);

  return (
    <main className="tables" aria-busy={places === null}>
      {fdm && !fdm.operational ? <FdmDownNotice fdm={fdm} /> : null}
      <div className="toolbar">
        <div className="tabs" role="tablist" aria-label={t('floors')}>
          {tabs.map((tab) => {
            const on = tab.floorId === shown?.floorId;
            return (
              <button
                key={tab.floorId ?? noFloorTestId}
                type="button"
                role="tab"
                id={`floor-tab-${tab.floorId ?? noFloorTestId}`}
                aria-selected={on}
                aria-controls={`floor-${tab.floorId ?? noFloorTestId}`}
                className={on ? 'tab tab-on' : 'tab'}
                data-testid={`floor-tab-${tab.floorId ?? noFloorTestId}`}
                onClick={() => setFloorId(tab.floorId)}
              >
                {tabName(tab.floorId, tab.name)}
                {tab.taken > 0 ? (
                  <span className="badge" aria-label={t('takenCount', { count: tab.taken })}>
                    {tab.taken}
                  </span>
                ) : null}
              </button>
            );
          })}
        </div>
        <button
          type="button"
          className="primary"
          disabled={!canSell || busy}
          data-testid="direct-sale"
          onClick={() => void start(null)}
        >
          {t('directSale')}
        </button>
      </div>
      <ul className="legend" aria-label={t('legend')}>
        {(Object.keys(statusText) as PlaceStatus[]).map((status) => (
          <li key={status} className={`legend-item status-${status.toLowerCase()}`}>
            {t(statusText[status])}
          </li>
        ))}
      </ul>
      {/* Every floor stays in the page, hidden but for the chosen one, so states stay current. */}
      {tabs.map((tab) => (
        <div
          key={tab.floorId ?? noFloorTestId}
          id={`floor-${tab.floorId ?? noFloorTestId}`}
          role="tabpanel"
          aria-labelledby={`floor-tab-${tab.floorId ?? noFloorTestId}`}
          className="table-grid"
          hidden={tab.floorId !== shown?.floorId}
        >
          {tab.places.map((place) => {
            const registration = place.registrationId ? open.get(place.registrationId) : undefined;
            return (
              <button
                key={place.costCenterId}
                type="button"
                className={`table-tile status-${place.status.toLowerCase()}`}
                data-testid={`place-${place.costCenterId}`}
                data-status={place.status}
                data-floor={tab.floorId ?? noFloorTestId}
                disabled={busy || (!place.registrationId && !canSell)}
                onClick={() =>
                  place.registrationId
                    ? go({ name: 'order', registrationId: place.registrationId })
                    : void start(place.costCenterId)
                }
              >
                <span className="table-name">{place.name}</span>
                <span className="table-status">{t(statusText[place.status])}</span>
                {registration ? <span className="table-total">{money(registration.totalCents)}</span> : null}
              </button>
            );
          })}
          {tab.places.length === 0 ? <p className="muted">{t('floorEmpty')}</p> : null}
        </div>
      ))}
      {withoutPlace.length > 0 ? (
        <section aria-labelledby="waiting">
          <h2 id="waiting">{t('ordersWithoutTable')}</h2>
          <div className="table-grid">
            {withoutPlace.map((r) => {
              const status: PlaceStatus = r.preBilled ? 'PRE_BILLED' : 'OCCUPIED';
              return (
                <button
                  key={r.registrationId}
                  type="button"
                  className={`table-tile status-${status.toLowerCase()}`}
                  data-status={status}
                  onClick={() => go({ name: 'order', registrationId: r.registrationId })}
                >
                  <span className="table-name">
                    {r.kind === 'proforma' ? t('proForma') : t('directSale')}
                  </span>
                  <span className="table-status">{t(statusText[status])}</span>
                  <span className="table-total">{money(r.totalCents)}</span>
                </button>
              );
            })}
          </div>
        </section>
      ) : null}
    </main>
  );
}
