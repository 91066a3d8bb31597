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
  /** An error as the user should read it: from its `i18nKey` when the page knows it. */
  errorText(error: unknown): string;
}

const I18nContext = createContext<I18n | null>(null);

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setLanguage] = useState(initialLanguage);

  useEffect(() => {
    document.documentElement.lang = language;
    localStorage.setItem(STORAGE_KEY, language);
  }, [language]);

  const i18n = useMemo<I18n>(() => {
    const t = (key: MessageKey, vars?: Record<string, string>) => interpolate(catalogs[language][key], vars);
    return {
      language,
      setLanguage,
      t,
      errorText: (error) => {
        if (!(error instanceof ApiError)) return t('common.service_unavailable');
        return isMessageKey(error.i18nKey) ? t(error.i18nKey, error.i18nVars) : error.message;
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

const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(en, key);

const interpolate = (template: string, vars: Record<string, string> = {}) =>
  template.replace(/\{(\w+)\}/g, (placeholder, name: string) => vars[name] ?? placeholder);
