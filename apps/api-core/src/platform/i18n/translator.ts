import { en, fr, type MessageKey } from '@biore/error-messages';
import type { I18nVars } from '../errors/api-error.js';

export const CATALOGS: Readonly<Record<string, Record<MessageKey, string>>> = { en, fr };
export const SUPPORTED_LANGUAGES = Object.keys(CATALOGS);
const FALLBACK_LANGUAGE = 'en';

/** The best supported language of an `Accept-Language` header (quality values honoured), English otherwise. */
export function negotiateLanguage(acceptLanguage: string | undefined): string {
  if (!acceptLanguage) return FALLBACK_LANGUAGE;
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number.parseFloat(q.slice(2)) : 1;
      return {
        // `fr ;q=0.8` is valid (optional whitespace before the `;`), so the tag is trimmed too.
        language: tag.trim().toLowerCase().split('-')[0] ?? '',
        quality: Number.isFinite(quality) ? quality : 0,
        index,
      };
    })
    .filter(
      ({ language, quality }) => quality > 0 && (language === '*' || SUPPORTED_LANGUAGES.includes(language)),
    )
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  const best = ranked[0]?.language;
  return best && best !== '*' ? best : FALLBACK_LANGUAGE;
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** The human text for a key in a language; an unknown key falls back to the internal-error text, never to the key. */
export function translate(key: string, language: string, vars: I18nVars = {}): string {
  const catalog = CATALOGS[language] ?? en;
  const template = isMessageKey(key) ? catalog[key] : catalog['common.internal_error'];
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => String(vars[name] ?? placeholder));
}
