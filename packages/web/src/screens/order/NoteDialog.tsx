import { useState } from 'react';
import { Modal } from '../../components/Modal.js';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/en.js';
import {
  kitchenNoteMaxLength,
  noteSuggestions,
  parseKitchenNote,
  type KitchenNoteProblem,
} from './kitchen-note.js';

const problemText: Record<KitchenNoteProblem, MessageKey> = {
  EMPTY: 'noteEmpty',
  TOO_LONG: 'noteTooLong',
  NOT_PRINTABLE: 'noteNotPrintable',
};

/**
 * A kitchen note, for the next article or for a line not yet sent: typed, or a quick pick. It
 * goes to the kitchen ticket only; the VAT ticket never shows it. `onClear` offers to remove it.
 */
export function NoteDialog({
  initial,
  onNote,
  onClose,
  onClear,
  title,
}: {
  initial: string;
  onNote: (note: string) => void;
  onClose: () => void;
  onClear?: () => void;
  title?: string;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(initial);
  const parsed = parseKitchenNote(text);
  const shownProblem = !parsed.ok && text !== '' ? parsed.error : null;
  return (
    <Modal title={title ?? t('kitchenNote')} onClose={onClose} testId="note-dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (parsed.ok) onNote(parsed.value);
        }}
      >
        <p className="muted">{t('noteExplain')}</p>
        <div className="chips" role="group" aria-label={t('noteQuickPicks')}>
          {noteSuggestions(t('noteSuggestions')).map((suggestion) => (
            <button
              key={suggestion}
              type="button"
              className="chip-button"
              onClick={() =>
                setText((current) => (current.trim() ? `${current.trim()}, ${suggestion}` : suggestion))
              }
            >
              {suggestion}
            </button>
          ))}
        </div>
        <label className="field">
          <span>
            {t('kitchenNote')} ({text.trim().length}/{kitchenNoteMaxLength})
          </span>
          <input
            value={text}
            autoFocus
            autoComplete="off"
            enterKeyHint="done"
            maxLength={kitchenNoteMaxLength + 20}
            data-testid="note-text"
            aria-invalid={shownProblem !== null}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        {shownProblem ? (
          <p className="error" role="alert">
            {t(problemText[shownProblem])}
          </p>
        ) : null}
        <div className="actions">
          <button type="button" onClick={onClose}>
            {t('cancel')}
          </button>
          {onClear ? (
            <button type="button" className="danger" onClick={onClear} data-testid="note-remove">
              {t('noteRemove')}
            </button>
          ) : null}
          <button type="submit" className="primary" disabled={!parsed.ok} data-testid="note-confirm">
            {t('noteUse')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
