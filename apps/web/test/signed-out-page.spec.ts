import type { Browser } from 'playwright-core';
import { inject } from 'vitest';
import { launchChromium } from './support/browser.js';
import { DEMO } from './support/demo-users.js';
import { API_ROUTES, openPayoutsPage, signedInPayoutsPage, visitorPage } from './support/payouts-page.js';

const webOrigin = inject('webOrigin');

/** What any visitor meets first: a clean load, an icon, touch-sized controls, an announced loading state. */
describe('the payouts page, loading', () => {
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

  it('loads signed out without a failed request or a console error', async () => {
    const page = await visitorPage(browser);
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });

    await page.goto(webOrigin);
    await page.getByLabel('Email').waitFor();
    expect(problems).toEqual([]);
  });

  it('has an icon the browser can fetch (no favicon 404)', async () => {
    const page = await openPayoutsPage(browser, webOrigin);
    // Without a declared icon, browsers ask for /favicon.ico.
    const iconUrl = await page.evaluate(
      () =>
        document.querySelector<HTMLLinkElement>('link[rel~="icon"]')?.href ??
        new URL('/favicon.ico', window.location.href).href,
    );
    const icon = await page.request.get(iconUrl);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toMatch(/^image\//);
  });

  it('makes the language buttons touch targets of 44 × 44 CSS pixels at least', async () => {
    const page = await openPayoutsPage(browser, webOrigin);
    for (const name of ['EN', 'FR']) {
      const box = await page.getByRole('button', { name }).boundingBox();
      expect(box?.width, name).toBeGreaterThanOrEqual(44);
      expect(box?.height, name).toBeGreaterThanOrEqual(44);
    }
  });

  it('announces the loading text to screen readers (role=status)', async () => {
    const page = await signedInPayoutsPage(browser, webOrigin, DEMO.fan);
    // The status answer is held back on the next load, so that the page stays on its loading text.
    let answer = () => Promise.resolve();
    const held = new Promise<void>((resolve) => {
      void page.route(`**${API_ROUTES.status}`, (route) => {
        answer = () => route.continue();
        resolve();
      });
    });
    await page.reload();
    await held;
    expect(await page.getByRole('status').textContent()).toBe('Loading…');
    await answer();
    await page.getByText('Payouts are for creators. Create a creator profile first.').waitFor();
  });
});
