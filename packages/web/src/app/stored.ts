import { isLanguage, type Language } from '../i18n/i18n.js';

// What a device remembers: its terminal token (given once at set-up), the language, and for this
// tab only the session token, so a reload keeps the waiter logged in but closing the tab does not.
const keys = {
  terminal: 'gks.terminalToken',
  session: 'gks.sessionToken',
  language: 'gks.language',
} as const;

function read(storage: Storage, key: string): string | null {
  try {
    return storage.getItem(key);
  } catch {
    return null;
  }
}

function write(storage: Storage, key: string, value: string | null): void {
  try {
    if (value === null) storage.removeItem(key);
    else storage.setItem(key, value);
  } catch {
    // private mode or full storage: the app still works for this page's lifetime
  }
}

/** A terminal token handed over in the address (`?terminal=...`) is stored and taken out of it. */
export function adoptTerminalTokenFromAddress(): void {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('terminal');
  if (!token) return;
  write(localStorage, keys.terminal, token);
  url.searchParams.delete('terminal');
  window.history.replaceState(null, '', url.pathname + url.search + url.hash);
}

export const storedTerminalToken = (): string | null => read(localStorage, keys.terminal);
export const storeTerminalToken = (token: string | null): void => write(localStorage, keys.terminal, token);
export const storedSessionToken = (): string | null => read(sessionStorage, keys.session);
export const storeSessionToken = (token: string | null): void => write(sessionStorage, keys.session, token);

export function storedLanguage(): Language {
  const stored = read(localStorage, keys.language);
  if (isLanguage(stored)) return stored;
  const browser = navigator.language.slice(0, 2);
  return isLanguage(browser) ? browser : 'nl';
}
export const storeLanguage = (language: Language): void => write(localStorage, keys.language, language);
