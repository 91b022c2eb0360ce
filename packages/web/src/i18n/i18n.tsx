import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { en, type MessageKey } from './en.js';
import { fr } from './fr.js';
import { nl } from './nl.js';

export const languages = ['nl', 'fr', 'en'] as const;
export type Language = (typeof languages)[number];

const catalogs: Record<Language, Record<MessageKey, string>> = { nl, fr, en };

export type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;

/** The catalog text for `key` with `{name}` placeholders filled in. */
export function translate(
  language: Language,
  key: MessageKey,
  params: Readonly<Record<string, string | number>> = {},
): string {
  const text = catalogs[language][key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

const locales: Record<Language, string> = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-BE' };

/** Euros for display: money travels as integer cents. */
export function formatCents(language: Language, cents: number): string {
  return new Intl.NumberFormat(locales[language], { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

export function formatDateTime(language: Language, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locales[language], { dateStyle: 'short', timeStyle: 'medium' }).format(date);
}

interface I18n {
  readonly language: Language;
  readonly t: Translate;
  readonly money: (cents: number) => string;
  readonly dateTime: (iso: string) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ language, children }: { language: Language; children: ReactNode }) {
  const value = useMemo<I18n>(
    () => ({
      language,
      t: (key, params) => translate(language, key, params),
      money: (cents) => formatCents(language, cents),
      dateTime: (iso) => formatDateTime(language, iso),
    }),
    [language],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
