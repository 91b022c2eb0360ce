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
 * The kitchen note for the next article: typed, or a quick pick. It goes to the kitchen ticket
 * only; the VAT ticket never shows it.
 */
export function NoteDialog({
  initial,
  onNote,
  onClose,
}: {
  initial: string;
  onNote: (note: string) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(initial);
  const parsed = parseKitchenNote(text);
  const shownProblem = !parsed.ok && text !== '' ? parsed.error : null;
  return (
    <Modal title={t('kitchenNote')} onClose={onClose} testId="note-dialog">
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
          <button type="submit" className="primary" disabled={!parsed.ok} data-testid="note-confirm">
            {t('noteUse')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
