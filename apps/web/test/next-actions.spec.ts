import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { freePort, launchApi } from '@biore/api-launcher';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, saveScreenshot } from './support/browser.js';
import { DEMO, signedInClient } from './support/demo-users.js';
import { servePage } from './support/page-server.js';
import { API_ROUTES, requestsTo, signedInPayoutsPage } from './support/payouts-page.js';
import { emulatorControl, webhooksDelivered } from './support/stripe-emulator.js';

const CREATE_DATABASE = fileURLToPath(new URL('../../../scripts/create-database.mjs', import.meta.url));
/** The demo creators' Express accounts, as the emulator of the API's development stack holds them. */
const ACCOUNTS = {
  active: 'acct_1DemoActive00001',
  pending: 'acct_1DemoPending0001',
  restricted: 'acct_1DemoRestricted1',
};
/** Noon UTC: the same day in every time zone a browser may run in. */
const DEADLINE = Date.UTC(2030, 2, 15, 12) / 1_000;

/**
 * Every next action the API derives, each reached the way a creator reaches it: the emulator puts the demo account
 * into a Stripe state, Stripe's webhook carries it to the API, and Chromium shows the page. A development stack of
 * its own (API, emulator, database, page server), since these creators leave the demo states behind.
 */
describe('the payouts page, for each next action', () => {
  let browser: Browser;
  let stack: Awaited<ReturnType<typeof startOwnStack>>;
  let webOrigin: string;
  let emulatorOrigin: string;

  /** Puts a demo account into a Stripe state and waits until the API has heard of it. */
  const stripeSays = async (path: string, body: object = {}) => {
    await emulatorControl(emulatorOrigin, path, body);
    await webhooksDelivered(emulatorOrigin);
  };
  const heading = (page: Page, name: string) => page.getByRole('heading', { name });

  beforeAll(async () => {
    stack = await startOwnStack();
    webOrigin = stack.origin;
    const pending = await signedInClient(stack.api.origin, DEMO.pending);
    emulatorOrigin = new URL((await pending.createOnboardingLink()).url).origin;
    browser = await launchChromium();
  });
  afterEach(async () => {
    await Promise.all(browser.contexts().map((context) => context.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.page.close();
    await stack?.api.stop();
    stack?.dropDatabase();
  });

  it('none: an ACTIVE creator manages payouts, and may check again', async () => {
    const page = await signedInPayoutsPage(browser, webOrigin, DEMO.active);
    await page.getByRole('button', { name: 'Manage payouts' }).waitFor();
    expect(await page.getByRole('button', { name: 'Check again' }).count()).toBe(1);
    expect(await page.locator('section h2').count()).toBe(0);
  });

  it('start_onboarding: a creator without an account starts onboarding, with nothing to check yet', async () => {
    const page = await signedInPayoutsPage(browser, webOrigin, DEMO.noAccount);
    await page.getByRole('button', { name: 'Start onboarding' }).waitFor();
    expect(await page.getByRole('button', { name: 'Check again' }).count()).toBe(0);
  });

  it('provide_information: Stripe asks for more by a deadline, shown as a date the reader writes (en-US)', async () => {
    await stripeSays(`accounts/${ACCOUNTS.active}/state`, { state: 'restricted_soon', deadline: DEADLINE });
    const page = await signedInPayoutsPage(browser, webOrigin, DEMO.active);
    await heading(page, 'Stripe needs more information').waitFor();
    await page.getByText('by March 15, 2030, or your payouts will be paused').waitFor();
    await page.getByRole('button', { name: 'Provide information' }).waitFor();
    // Still ACTIVE until the deadline: the dashboard stays open.
    expect(await page.getByRole('button', { name: 'Manage payouts' }).count()).toBe(1);
    await saveScreenshot(page, 'next-action-provide-information');
  });

  it('provide_information in French: the deadline as a French date', async () => {
    const page = await signedInPayoutsPage(browser, webOrigin, DEMO.active, 'fr');
    await heading(page, 'Stripe a besoin de plus d’informations').waitFor();
    await page.getByText('avant le 15 mars 2030, sinon vos versements seront suspendus').waitFor();
    await page.getByRole('button', { name: 'Fournir les informations' }).waitFor();
  });

  it('wait_for_review: Stripe is verifying what was given; nothing to finish', async () => {
    await stripeSays(`accounts/${ACCOUNTS.pending}/state`, { state: 'pending_verification' });
    const page = await signedInPayoutsPage(browser, webOrigin, DEMO.pending);
    await heading(page, 'Stripe is reviewing your account').waitFor();
    expect(await heading(page, 'Finish setting up your account').count()).toBe(0);
    expect(await page.locator('button.primary').count()).toBe(0);
  });

  it('contact_support: a rejected creator is sent to support, never told to finish setting up', async () => {
    await stripeSays(`accounts/${ACCOUNTS.restricted}/state`, { state: 'rejected.other' });
    const page = await signedInPayoutsPage(browser, webOrigin, DEMO.restricted);
    await heading(page, 'Your payouts are on hold').waitFor();
    expect(await page.locator('.status-badge').textContent()).toBe('disabled');
    expect(await page.getByRole('link', { name: 'Contact support' }).getAttribute('href')).toBe(
      'mailto:payouts@bio.re',
    );
    expect(await heading(page, 'Finish setting up your account').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Continue on Stripe' }).count()).toBe(0);
    await saveScreenshot(page, 'next-action-contact-support');
  });

  it('update_bank_account: a failed payout, in words, and the dashboard to change the bank account', async () => {
    await stripeSays(`accounts/${ACCOUNTS.active}/state`, { state: 'enabled' });
    // Read as it is now (with the bank account the payout goes to), whatever earlier tests left.
    await (await signedInClient(stack.api.origin, DEMO.active)).syncConnectStatus();
    const payout = (await emulatorControl(emulatorOrigin, 'payouts', { account: ACCOUNTS.active })) as {
      id: string;
    };
    await stripeSays(`payouts/${payout.id}/fail`, { failure_code: 'could_not_process' });
    const page = await signedInPayoutsPage(browser, webOrigin, DEMO.active);
    await heading(page, 'Update your bank account').waitFor();
    await page.getByText('Your last payout could not be sent to your bank account:').waitFor();
    const dashboardLinks = requestsTo(page, API_ROUTES.dashboardLink);
    await page.getByRole('button', { name: 'Update bank account' }).click();
    await page.waitForURL((url) => url.origin === emulatorOrigin);
    expect(dashboardLinks).toEqual([`POST ${API_ROUTES.dashboardLink}`]);
  });

  it('start_again: a disconnected account is archived, and the creator starts again', async () => {
    await stripeSays(`accounts/${ACCOUNTS.restricted}/deauthorize`);
    const page = await signedInPayoutsPage(browser, webOrigin, DEMO.restricted);
    await heading(page, 'Your Stripe account was disconnected').waitFor();
    await page.getByRole('button', { name: 'Start again' }).waitFor();
    expect(await page.locator('.status-badge').count()).toBe(0);
  });

  it('check again: re-reads the account from Stripe (status/sync) and shows what Stripe says now, without a webhook', async () => {
    await stripeSays(`accounts/${ACCOUNTS.pending}/state`, { state: 'pending_verification' });
    const page = await signedInPayoutsPage(browser, webOrigin, DEMO.pending);
    await heading(page, 'Stripe is reviewing your account').waitFor();
    await emulatorControl(emulatorOrigin, 'webhooks/pause');
    try {
      await emulatorControl(emulatorOrigin, `accounts/${ACCOUNTS.pending}/state`, { state: 'enabled' });
      const syncs = requestsTo(page, `${API_ROUTES.status}/sync`);
      await page.getByRole('button', { name: 'Check again' }).click();
      await page.getByRole('button', { name: 'Manage payouts' }).waitFor();
      expect(syncs).toEqual([`POST ${API_ROUTES.status}/sync`]);
      expect(await page.locator('.status-badge').textContent()).toBe('active');
    } finally {
      await emulatorControl(emulatorOrigin, 'webhooks/resume');
    }
  });
});

/**
 * The API with its demo users and emulator, and the built page in front of it, as the run's global setup starts
 * them, on a database of their own: the run's PostgreSQL server (CI) gets a new one, else the launcher's embedded one
 * is already its own.
 */
async function startOwnStack() {
  const webPort = await freePort();
  const origin = `http://127.0.0.1:${webPort}`;
  const server = process.env.DATABASE_URL;
  const database = server
    ? withDatabase(server, `web_next_actions_${randomUUID().replaceAll('-', '')}`)
    : undefined;
  if (server && database) execFileSync(process.execPath, [CREATE_DATABASE, server, database.name]);
  const dropDatabase = () => {
    if (server && database)
      execFileSync(process.execPath, [CREATE_DATABASE, '--drop', server, database.name]);
  };
  const api = await launchApi({
    env: { APP_URL: origin, TRUST_PROXY: '127.0.0.1', ...(database && { DATABASE_URL: database.url }) },
  });
  const page = await servePage(webPort, api.origin);
  return { origin, api, page, dropDatabase };
}

function withDatabase(serverUrl: string, name: string) {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}
