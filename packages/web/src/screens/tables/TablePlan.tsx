import { useCallback, useEffect, useState } from 'react';
import type { Place, PlaceStatus, Registration } from '../../api/types.js';
import { usePos } from '../../app/pos-context.js';
import { FdmDownNotice } from '../../components/FdmIndicator.js';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/en.js';
import { isPreBilled, lastLineNo } from './pre-billed.js';

/** Floors of the plan: tables, then the other kinds of places (bar, rooms, customers, on hold). */
const floorOf = (type: string): MessageKey =>
  type === 'TABLE' || type === 'CHAIR' ? 'floorDining' : type === 'ON_HOLD' ? 'floorOnHold' : 'floorOther';

const floorOrder: readonly MessageKey[] = ['floorDining', 'floorOther', 'floorOnHold'];

const byName = new Intl.Collator(undefined, { numeric: true });

const statusText: Record<PlaceStatus, MessageKey> = {
  FREE: 'statusFree',
  OCCUPIED: 'statusOccupied',
  PRE_BILLED: 'statusPreBilled',
};

export function TablePlan() {
  const { api, go, fail, canSell, fdm } = usePos();
  const { t, money } = useI18n();
  const [places, setPlaces] = useState<readonly Place[] | null>(null);
  const [open, setOpen] = useState<ReadonlyMap<string, Registration>>(new Map());
  const [floor, setFloor] = useState<MessageKey>('floorDining');
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const [placesAnswer, openAnswer] = await Promise.all([api.places(), api.openRegistrations()]);
    if (!placesAnswer.ok) return fail(placesAnswer.error);
    if (!openAnswer.ok) return fail(openAnswer.error);
    setPlaces(placesAnswer.value);
    setOpen(new Map(openAnswer.value.map((r) => [r.registrationId, r])));
  }, [api, fail]);

  useEffect(() => {
    void load();
    const timer = window.setInterval(() => void load(), 5000);
    return () => window.clearInterval(timer);
  }, [load]);

  const start = async (costCenterId: string | null) => {
    setBusy(true);
    const answer = await api.startRegistration(costCenterId);
    setBusy(false);
    if (!answer.ok) return fail(answer.error);
    go({ name: 'order', registrationId: answer.value.registrationId });
  };

  const statusOf = (place: Place): PlaceStatus => {
    if (!place.registrationId) return 'FREE';
    const registration = open.get(place.registrationId);
    return registration && isPreBilled(registration.registrationId, lastLineNo(registration.lines))
      ? 'PRE_BILLED'
      : 'OCCUPIED';
  };

  const floors = floorOrder.filter((f) => (places ?? []).some((p) => floorOf(p.type) === f));
  const withoutPlace = [...open.values()].filter((r) => r.costCenterId === null);

  return (
    <main className="tables" aria-busy={places === null}>
      {fdm && !fdm.operational ? <FdmDownNotice fdm={fdm} /> : null}
      <div className="toolbar">
        <div className="tabs" role="tablist" aria-label={t('floors')}>
          {floors.map((f) => (
            <button
              key={f}
              type="button"
              role="tab"
              aria-selected={f === floor}
              className={f === floor ? 'tab tab-on' : 'tab'}
              onClick={() => setFloor(f)}
            >
              {t(f)}
            </button>
          ))}
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
      <div className="table-grid" role="list">
        {(places ?? [])
          .filter((p) => floorOf(p.type) === floor)
          .sort((a, b) => byName.compare(a.name, b.name))
          .map((place) => {
            const status = statusOf(place);
            const registration = place.registrationId ? open.get(place.registrationId) : undefined;
            return (
              <button
                key={place.costCenterId}
                type="button"
                role="listitem"
                className={`table-tile status-${status.toLowerCase()}`}
                data-testid={`place-${place.costCenterId}`}
                data-status={status}
                disabled={busy || (!place.registrationId && !canSell)}
                onClick={() =>
                  place.registrationId
                    ? go({ name: 'order', registrationId: place.registrationId })
                    : void start(place.costCenterId)
                }
              >
                <span className="table-name">{place.name}</span>
                <span className="table-status">{t(statusText[status])}</span>
                {registration ? <span className="table-total">{money(registration.totalCents)}</span> : null}
              </button>
            );
          })}
      </div>
      {withoutPlace.length > 0 ? (
        <section aria-labelledby="waiting">
          <h2 id="waiting">{t('ordersWithoutTable')}</h2>
          <div className="table-grid">
            {withoutPlace.map((r) => (
              <button
                key={r.registrationId}
                type="button"
                className="table-tile status-occupied"
                onClick={() => go({ name: 'order', registrationId: r.registrationId })}
              >
                <span className="table-name">{r.kind === 'proforma' ? t('proForma') : t('directSale')}</span>
                <span className="table-total">{money(r.totalCents)}</span>
              </button>
            ))}
          </div>
        </section>
      ) : null}
    </main>
  );
}
