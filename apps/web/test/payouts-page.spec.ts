import type { ApiError } from '@biore/api-client';
import type { Browser, Page } from 'playwright-core';
import { inject } from 'vitest';
import { launchChromium, saveScreenshot } from './support/browser.js';
import { DEMO, signedInClient } from './support/demo-users.js';
import {
  API_ROUTES,
  openPayoutsPage,
  requestsTo,
  signedInPayoutsPage,
  signIn,
} from './support/payouts-page.js';
import { changeStripeAccount } from './support/stripe-emulator.js';

const webOrigin = inject('webOrigin');
const apiOrigin = inject('apiOrigin');

const statusBadge = (page: Page) => page.locator('.status-badge');

/**
 * The built page in Chromium against the real API and its Stripe emulator. In file order: what each demo user
 * sees first, then the flows that change the demo users' state (dashboard link, onboarding, limits).
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
      expect(await statusBadge(page).textContent()).toBe('active');
      await saveScreenshot(page, 'creator-active');
    });

    it('a pending creator: Finish setting up your account', async () => {
      const page = await signedInPayoutsPage(browser, webOrigin, DEMO.pending);
      await page.getByRole('heading', { name: 'Finish setting up your account' }).waitFor();
      await page.getByRole('button', { name: 'Continue on Stripe' }).waitFor();
      expect(await statusBadge(page).textContent()).toBe('pending');
      expect(await page.getByRole('button', { name: 'Manage payouts' }).count()).toBe(0);
      await saveScreenshot(page, 'creator-pending');
    });

    it('a restricted creator whose document is past due: Stripe needs more information, not "finish setting up"', async () => {
      const page = await signedInPayoutsPage(browser, webOrigin, DEMO.restricted);
      await page.getByRole('heading', { name: 'Stripe needs more information' }).waitFor();
      await page.getByRole('button', { name: 'Provide information' }).waitFor();
      expect(await statusBadge(page).textContent()).toBe('restricted');
      expect(await page.getByRole('heading', { name: 'Finish setting up your account' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Manage payouts' }).count()).toBe(0);
      await saveScreenshot(page, 'creator-restricted');
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
      expect(await page.title()).toBe('bio.re · Versements');

      await page.getByRole('button', { name: 'EN' }).click();
      await page.getByText('Invalid email or password.').waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.title()).toBe('bio.re · Payouts');
    });

    it('tells a French fan that payouts are for creators', async () => {
      const page = await openPayoutsPage(browser, webOrigin, 'fr-FR');
      await signIn(page, DEMO.fan, { language: 'fr' });
      await page
        .getByText("Les versements sont réservés aux créateurs. Créez d'abord un profil de créateur.")
        .waitFor();
      await saveScreenshot(page, 'fan-fr');
    });

    it('shows a French creator the status and next step in French', async () => {
      const page = await signedInPayoutsPage(browser, webOrigin, DEMO.restricted, 'fr');
      await page.getByRole('heading', { name: 'Stripe a besoin de plus d’informations' }).waitFor();
      expect(await statusBadge(page).textContent()).toBe('restreint');
      expect(await page.getByRole('button', { name: 'Fournir les informations' }).count()).toBe(1);
      expect(await page.getByRole('button', { name: 'Vérifier à nouveau' }).count()).toBe(1);
      await saveScreenshot(page, 'creator-restricted-fr');
    });

    it('explains a refused sign-in field by field, in French', async () => {
      const page = await openPayoutsPage(browser, webOrigin, 'fr-FR');
      // A browser accepts `a@b` as an email address; the API does not (no top-level domain).
      await signIn(page, 'a@b', { language: 'fr' });
      const alert = page.getByRole('alert');
      await alert.getByText('La requête est invalide.').waitFor();
      expect(await alert.getByRole('listitem').allTextContents()).toEqual([
        'Saisissez une adresse e-mail valide (254 caractères au plus).',
      ]);
    });

    it('names an account status in French inside an API message (an account restricted while its page was open)', async () => {
      const restricted = await signedInClient(apiOrigin, DEMO.restricted);
      const { stripeAccountId } = await restricted.getConnectStatus();
      const emulatorOrigin = new URL((await restricted.createOnboardingLink()).url).origin;
      const stripeSays = async (change: 'complete' | 'restrict') => {
        await changeStripeAccount(emulatorOrigin, stripeAccountId ?? '', change);
        await restricted.syncConnectStatus();
      };

      await stripeSays('complete');
      let restrictedAgain = false;
      try {
        const page = await signedInPayoutsPage(browser, webOrigin, DEMO.restricted, 'fr');
        const managePayouts = page.getByRole('button', { name: 'Gérer les versements' });
        await managePayouts.waitFor();
        await stripeSays('restrict');
        restrictedAgain = true;
        await managePayouts.click();
        await page
          .getByRole('alert')
          .getByText('Terminez la configuration de votre compte (statut actuel : restreint).')
          .waitFor();
      } finally {
        // The demo user as the other tests know it, whatever happened above.
        if (!restrictedAgain) await stripeSays('restrict');
      }
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

    it('asks for one link however fast the button is pressed twice', async () => {
      const page = await signedInPayoutsPage(browser, webOrigin, DEMO.active);
      const linkRequests = requestsTo(page, API_ROUTES.dashboardLink);
      await pressTwiceAtOnce(page, 'Manage payouts');
      await page.waitForURL(/\/express\/acct_1DemoActive00001\//);
      expect(linkRequests).toEqual([`POST ${API_ROUTES.dashboardLink}`]);
    });
  });

  describe('onboarding', () => {
    it('turns a pending creator ACTIVE: Stripe’s page, back to the app, then Manage payouts works', async () => {
      const page = await signedInPayoutsPage(browser, webOrigin, DEMO.pending);
      await page.getByRole('button', { name: 'Continue on Stripe' }).click();
      await page.waitForURL(/\/setup\/\w+\/acct_1DemoPending0001\//);
      expect(await page.title()).toBe('Account onboarding');
      await saveScreenshot(page, 'stripe-onboarding');

      const backFromStripe = page.waitForResponse(`${webOrigin}/settings/payouts?stripeOnboarding=active`);
      await page.getByRole('button', { name: /^Complete onboarding/ }).click();
      await backFromStripe;
      await page.getByText('Welcome back from Stripe').waitFor();
      expect(await statusBadge(page).textContent()).toBe('active');
      await saveScreenshot(page, 'back-from-stripe');

      // Welcomed once: the address loses its marker, so a reload shows the page without the banner.
      await page.waitForURL(`${webOrigin}/settings/payouts`);
      await page.reload();
      await statusBadge(page).waitFor();
      expect(await page.getByText('Welcome back from Stripe').count()).toBe(0);

      await page.getByRole('button', { name: 'Manage payouts' }).click();
      await page.waitForURL(/\/express\/acct_1DemoPending0001\//);
      expect(await page.title()).toBe('Express dashboard');
    });

    it('starts onboarding for a creator without an account, with one request however fast it is pressed twice', async () => {
      const page = await signedInPayoutsPage(browser, webOrigin, DEMO.noAccount);
      const linkRequests = requestsTo(page, API_ROUTES.onboardingLink);
      await pressTwiceAtOnce(page, 'Start onboarding');
      await page.waitForURL(/\/setup\/\w+\/acct_[^/]+\//);
      expect(await page.title()).toBe('Account onboarding');
      expect(linkRequests).toEqual([`POST ${API_ROUTES.onboardingLink}`]);
    });
  });

  describe('limits', () => {
    it('says when a refused link can be asked for again (Retry-After), in the reader’s language', async () => {
      const restricted = await signedInClient(apiOrigin, DEMO.restricted);
      await useUpHourlyAllowance(() => restricted.syncConnectStatus());
      const page = await signedInPayoutsPage(browser, webOrigin, DEMO.restricted);

      const refusal = page.waitForResponse((response) =>
        response.url().endsWith(`${API_ROUTES.status}/sync`),
      );
      await page.getByRole('button', { name: 'Check again' }).click();
      const retryAfterSeconds = Number((await refusal).headers()['retry-after']);
      const minutes = Math.ceil(retryAfterSeconds / 60);
      const alert = page.getByRole('alert');
      await alert.getByText(`Too many requests. Try again in ${minutes} minutes.`).waitFor();
      await saveScreenshot(page, 'rate-limited');

      await page.getByRole('button', { name: 'FR' }).click();
      await alert.getByText(`Trop de requêtes. Réessayez dans ${minutes} minutes.`).waitFor();
    });
  });
});

/**
 * Two clicks in one go, as a double click on a slow device delivers them: the second before the page has had a
 * chance to render anything after the first.
 */
async function pressTwiceAtOnce(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name }).evaluate((button: HTMLElement) => {
    button.click();
    button.click();
  });
}

/** Calls a route limited to 10 an hour until the API refuses: the user's hourly allowance is spent. */
async function useUpHourlyAllowance(call: () => Promise<unknown>): Promise<void> {
  const allowancePerHour = 10;
  for (let attempt = 0; attempt <= allowancePerHour; attempt++) {
    try {
      await call();
    } catch (error) {
      if ((error as ApiError).status === 429) return;
      throw error;
    }
  }
  throw new Error(`never refused after ${allowancePerHour + 1} calls`);
}
