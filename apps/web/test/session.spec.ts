import type { Browser, Page } from 'playwright-core';
import { inject } from 'vitest';
import { launchChromium } from './support/browser.js';
import { DEMO } from './support/demo-users.js';
import { API_ROUTES, openPayoutsPage, signedInPayoutsPage, signIn } from './support/payouts-page.js';

const webOrigin = inject('webOrigin');

const FAN_NOTICE = 'Payouts are for creators. Create a creator profile first.';
const signInForm = (page: Page) => page.locator('form.sign-in');

/** Signing in, switching accounts, a session ending under an open page, signing out. */
describe('the session of the payouts page', () => {
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

  it('"Use another account", then a sign-in as someone else, shows that account, and not inside the form', async () => {
    const page = await signedInPayoutsPage(browser, webOrigin, DEMO.fan);

    await page.getByRole('button', { name: 'Use another account' }).click();
    await signIn(page, DEMO.active);
    await page.getByRole('button', { name: 'Manage payouts' }).waitFor();
    expect(await signInForm(page).count()).toBe(0);

    await page.getByRole('button', { name: 'Use another account' }).click();
    await signIn(page, DEMO.fan);
    await page.getByText(FAN_NOTICE).waitFor();
    expect(await signInForm(page).count()).toBe(0);
  });

  it('after signing in, focus is on the page title, not lost on the body', async () => {
    const page = await openPayoutsPage(browser, webOrigin);
    await signIn(page, DEMO.fan);
    await page.getByText(FAN_NOTICE).waitFor();
    expect(
      await page.getByRole('heading', { level: 1 }).evaluate((title) => title === document.activeElement),
    ).toBe(true);
  });

  it('a session that ends on an open page offers to sign in again, then carries on', async () => {
    const page = await signedInPayoutsPage(browser, webOrigin, DEMO.active);
    // What the browser does once the cookie's lifetime, the token's, is over.
    await page.context().clearCookies();

    await page.getByRole('button', { name: 'Manage payouts' }).click();
    await signInForm(page)
      .getByRole('alert')
      .getByText('Your session has ended. Sign in again to continue.')
      .waitFor();
    await signIn(page, DEMO.active);
    await page.getByRole('button', { name: 'Manage payouts' }).waitFor();
    expect(await signInForm(page).count()).toBe(0);
  });

  it('signs out: the API ends the session, the page forgets it and shows the sign-in form', async () => {
    const page = await signedInPayoutsPage(browser, webOrigin, DEMO.active);
    const sessionCookie = (await page.context().cookies()).find(({ name }) => name === 'access_token');
    expect(sessionCookie).toBeDefined();

    const loggedOut = page.waitForResponse((response) => response.url().endsWith(API_ROUTES.logout));
    await page.getByRole('button', { name: 'Sign out' }).click();
    expect(await (await loggedOut).json()).toEqual({ success: true, data: { loggedOut: true } });
    await signInForm(page).waitFor();
    expect(await page.context().cookies()).toEqual([]);

    // The token itself is revoked: a copy of the cookie no longer opens the session.
    const replayed = await page.request.get(`${webOrigin}${API_ROUTES.status}`, {
      headers: { Cookie: `access_token=${sessionCookie?.value}` },
    });
    expect(replayed.status()).toBe(401);

    await page.reload();
    await signInForm(page).waitFor();
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
  });
});
