import { useCallback, useEffect, useState } from 'react';
import type { Floor, Place } from '../../api/types.js';
import { usePos } from '../../app/pos-context.js';
import { useI18n } from '../../i18n/i18n.js';
import { planTabs } from '../tables/plan.js';
import { inputProblem, refusal, type FormProblem } from './FormProblem.js';
import { parseFloor, parsePlace } from './master-data-input.js';
import { FormActions, RetireButton, SelectField, TextField } from './SettingsFields.js';

/** The server's place types; tables and chairs are what waiters see most. */
const placeTypes = ['TABLE', 'CHAIR', 'ROOM', 'CUSTOMER', 'ON_HOLD', 'OTHER'] as const;

const emptyFloor = { floorId: '', name: '', position: '' };
const emptyPlace = { costCenterId: '', name: '', type: 'TABLE', floorId: '' };

/** Floors of the table plan and the tables (places) on them: tap one to edit it. */
export function FloorSettings() {
  const { api, fail } = usePos();
  const { t } = useI18n();
  const [floors, setFloors] = useState<readonly Floor[]>([]);
  const [places, setPlaces] = useState<readonly Place[]>([]);
  const [floor, setFloor] = useState(emptyFloor);
  const [place, setPlace] = useState(emptyPlace);
  const [floorProblem, setFloorProblem] = useState<FormProblem | null>(null);
  const [placeProblem, setPlaceProblem] = useState<FormProblem | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const load = useCallback(async () => {
    const [floorsAnswer, placesAnswer] = await Promise.all([api.floors(), api.places()]);
    if (!floorsAnswer.ok) return fail(floorsAnswer.error);
    if (!placesAnswer.ok) return fail(placesAnswer.error);
    setFloors(floorsAnswer.value);
    setPlaces(placesAnswer.value);
  }, [api, fail]);
  useEffect(() => {
    void load();
  }, [load]);

  const tabs = planTabs(floors, places);
  const retiredFloors = floors.filter((f) => !f.active);
  const retiredPlaces = places.filter((p) => !p.active);
  const storedFloor = floors.find((f) => f.floorId === floor.floorId && f.active);
  const storedPlace = places.find((p) => p.costCenterId === place.costCenterId && p.active);

  /** Retires or brings back a floor or place as stored (the form's unsaved edits stay out of it). */
  const setFloorActive = async (f: Floor, active: boolean) => {
    const answer = await api.saveFloor({ floorId: f.floorId, name: f.name, position: f.position, active });
    if (!answer.ok) return setFloorProblem(refusal(t, answer.error));
    setFloorProblem(null);
    setFloor(emptyFloor);
    setSaved(t(active ? 'reactivatedName' : 'retiredName', { name: f.name }));
    await load();
  };
  const setPlaceActive = async (p: Place, active: boolean) => {
    const answer = await api.savePlace({
      costCenterId: p.costCenterId,
      name: p.name,
      type: p.type,
      floorId: p.floorId,
      active,
    });
    if (!answer.ok) return setPlaceProblem(refusal(t, answer.error));
    setPlaceProblem(null);
    setPlace({ ...emptyPlace, floorId: place.floorId });
    setSaved(t(active ? 'reactivatedName' : 'retiredName', { name: p.name }));
    await load();
  };

  return (
    <section className="card wide-card" aria-labelledby="floors-title">
      <h2 id="floors-title">{t('floorsAndTables')}</h2>
      <p className="muted">{t('floorsExplain')}</p>
      {tabs.map((tab) => (
        <div key={tab.floorId ?? ''} className="floor-block">
          <h3>
            {tab.floorId === null ? (
              t('floorNone')
            ) : (
              <button
                type="button"
                className="link"
                data-testid={`edit-floor-${tab.floorId}`}
                onClick={() => {
                  const f = floors.find((x) => x.floorId === tab.floorId);
                  if (f) setFloor({ floorId: f.floorId, name: f.name, position: String(f.position) });
                  setFloorProblem(null);
                }}
              >
                {tab.name}
              </button>
            )}
          </h3>
          <div className="chips">
            {tab.places.map((p) => (
              <button
                key={p.costCenterId}
                type="button"
                className="chip-button"
                data-testid={`edit-place-${p.costCenterId}`}
                onClick={() => {
                  setPlace({
                    costCenterId: p.costCenterId,
                    name: p.name,
                    type: p.type,
                    floorId: p.floorId ?? '',
                  });
                  setPlaceProblem(null);
                }}
              >
                {p.name}
              </button>
            ))}
            {tab.places.length === 0 ? <span className="muted">{t('floorEmpty')}</span> : null}
          </div>
        </div>
      ))}
      {retiredFloors.length + retiredPlaces.length > 0 ? (
        <div className="floor-block retired-block" data-testid="retired-places">
          <h3>{t('retired')}</h3>
          <p className="muted">{t('retiredExplain')}</p>
          <div className="chips">
            {retiredFloors.map((f) => (
              <button
                key={`floor-${f.floorId}`}
                type="button"
                className="chip-button retired"
                data-testid={`reactivate-floor-${f.floorId}`}
                onClick={() => void setFloorActive(f, true)}
              >
                ↺ {f.name}
              </button>
            ))}
            {retiredPlaces.map((p) => (
              <button
                key={`place-${p.costCenterId}`}
                type="button"
                className="chip-button retired"
                data-testid={`reactivate-place-${p.costCenterId}`}
                onClick={() => void setPlaceActive(p, true)}
              >
                ↺ {p.name}
              </button>
            ))}
          </div>
        </div>
      ) : null}
      <form
        className="grid-form form-columns"
        onSubmit={async (event) => {
          event.preventDefault();
          const parsed = parseFloor(floor);
          if (!parsed.ok) return setFloorProblem(inputProblem(t, parsed.error));
          const answer = await api.saveFloor(parsed.value);
          if (!answer.ok) return setFloorProblem(refusal(t, answer.error));
          setFloorProblem(null);
          setFloor(emptyFloor);
          setSaved(t('savedName', { name: answer.value.name }));
          await load();
        }}
      >
        <h3 className="span-all">{t('floor')}</h3>
        <TextField
          label={t('code')}
          field="floorId"
          problem={floorProblem}
          testId="floor-id"
          value={floor.floorId}
          onChange={(floorId) => setFloor({ ...floor, floorId })}
        />
        <TextField
          label={t('field_name')}
          field="name"
          problem={floorProblem}
          testId="floor-name"
          value={floor.name}
          onChange={(name) => setFloor({ ...floor, name })}
        />
        <TextField
          label={t('field_position')}
          field="position"
          problem={floorProblem}
          testId="floor-position"
          value={floor.position}
          inputMode="numeric"
          onChange={(position) => setFloor({ ...floor, position })}
        />
        <FormActions problem={floorProblem} submitTestId="floor-save">
          {storedFloor ? (
            <RetireButton
              active
              testId="floor-retire"
              onClick={() => void setFloorActive(storedFloor, false)}
            />
          ) : null}
        </FormActions>
      </form>
      <form
        className="grid-form form-columns"
        onSubmit={async (event) => {
          event.preventDefault();
          const parsed = parsePlace(place);
          if (!parsed.ok) return setPlaceProblem(inputProblem(t, parsed.error));
          const answer = await api.savePlace(parsed.value);
          if (!answer.ok) return setPlaceProblem(refusal(t, answer.error));
          setPlaceProblem(null);
          setPlace({ ...emptyPlace, floorId: place.floorId });
          setSaved(t('savedName', { name: answer.value.name }));
          await load();
        }}
      >
        <h3 className="span-all">{t('place')}</h3>
        <TextField
          label={t('field_costCenterId')}
          field="costCenterId"
          problem={placeProblem}
          testId="place-id"
          value={place.costCenterId}
          onChange={(costCenterId) => setPlace({ ...place, costCenterId })}
        />
        <TextField
          label={t('field_name')}
          field="name"
          problem={placeProblem}
          testId="place-name"
          value={place.name}
          onChange={(name) => setPlace({ ...place, name })}
        />
        <SelectField
          label={t('field_type')}
          testId="place-type"
          value={place.type}
          onChange={(type) => setPlace({ ...place, type })}
        >
          {placeTypes.map((type) => (
            <option key={type} value={type}>
              {t(`placeType_${type}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('field_floorId')}
          testId="place-floor"
          value={place.floorId}
          onChange={(floorId) => setPlace({ ...place, floorId })}
        >
          <option value="">{t('floorNone')}</option>
          {floors
            .filter((f) => f.active || f.floorId === place.floorId)
            .sort((a, b) => a.position - b.position)
            .map((f) => (
              <option key={f.floorId} value={f.floorId}>
                {f.name}
              </option>
            ))}
        </SelectField>
        <FormActions problem={placeProblem} submitTestId="place-save">
          {storedPlace ? (
            <RetireButton
              active
              testId="place-retire"
              onClick={() => void setPlaceActive(storedPlace, false)}
            />
          ) : null}
        </FormActions>
      </form>
      {saved ? (
        <p role="status" className="notice" data-testid="floors-saved">
          {saved}
        </p>
      ) : null}
    </section>
  );
}
