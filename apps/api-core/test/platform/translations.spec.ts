import type { UnauthorizedI18nKey } from '../../src/features/auth/auth.errors.js';
import * as authErrors from '../../src/features/auth/auth.errors.js';
import {
  PAYOUT_FAILURE_CODES,
  payoutFailureI18nKey,
} from '../../src/features/stripe-connect/payout-failures.js';
import * as stripeErrors from '../../src/features/stripe-connect/stripe/stripe.errors.js';
import * as creatorErrors from '../../src/features/stripe-connect/stripe-connect.errors.js';
import * as webhookErrors from '../../src/features/stripe-connect/webhooks/stripe-webhook.errors.js';
import { ApiError } from '../../src/platform/errors/api-error.js';
import * as commonErrors from '../../src/platform/errors/common.errors.js';
import {
  CATALOGS,
  isMessageKey,
  negotiateLanguage,
  SUPPORTED_LANGUAGES,
  translate,
} from '../../src/platform/i18n/translator.js';

const ERROR_MODULES = {
  'common.errors': commonErrors,
  'auth.errors': authErrors,
  'creator.errors': creatorErrors,
  'stripe.errors': stripeErrors,
  'webhook.errors': webhookErrors,
};

/** Every key UnauthorizedError accepts; `satisfies` makes tsc fail when the union grows and this list does not. */
const UNAUTHORIZED_KEYS = Object.keys({
  'auth.login.invalid_credentials': true,
  'auth.token.missing': true,
  'auth.token.invalid': true,
  'auth.token.expired': true,
  'auth.token.user_not_found': true,
  'auth.token.revoked': true,
} satisfies Record<UnauthorizedI18nKey, true>) as UnauthorizedI18nKey[];

type ErrorClass = new (...args: never[]) => ApiError;

function isErrorClass(value: unknown): value is ErrorClass {
  return typeof value === 'function' && value.prototype instanceof ApiError;
}

/** One instance per way the app can build each exported error class (so an i18nKey that varies is covered). */
function instancesOf(ErrorType: ErrorClass): ApiError[] {
  const construct = ErrorType as unknown as new (...args: unknown[]) => ApiError;
  if (ErrorType === authErrors.UnauthorizedError) return UNAUTHORIZED_KEYS.map((key) => new construct(key));
  if (ErrorType === creatorErrors.StripeAccountNotActiveError) return [new construct('PENDING')];
  return [new construct()];
}

const errorClasses = Object.entries(ERROR_MODULES).flatMap(([module, exports]) =>
  Object.entries(exports)
    .filter((entry): entry is [string, ErrorClass] => isErrorClass(entry[1]))
    .map(([name, ErrorType]) => ({ module, name, ErrorType })),
);
const errors = errorClasses.flatMap(({ module, name, ErrorType }) =>
  instancesOf(ErrorType).map((error) => ({ module, name, error })),
);

function catalogOf(language: string): Record<string, string> {
  return CATALOGS[language] ?? {};
}

function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
}

describe('message catalogs', () => {
  it('are English and French', () => {
    expect(SUPPORTED_LANGUAGES).toEqual(['en', 'fr']);
  });

  it.each(SUPPORTED_LANGUAGES)('%s has exactly the keys of every other catalog, none blank', (language) => {
    const catalog = catalogOf(language);
    for (const [other, otherCatalog] of Object.entries(CATALOGS)) {
      expect(Object.keys(catalog).sort(), `${language} vs ${other}`).toEqual(
        Object.keys(otherCatalog).sort(),
      );
    }
    for (const [key, text] of Object.entries(catalog)) expect(text.trim(), `${language}:${key}`).not.toBe('');
  });

  it.each(SUPPORTED_LANGUAGES)('%s uses the same {placeholders} as every other catalog', (language) => {
    const catalog = catalogOf(language);
    for (const [other, otherCatalog] of Object.entries(CATALOGS)) {
      for (const [key, template] of Object.entries(otherCatalog)) {
        expect(placeholders(catalog[key] ?? ''), `${language} vs ${other}: ${key}`).toEqual(
          placeholders(template),
        );
      }
    }
  });

  it('the French catalog is a translation, not a copy', () => {
    const en = catalogOf('en');
    const copies = Object.entries(catalogOf('fr')).filter(([key, text]) => en[key] === text);
    expect(copies).toEqual([]);
  });
});

describe('error translations', () => {
  it('finds every error class the app defines', () => {
    const names = errorClasses.map(({ name }) => name);
    expect(names).toEqual(
      expect.arrayContaining([
        'ValidationFailedError',
        'RouteNotFoundError',
        'RateLimitExceededError',
        'InternalError',
        'UnauthorizedError',
        'NotCreatorError',
        'StripeAccountNotFoundError',
        'StripeAccountNotActiveError',
        'StripeServiceUnavailableError',
        'StripeTimeoutError',
      ]),
    );
    for (const module of Object.keys(ERROR_MODULES)) {
      expect(
        errorClasses.some((found) => found.module === module),
        `${module} exports no ApiError`,
      ).toBe(true);
    }
  });

  it.each(errors.map(({ module, name, error }) => [`${module} ${name} (${error.i18nKey})`, error] as const))(
    '%s is translated in every language, its i18nVars filling every placeholder',
    (_label, error) => {
      expect(isMessageKey(error.i18nKey), `no catalog entry for ${error.i18nKey}`).toBe(true);
      for (const language of SUPPORTED_LANGUAGES) {
        const template = catalogOf(language)[error.i18nKey];
        expect(template, `${language}:${error.i18nKey}`).toEqual(expect.any(String));
        expect(placeholders(template ?? '')).toEqual(Object.keys(error.i18nVars ?? {}).sort());
        const message = translate(error.i18nKey, language, error.i18nVars);
        expect(message).not.toMatch(/\{\w+\}/);
        for (const value of Object.values(error.i18nVars ?? {})) expect(message).toContain(String(value));
      }
    },
  );

  it('every translation belongs to an error the app can raise or a payout failure it explains (no orphan keys)', () => {
    const used = new Set([
      ...errors.map(({ error }) => error.i18nKey),
      ...PAYOUT_FAILURE_CODES.map(payoutFailureI18nKey),
    ]);
    expect(Object.keys(catalogOf('en')).filter((key) => !used.has(key))).toEqual([]);
  });

  it.each(PAYOUT_FAILURE_CODES)('explains the payout failure %s in every language', (code) => {
    for (const language of SUPPORTED_LANGUAGES) {
      expect(catalogOf(language)[payoutFailureI18nKey(code)], `${language}:${code}`).toEqual(
        expect.any(String),
      );
    }
  });
});

describe('translate', () => {
  it('interpolates i18nVars', () => {
    expect(translate('creator.stripe.not_active', 'en', { status: 'RESTRICTED' })).toBe(
      'Finish setting up your account (current status: RESTRICTED).',
    );
    expect(translate('creator.stripe.not_active', 'fr', { status: 'PENDING' })).toBe(
      'Terminez la configuration de votre compte (statut actuel : PENDING).',
    );
  });

  it('leaves a placeholder whose variable is missing as it is', () => {
    expect(translate('creator.stripe.not_active', 'en')).toBe(
      'Finish setting up your account (current status: {status}).',
    );
  });

  it('falls back to English for an unsupported language', () => {
    expect(translate('common.not_found', 'de')).toBe('There is nothing at this address.');
  });

  it('never shows an unknown key, but the internal-error text', () => {
    expect(translate('no.such.key', 'en')).toBe('Something went wrong on our side.');
    expect(translate('no.such.key', 'fr')).toBe('Une erreur est survenue de notre côté.');
    expect(translate('toString', 'en')).toBe('Something went wrong on our side.');
  });
});

describe('negotiateLanguage', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['fr', 'fr'],
    ['FR', 'fr'],
    ['fr-FR', 'fr'],
    ['fr-CA,fr;q=0.9', 'fr'],
    ['en', 'en'],
    ['en-GB,en;q=0.9', 'en'],
    ['fr-FR;q=0.9,en;q=0.5', 'fr'],
    ['en;q=0.5,fr;q=0.9', 'fr'],
    ['en,fr', 'en'],
    ['fr,en', 'fr'],
    ['de', 'en'],
    ['de-DE,de;q=0.9', 'en'],
    ['de-DE,de;q=0.9,fr;q=0.8,en;q=0.7', 'fr'],
    ['de, en;q=0.1, fr;q=0.2', 'fr'],
    ['fr ;q=0.8, en ;q=0.7', 'fr'],
    ['de ; q=1, fr ; q=0.5', 'fr'],
    ['*', 'en'],
    ['*;q=0.9,fr;q=0.5', 'en'],
    ['fr;q=0', 'en'],
    ['fr;q=0,en', 'en'],
    ['fr;q=abc', 'en'],
    ['%%%;;;,,', 'en'],
    [';q=1', 'en'],
    ['x'.repeat(5_000), 'en'],
  ])('%j → %s', (header, expected) => {
    expect(negotiateLanguage(header)).toBe(expected);
  });
});
