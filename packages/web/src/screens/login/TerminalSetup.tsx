import { useState } from 'react';
import { LanguageSwitch } from '../../components/LanguageSwitch.js';
import { useI18n, type Language } from '../../i18n/i18n.js';

/** A device becomes a terminal with the token the manager got when creating it. */
export function TerminalSetup({
  refused,
  onToken,
  onLanguage,
}: {
  refused: boolean;
  onToken: (token: string) => void;
  onLanguage: (language: Language) => void;
}) {
  const { t } = useI18n();
  const [token, setToken] = useState('');
  return (
    <main className="centered">
      <form
        className="card narrow"
        onSubmit={(event) => {
          event.preventDefault();
          if (token.trim()) onToken(token.trim());
        }}
      >
        <h1>{t('terminalSetupTitle')}</h1>
        <p>{t('terminalSetupExplain')}</p>
        {refused ? (
          <p role="alert" className="error">
            {t('terminalRefused')}
          </p>
        ) : null}
        <label className="field">
          <span>{t('terminalToken')}</span>
          <input
            value={token}
            onChange={(event) => setToken(event.target.value)}
            autoComplete="off"
            spellCheck={false}
            autoFocus
          />
        </label>
        <div className="actions">
          <button type="submit" className="primary" disabled={!token.trim()}>
            {t('save')}
          </button>
        </div>
        <LanguageSwitch onLanguage={onLanguage} />
      </form>
    </main>
  );
}
