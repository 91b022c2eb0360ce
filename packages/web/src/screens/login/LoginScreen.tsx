import { useEffect, useRef, useState } from 'react';
import type { PosApi } from '../../api/pos-api.js';
import type { ApiError } from '../../api/client.js';
import type { FdmState, LoginUser, Me, RegisterIdentity } from '../../api/types.js';
import { FdmIndicator } from '../../components/FdmIndicator.js';
import { applyKey, Keypad } from '../../components/Keypad.js';
import { LanguageSwitch } from '../../components/LanguageSwitch.js';
import { errorText } from '../../components/errors.js';
import { useI18n, type Language } from '../../i18n/i18n.js';

/**
 * Pick a name from the register's users, type the PIN (tapping or typing). Production number
 * and version are shown here (C-23, C-24). Should the list not load, a name can be typed.
 */
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
  onLanguage: (language: Language) => void;
  onLoggedIn: (sessionToken: string, me: Me) => void;
  onForgetTerminal: () => void;
}) {
  const { t } = useI18n();
  const [users, setUsers] = useState<readonly LoginUser[] | null>(null);
  const [usersError, setUsersError] = useState<ApiError | null>(null);
  const [alias, setAlias] = useState<string | null>(null);
  const [typedName, setTypedName] = useState('');
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pinField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (alias) pinField.current?.focus();
  }, [alias]);

  useEffect(() => {
    let live = true;
    void api.loginUsers().then((answer) => {
      if (!live) return;
      if (answer.ok) setUsers(answer.value);
      else setUsersError(answer.error);
    });
    return () => {
      live = false;
    };
  }, [api]);

  const pick = (name: string) => {
    setAlias(name);
    setPin('');
    setProblem(null);
  };

  const submit = async () => {
    if (!alias || pin.length === 0 || busy) return;
    setBusy(true);
    const answer = await api.login(alias, pin);
    setBusy(false);
    setPin('');
    if (answer.ok) onLoggedIn(answer.value.sessionToken, answer.value.me);
    else setProblem(answer.error.code === 'LOGIN_FAILED' ? t('wrongPin') : errorText(t, answer.error));
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
          <div className="user-grid" data-testid="login-users" aria-busy={users === null && !usersError}>
            {(users ?? []).map((user) => (
              <button
                key={user.userId}
                type="button"
                className={user.alias === alias ? 'tile tile-on' : 'tile'}
                aria-pressed={user.alias === alias}
                data-testid={`login-user-${user.userId}`}
                onClick={() => pick(user.alias)}
              >
                <span>{user.alias}</span>
                {user.role !== 'waiter' ? (
                  <>
                    {' '}
                    <small className="muted">{t(`role_${user.role}`)}</small>
                  </>
                ) : null}
              </button>
            ))}
            {users?.length === 0 ? <p className="muted">{t('noUsers')}</p> : null}
          </div>
          {usersError ? (
            <form
              className="inline-form"
              onSubmit={(event) => {
                event.preventDefault();
                if (typedName.trim()) {
                  pick(typedName.trim());
                  setTypedName('');
                }
              }}
            >
              <p className="muted">{t('usersUnavailable')}</p>
              <label className="field">
                <span>{t('yourName')}</span>
                <input
                  value={typedName}
                  data-testid="login-name"
                  autoComplete="username"
                  onChange={(event) => setTypedName(event.target.value)}
                />
              </label>
              <button type="submit" disabled={!typedName.trim()}>
                {t('next')}
              </button>
            </form>
          ) : null}
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
