import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ApiError } from '../api/client.js';
import { createGraphqlPosApi } from '../api/graphql-pos-api.js';
import type { FdmState, Me, RegisterIdentity } from '../api/types.js';
import { I18nProvider, type Language } from '../i18n/i18n.js';
import { LoginScreen } from '../screens/login/LoginScreen.js';
import { TerminalSetup } from '../screens/login/TerminalSetup.js';
import { Shell } from './Shell.js';
import {
  storedLanguage,
  storedSessionToken,
  storedTerminalToken,
  storeLanguage,
  storeSessionToken,
  storeTerminalToken,
} from './stored.js';

const fdmPollMs = 10_000;

export function App() {
  const [language, setLanguage] = useState<Language>(storedLanguage);
  const [terminalToken, setTerminalToken] = useState<string | null>(storedTerminalToken);
  const [sessionToken, setSessionToken] = useState<string | null>(storedSessionToken);
  const [identity, setIdentity] = useState<RegisterIdentity | null>(null);
  const [identityError, setIdentityError] = useState<ApiError | null>(null);
  const [me, setMe] = useState<Me | null>(null);
  const [fdm, setFdm] = useState<FdmState | null>(null);
  const credentials = useRef({ terminalToken, sessionToken });
  credentials.current = { terminalToken, sessionToken };
  const api = useMemo(() => createGraphqlPosApi(() => credentials.current), []);

  useEffect(() => {
    document.documentElement.lang = language;
    storeLanguage(language);
  }, [language]);

  useEffect(() => {
    if (!terminalToken) return;
    let live = true;
    void api.identity().then((answer) => {
      if (!live) return;
      if (answer.ok) {
        setIdentity(answer.value);
        setIdentityError(null);
      } else setIdentityError(answer.error);
    });
    return () => {
      live = false;
    };
  }, [api, terminalToken]);

  const refreshIdentity = useCallback(async () => {
    const answer = await api.identity();
    if (answer.ok) setIdentity(answer.value);
  }, [api]);

  const refreshMe = useCallback(async () => {
    if (!credentials.current.sessionToken) return;
    const answer = await api.me();
    if (answer.ok) setMe(answer.value);
    else if (answer.error.code === 'NOT_LOGGED_IN') {
      storeSessionToken(null);
      setSessionToken(null);
      setMe(null);
    }
  }, [api]);

  const refreshFdm = useCallback(async () => {
    const answer = await api.fdmState();
    if (answer.ok) setFdm(answer.value);
  }, [api]);

  useEffect(() => {
    if (sessionToken && identity) void refreshMe();
  }, [sessionToken, identity, refreshMe]);

  useEffect(() => {
    if (!identity) return;
    void refreshFdm();
    const timer = window.setInterval(() => void refreshFdm(), fdmPollMs);
    return () => window.clearInterval(timer);
  }, [identity, refreshFdm]);

  const loggedIn = (token: string, user: Me) => {
    storeSessionToken(token);
    credentials.current = { terminalToken, sessionToken: token };
    setSessionToken(token);
    setMe(user);
  };

  const loggedOut = () => {
    storeSessionToken(null);
    setSessionToken(null);
    setMe(null);
  };

  const forgetTerminal = () => {
    storeTerminalToken(null);
    setTerminalToken(null);
    setIdentity(null);
  };

  let content;
  if (!terminalToken || identityError?.code === 'TERMINAL_UNKNOWN') {
    content = (
      <TerminalSetup
        refused={identityError?.code === 'TERMINAL_UNKNOWN'}
        onLanguage={setLanguage}
        onToken={(token) => {
          storeTerminalToken(token);
          setIdentityError(null);
          setTerminalToken(token);
        }}
      />
    );
  } else if (!identity) {
    content = <Loading error={identityError} />;
  } else if (!me || !sessionToken) {
    content = (
      <LoginScreen
        api={api}
        identity={identity}
        fdm={fdm}
        onLanguage={setLanguage}
        onLoggedIn={loggedIn}
        onForgetTerminal={forgetTerminal}
      />
    );
  } else {
    content = (
      <Shell
        api={api}
        identity={identity}
        me={me}
        fdm={fdm}
        onLanguage={setLanguage}
        refreshMe={refreshMe}
        refreshFdm={refreshFdm}
        refreshIdentity={refreshIdentity}
        onLoggedOut={loggedOut}
      />
    );
  }
  return <I18nProvider language={language}>{content}</I18nProvider>;
}

function Loading({ error }: { error: ApiError | null }) {
  return (
    <main className="centered" aria-busy={error === null}>
      <p role={error ? 'alert' : 'status'}>{error ? error.message : '…'}</p>
    </main>
  );
}
