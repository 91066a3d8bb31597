import { createApiClient } from '@biore/api-client';
import type { Browser } from 'playwright-core';
import { inject } from 'vitest';
import { launchChromium, STEP_TIMEOUT_MS, saveScreenshot } from './support/browser.js';
import { DEMO, DEMO_PASSWORD } from './support/demo-users.js';

const apiOrigin = inject('apiOrigin');
const DASHBOARD_LINK = '/api/v1/creators/stripe-connect/dashboard-link';

describe('Swagger UI at /docs', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('try-it: Authorize with a token from login, execute the dashboard link, get 200 with a URL', async () => {
    const { accessToken } = await createApiClient({ baseUrl: apiOrigin }).login({
      email: DEMO.active,
      password: DEMO_PASSWORD,
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await page.goto(`${apiOrigin}/docs`);

    await page.locator('.auth-wrapper').getByRole('button', { name: 'Authorize' }).click();
    const bearer = page.locator('.modal-ux .auth-container').filter({ hasText: 'bearer' });
    await bearer.locator('input').fill(accessToken);
    await bearer.getByRole('button', { name: 'Apply credentials' }).click();
    await bearer.getByRole('button', { name: 'Remove authorization' }).waitFor();
    await page.locator('.modal-ux').getByRole('button', { name: 'Close' }).first().click();

    const operation = page
      .locator('.opblock')
      .filter({ has: page.locator(`.opblock-summary-path[data-path="${DASHBOARD_LINK}"]`) });
    await operation.locator('.opblock-summary').click();
    await operation.getByRole('button', { name: 'Try it out' }).click();
    await operation.getByRole('button', { name: 'Execute' }).click();

    const answer = operation.locator('.live-responses-table .response');
    await answer.waitFor();
    expect(await answer.locator('.response-col_status').textContent()).toBe('200');
    const body = JSON.parse(
      (await answer.locator('.response-col_description pre').first().textContent()) ?? '',
    );
    expect(body).toEqual({
      success: true,
      data: { url: expect.stringMatching(/\/express\/acct_1DemoActive00001\//) },
    });
    await answer.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'swagger-try-it');
  });
});
