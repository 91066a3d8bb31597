import { ApiError } from '@biore/api-client';
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { en, fr, type MessageKey } from './messages';

export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

const catalogs: Record<Language, Record<MessageKey, string>> = { en, fr };
const STORAGE_KEY = 'biore.language';

export interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  t(key: MessageKey, vars?: Record<string, string>): string;
  /** A day (an ISO 8601 time) as the reader writes dates: "March 15, 2030", "15 March 2030", "15 mars 2030". */
  formatDate(isoTime: string): string;
  /** A Stripe account status (`PENDING`) in the reader's words. */
  accountStatus(status: string): string;
  /** An error as the user should read it: from its `i18nKey` when the page knows it, saying when to retry a 429. */
  errorText(error: unknown): string;
}

const I18nContext = createContext<I18n | null>(null);

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setLanguage] = useState(initialLanguage);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = catalogs[language]['app.documentTitle'];
    localStorage.setItem(STORAGE_KEY, language);
  }, [language]);

  const i18n = useMemo<I18n>(() => {
    const t = (key: MessageKey, vars?: Record<string, string>) => interpolate(catalogs[language][key], vars);
    const accountStatus = (status: string) => {
      const key = `status.${status}`;
      return isMessageKey(key) ? t(key) : status;
    };
    const dates = new Intl.DateTimeFormat(readerLocale(language), { dateStyle: 'long' });
    return {
      language,
      setLanguage,
      t,
      formatDate: (isoTime) => dates.format(new Date(isoTime)),
      accountStatus,
      errorText: (error) => {
        if (!(error instanceof ApiError)) return t('common.service_unavailable');
        if (error.status === 429 && error.retryAfterSeconds !== undefined) {
          return t('error.tooManyRequests', { retryIn: retryIn(error.retryAfterSeconds, language) });
        }
        if (!isMessageKey(error.i18nKey)) return error.message;
        const vars = error.i18nVars?.status
          ? { ...error.i18nVars, status: accountStatus(error.i18nVars.status) }
          : error.i18nVars;
        return t(error.i18nKey, vars);
      },
    };
  }, [language]);

  return <I18nContext value={i18n}>{children}</I18nContext>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n() needs a <LanguageProvider> above it');
  return i18n;
}

/** The language chosen earlier on this browser, else the browser's own when the page speaks it. */
function initialLanguage(): Language {
  const chosen = localStorage.getItem(STORAGE_KEY);
  return (
    LANGUAGES.find((language) => language === chosen) ?? (navigator.language.startsWith('fr') ? 'fr' : 'en')
  );
}

/** The browser's own variant of the page's language (en-GB, fr-CA) when it has one: dates are written its way. */
function readerLocale(language: Language): string {
  return navigator.languages.find((locale) => locale.split('-')[0] === language) ?? language;
}

const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(en, key);

const interpolate = (template: string, vars: Record<string, string> = {}) =>
  template.replace(/\{(\w+)\}/g, (placeholder, name: string) => vars[name] ?? placeholder);

/** "in 45 seconds", "dans 15 minutes": under a minute in seconds, else in whole minutes, rounded up. */
function retryIn(seconds: number, language: Language): string {
  const relative = new Intl.RelativeTimeFormat(language, { numeric: 'always' });
  return seconds < 60
    ? relative.format(seconds, 'second')
    : relative.format(Math.ceil(seconds / 60), 'minute');
}
