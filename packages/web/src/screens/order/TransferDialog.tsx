import { useState } from 'react';
import type { LineMove } from '../../api/pos-api.js';
import type { OrderLine, Place } from '../../api/types.js';
import { Modal } from '../../components/Modal.js';
import { useI18n } from '../../i18n/i18n.js';

/**
 * Moves the order to another place: all of it to a free table (transfer), some lines (split),
 * or onto the open order of an occupied table (merge). Each move is signed by the FDM.
 */
export function TransferDialog({
  from,
  places,
  lines,
  open,
  onMove,
  onClose,
}: {
  from: string | null;
  places: readonly Place[];
  lines: readonly OrderLine[];
  open: ReadonlyMap<number, number>;
  onMove: (toCostCenterId: string, lines: readonly LineMove[] | null) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [target, setTarget] = useState<string | null>(null);
  const [chosen, setChosen] = useState<ReadonlyMap<number, number>>(new Map());
  const movable = lines.filter((l) => (open.get(l.lineNo) ?? 0) > 0);
  const targetPlace = places.find((p) => p.costCenterId === target);
  const split = chosen.size > 0;
  return (
    <Modal title={t('transferTitle')} onClose={onClose} wide testId="transfer-dialog">
      <p className="muted">{t('transferExplain')}</p>
      <h3>{t('transferTo')}</h3>
      <div className="place-picker" role="radiogroup" aria-label={t('transferTo')}>
        {places
          .filter((p) => p.active)
          .filter((p) => p.costCenterId !== from)
          .map((p) => (
            <button
              key={p.costCenterId}
              type="button"
              role="radio"
              aria-checked={p.costCenterId === target}
              data-testid={`move-to-${p.costCenterId}`}
              className={`chip ${p.costCenterId === target ? 'chip-on' : ''} ${p.registrationId ? 'chip-busy' : ''}`}
              onClick={() => setTarget(p.costCenterId)}
            >
              {p.name}
            </button>
          ))}
      </div>
      <h3>{t('transferWhich')}</h3>
      <ul className="move-lines">
        {movable.map((l) => {
          const max = open.get(l.lineNo) ?? 0;
          const picked = chosen.get(l.lineNo);
          return (
            <li key={l.lineNo}>
              <label>
                <input
                  type="checkbox"
                  checked={picked !== undefined}
                  onChange={(e) => {
                    const next = new Map(chosen);
                    if (e.target.checked) next.set(l.lineNo, max);
                    else next.delete(l.lineNo);
                    setChosen(next);
                  }}
                />
                {l.productName}
              </label>
              {picked !== undefined && l.quantityType === 'PIECE' && max > 1 ? (
                <input
                  type="number"
                  min={1}
                  max={max}
                  step={1}
                  value={picked}
                  aria-label={t('quantity')}
                  onChange={(e) => {
                    const value = Math.min(max, Math.max(1, Math.floor(Number(e.target.value) || 1)));
                    setChosen(new Map(chosen).set(l.lineNo, value));
                  }}
                />
              ) : (
                <span className="muted">{String(max).replace('.', ',')}</span>
              )}
            </li>
          );
        })}
      </ul>
      <div className="actions">
        <button type="button" onClick={onClose}>
          {t('cancel')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={target === null}
          data-testid="move-confirm"
          onClick={() => {
            if (target === null) return;
            onMove(target, split ? [...chosen].map(([lineNo, quantity]) => ({ lineNo, quantity })) : null);
          }}
        >
          {targetPlace?.registrationId
            ? t('mergeWith', { name: targetPlace.name })
            : split
              ? t('splitTo', { name: targetPlace?.name ?? '…' })
              : t('moveTo', { name: targetPlace?.name ?? '…' })}
        </button>
      </div>
    </Modal>
  );
}
