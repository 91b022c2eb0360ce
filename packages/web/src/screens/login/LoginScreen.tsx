import { useEffect, useRef, useState } from 'react';
import type { PosApi } from '../../api/pos-api.js';
import type { FdmState, Me, RegisterIdentity } from '../../api/types.js';
import { FdmIndicator } from '../../components/FdmIndicator.js';
import { applyKey, Keypad } from '../../components/Keypad.js';
import { LanguageSwitch } from '../../components/LanguageSwitch.js';
import { errorText } from '../../components/errors.js';
import { useI18n, type Language } from '../../i18n/i18n.js';
import { recentUsers, rememberUser } from '../../app/stored.js';

/** Pick a name, type the PIN. Production number and version are shown here (C-23, C-24). */
export function LoginScreen({
  api,
  identity,
  fdm,
  onLanguage,
  onLoggedIn,
  onForgetTerminal,
}: {
  api: PosApi;
  identity: RegisterIdentity;
  fdm: FdmState | null;
  language: Language;
  onLanguage: (language: Language) => void;
  onLoggedIn: (sessionToken: string, me: Me) => void;
  onForgetTerminal: () => void;
}) {
  const { t } = useI18n();
  const [names] = useState(recentUsers);
  const [alias, setAlias] = useState<string | null>(null);
  const [typedName, setTypedName] = useState('');
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pinField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (alias) pinField.current?.focus();
  }, [alias]);

  const submit = async () => {
    if (!alias || pin.length === 0 || busy) return;
    setBusy(true);
    const answer = await api.login(alias, pin);
    setBusy(false);
    setPin('');
    if (answer.ok) {
      rememberUser(alias);
      onLoggedIn(answer.value.sessionToken, answer.value.me);
    } else setProblem(answer.error.code === 'LOGIN_FAILED' ? t('wrongPin') : errorText(t, answer.error));
  };

  return (
    <main className="login">
      <header className="login-head">
        <div>
          <h1>{identity.establishmentName}</h1>
          <p className="muted">{t('terminalNamed', { name: identity.terminalName })}</p>
        </div>
        <FdmIndicator fdm={fdm} />
        <LanguageSwitch onLanguage={onLanguage} />
      </header>
      <div className="login-body">
        <section aria-labelledby="who">
          <h2 id="who">{t('whoAreYou')}</h2>
          <div className="user-grid">
            {names.map((name) => (
              <button
                key={name}
                type="button"
                className={name === alias ? 'tile tile-on' : 'tile'}
                aria-pressed={name === alias}
                onClick={() => {
                  setAlias(name);
                  setPin('');
                  setProblem(null);
                }}
              >
                {name}
              </button>
            ))}
          </div>
          <form
            className="inline-form"
            onSubmit={(event) => {
              event.preventDefault();
              if (typedName.trim()) {
                setAlias(typedName.trim());
                setTypedName('');
                setPin('');
                setProblem(null);
              }
            }}
          >
            <label className="field">
              <span>{names.length > 0 ? t('otherName') : t('yourName')}</span>
              <input
                value={typedName}
                data-testid="login-name"
                autoComplete="username"
                autoFocus={names.length === 0}
                onChange={(event) => setTypedName(event.target.value)}
              />
            </label>
            <button type="submit" disabled={!typedName.trim()}>
              {t('next')}
            </button>
          </form>
        </section>
        {alias ? (
          <form
            className="pin-form"
            onSubmit={(event) => {
              event.preventDefault();
              void submit();
            }}
          >
            <label className="field">
              <span>{t('pinFor', { name: alias })}</span>
              <input
                ref={pinField}
                type="password"
                inputMode="numeric"
                autoComplete="off"
                maxLength={12}
                value={pin}
                data-testid="pin"
                onChange={(event) => setPin(event.target.value.replace(/\D/g, ''))}
                onKeyDown={(event) => {
                  if (event.key === 'Escape') setAlias(null);
                }}
              />
            </label>
            <Keypad label={t('pin')} onKey={(key) => setPin((current) => applyKey(current, key))} />
            {problem ? (
              <p role="alert" className="error" data-testid="login-error">
                {problem}
              </p>
            ) : null}
            <div className="actions">
              <button type="button" onClick={() => setAlias(null)}>
                {t('cancel')}
              </button>
              <button type="submit" className="primary" disabled={pin.length === 0 || busy}>
                {t('logIn')}
              </button>
            </div>
          </form>
        ) : null}
      </div>
      <footer className="login-foot" data-testid="identity">
        <span>
          {t('posId')}: <strong data-testid="pos-id">{identity.posId}</strong>
        </span>
        <span>
          {t('softwareVersion')}: <strong data-testid="software-version">{identity.softwareVersion}</strong>
        </span>
        <button type="button" className="link" onClick={onForgetTerminal}>
          {t('changeTerminal')}
        </button>
      </footer>
    </main>
  );
}
