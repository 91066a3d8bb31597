import type { Browser, Page } from 'playwright-core';
import { STEP_TIMEOUT_MS } from './browser.js';
import { DEMO_PASSWORD } from './demo-users.js';

/** The page in a browser context of its own (its own cookies), in the given browser language. */
export async function openPayoutsPage(browser: Browser, webOrigin: string, locale = 'en-US'): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 720, height: 640 } });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const page = await context.newPage();
  await page.goto(webOrigin);
  return page;
}

const SIGN_IN_FORM = {
  en: { email: 'Email', password: 'Password', submit: 'Sign in' },
  fr: { email: 'Adresse e-mail', password: 'Mot de passe', submit: 'Se connecter' },
};

/** Fills and submits the sign-in form as a user would, finding its fields by their labels in `language`. */
export async function signIn(
  page: Page,
  email: string,
  {
    password = DEMO_PASSWORD,
    language = 'en',
  }: { password?: string; language?: keyof typeof SIGN_IN_FORM } = {},
): Promise<void> {
  const form = SIGN_IN_FORM[language];
  await page.getByLabel(form.email).fill(email);
  await page.getByLabel(form.password).fill(password);
  await page.getByRole('button', { name: form.submit }).click();
}

/** Signed in as `email` in a fresh context, once the page shows what this user can do. */
export async function signedInPayoutsPage(browser: Browser, webOrigin: string, email: string): Promise<Page> {
  const page = await openPayoutsPage(browser, webOrigin);
  await signIn(page, email);
  await page.getByRole('button', { name: 'Use another account' }).waitFor();
  return page;
}
