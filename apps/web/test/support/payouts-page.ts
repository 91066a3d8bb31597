import { randomInt } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { STEP_TIMEOUT_MS } from './browser.js';
import { DEMO_PASSWORD } from './demo-users.js';

/** The API's routes the page calls, as they appear in its requests. */
export const API_ROUTES = {
  logout: '/api/v1/auth/logout',
  dashboardLink: '/api/v1/creators/stripe-connect/dashboard-link',
  onboardingLink: '/api/v1/creators/stripe-connect/onboarding-link',
  status: '/api/v1/creators/stripe-connect/status',
} as const;

const TEXTS = {
  en: { email: 'Email', password: 'Password', submit: 'Sign in', otherAccount: 'Use another account' },
  fr: {
    email: 'Adresse e-mail',
    password: 'Mot de passe',
    submit: 'Se connecter',
    otherAccount: 'Utiliser un autre compte',
  },
};
type Language = keyof typeof TEXTS;

/**
 * A fresh browser context (its own cookies and storage) in the given browser language, not yet on the page. Its
 * requests carry an address of its own (198.18.0.0/15, for tests), which the page server forwards to the API.
 */
export async function visitorPage(browser: Browser, locale = 'en-US'): Promise<Page> {
  const context = await browser.newContext({
    locale,
    viewport: { width: 720, height: 640 },
    extraHTTPHeaders: {
      'X-Forwarded-For': `198.${randomInt(18, 20)}.${randomInt(256)}.${randomInt(1, 255)}`,
    },
  });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  return context.newPage();
}

/** The page in a fresh browser context, in the given browser language. */
export async function openPayoutsPage(browser: Browser, webOrigin: string, locale = 'en-US'): Promise<Page> {
  const page = await visitorPage(browser, locale);
  await page.goto(webOrigin);
  return page;
}

/** Fills and submits the sign-in form as a user would, finding its fields by their labels in `language`. */
export async function signIn(
  page: Page,
  email: string,
  { password = DEMO_PASSWORD, language = 'en' }: { password?: string; language?: Language } = {},
): Promise<void> {
  const form = TEXTS[language];
  await page.getByLabel(form.email).fill(email);
  await page.getByLabel(form.password).fill(password);
  await page.getByRole('button', { name: form.submit }).click();
}

/** Signed in as `email` in a fresh context, once the page shows what this user can do. */
export async function signedInPayoutsPage(
  browser: Browser,
  webOrigin: string,
  email: string,
  language: Language = 'en',
): Promise<Page> {
  const page = await openPayoutsPage(browser, webOrigin, language === 'fr' ? 'fr-FR' : 'en-US');
  await signIn(page, email, { language });
  await page.getByRole('button', { name: TEXTS[language].otherAccount }).waitFor();
  return page;
}

/** The requests the page sends to `path` from now on, as they are sent. */
export function requestsTo(page: Page, path: string): string[] {
  const sent: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === path) sent.push(`${request.method()} ${path}`);
  });
  return sent;
}
