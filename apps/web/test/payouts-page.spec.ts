import type { Browser, Page } from 'playwright-core';
import { inject } from 'vitest';
import { launchChromium, saveScreenshot } from './support/browser.js';
import { DEMO } from './support/demo-users.js';
import { openPayoutsPage, signedInPayoutsPage, signIn } from './support/payouts-page.js';

const webOrigin = inject('webOrigin');

const statusBadge = (page: Page) => page.locator('.status-badge');

/**
 * The built page in Chromium against the real API and its Stripe emulator. In file order: what each demo user
 * sees first, then the flows that change the demo users' state (dashboard link, onboarding).
 */
describe('the payouts page', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterEach(async () => {
    await Promise.all(browser.contexts().map((context) => context.close()));
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe('what each demo user sees once signed in', () => {
    it('an ACTIVE creator: Manage payouts', async () => {
      const page = await signedInPayoutsPage(browser, webOrigin, DEMO.active);
      await page.getByRole('button', { name: 'Manage payouts' }).waitFor();
      expect(await statusBadge(page).textContent()).toBe('ACTIVE');
      await saveScreenshot(page, 'creator-active');
    });

    it.each([
      ['pending', DEMO.pending, 'PENDING'],
      ['restricted', DEMO.restricted, 'RESTRICTED'],
    ])('a %s creator: Finish setting up your account', async (name, email, status) => {
      const page = await signedInPayoutsPage(browser, webOrigin, email);
      await page.getByRole('heading', { name: 'Finish setting up your account' }).waitFor();
      await page.getByRole('button', { name: 'Continue on Stripe' }).waitFor();
      expect(await statusBadge(page).textContent()).toBe(status);
      expect(await page.getByRole('button', { name: 'Manage payouts' }).count()).toBe(0);
      await saveScreenshot(page, `creator-${name}`);
    });

    it('a creator without a Stripe account: start onboarding', async () => {
      const page = await signedInPayoutsPage(browser, webOrigin, DEMO.noAccount);
      await page.getByRole('button', { name: 'Start onboarding' }).waitFor();
      expect(await statusBadge(page).count()).toBe(0);
      await saveScreenshot(page, 'creator-noaccount');
    });

    it('a fan: payouts are for creators', async () => {
      const page = await signedInPayoutsPage(browser, webOrigin, DEMO.fan);
      await page.getByText('Payouts are for creators. Create a creator profile first.').waitFor();
      expect(await page.locator('button.primary').count()).toBe(0);
      await saveScreenshot(page, 'fan');
    });
  });

  describe('languages', () => {
    it('shows a failed sign-in from its i18nKey, with the reference to quote', async () => {
      const page = await openPayoutsPage(browser, webOrigin);
      await signIn(page, DEMO.fan, { password: 'wrong-password' });
      const alert = page.getByRole('alert');
      await alert.getByText('Invalid email or password.').waitFor();
      expect(await alert.textContent()).toMatch(/Reference: [\w.-]{8,}$/);
      await saveScreenshot(page, 'sign-in-failed');
    });

    it('speaks French to a French browser, and switches language on demand', async () => {
      const page = await openPayoutsPage(browser, webOrigin, 'fr-FR');
      await signIn(page, DEMO.fan, { password: 'wrong-password', language: 'fr' });
      await page.getByText('Adresse e-mail ou mot de passe incorrect.').waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');

      await page.getByRole('button', { name: 'EN' }).click();
      await page.getByText('Invalid email or password.').waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
    });

    it('tells a French fan that payouts are for creators', async () => {
      const page = await openPayoutsPage(browser, webOrigin, 'fr-FR');
      await signIn(page, DEMO.fan, { language: 'fr' });
      await page
        .getByText("Les versements sont réservés aux créateurs. Créez d'abord un profil de créateur.")
        .waitFor();
      await saveScreenshot(page, 'fan-fr');
    });
  });

  describe('Manage payouts', () => {
    it('opens a fresh one-shot Stripe dashboard link on every click; a used link is refused', async () => {
      const page = await signedInPayoutsPage(browser, webOrigin, DEMO.active);
      const dashboard = /\/express\/acct_1DemoActive00001\/[^/]+$/;

      await page.getByRole('button', { name: 'Manage payouts' }).click();
      await page.waitForURL(dashboard);
      const firstLink = page.url();
      expect(await page.title()).toBe('Express dashboard');
      await saveScreenshot(page, 'stripe-dashboard');

      await page.goBack();
      await page.getByRole('button', { name: 'Manage payouts' }).click();
      await page.waitForURL((url) => dashboard.test(url.href) && url.href !== firstLink);
      expect(await page.title()).toBe('Express dashboard');

      const secondVisit = await page.goto(firstLink);
      expect(secondVisit?.status()).toBe(410);
      expect(await page.title()).toBe('Link expired');
    });
  });

  describe('onboarding', () => {
    it('turns a pending creator ACTIVE: Stripe’s page, back to the app, then Manage payouts works', async () => {
      const page = await signedInPayoutsPage(browser, webOrigin, DEMO.pending);
      await page.getByRole('button', { name: 'Continue on Stripe' }).click();
      await page.waitForURL(/\/setup\/s\/acct_1DemoPending0001\//);
      expect(await page.title()).toBe('Account onboarding');
      await saveScreenshot(page, 'stripe-onboarding');

      await page.getByRole('button', { name: /^Complete onboarding/ }).click();
      await page.waitForURL(`${webOrigin}/settings/payouts?stripeOnboarding=active`);
      await page.getByText('Welcome back from Stripe').waitFor();
      expect(await statusBadge(page).textContent()).toBe('ACTIVE');
      await saveScreenshot(page, 'back-from-stripe');

      await page.getByRole('button', { name: 'Manage payouts' }).click();
      await page.waitForURL(/\/express\/acct_1DemoPending0001\//);
      expect(await page.title()).toBe('Express dashboard');
    });

    it('starts onboarding for a creator without an account', async () => {
      const page = await signedInPayoutsPage(browser, webOrigin, DEMO.noAccount);
      await page.getByRole('button', { name: 'Start onboarding' }).click();
      await page.waitForURL(/\/setup\/s\/acct_[^/]+\//);
      expect(await page.title()).toBe('Account onboarding');
    });
  });
});
