import { freePort, launchApi } from '@biore/api-launcher';
import type { TestProject } from 'vitest/node';
import { servePage } from './page-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built page with `/api` proxied to the API, e.g. http://127.0.0.1:40123 */
    webOrigin: string;
    /** The API itself (Swagger UI at /docs). */
    apiOrigin: string;
  }
}

/**
 * The real API (demo users seeded, embedded Stripe emulator) and the built page in front of it. The page's origin
 * is fixed first, so that the API sends creators back to it after Stripe's onboarding (APP_URL). The page server
 * plays the load balancer of a deployment: the API believes the visitor's address it forwards (TRUST_PROXY), so
 * that each browser context, a visitor of its own address, has its own login limit (20 per 15 minutes).
 */
export default async function globalSetup(project: TestProject): Promise<() => Promise<void>> {
  const webPort = await freePort();
  const webOrigin = `http://127.0.0.1:${webPort}`;
  const api = await launchApi({ env: { APP_URL: webOrigin, TRUST_PROXY: '127.0.0.1' } });
  const page = await servePage(webPort, api.origin).catch(async (error: unknown) => {
    await api.stop();
    throw error;
  });
  project.provide('webOrigin', webOrigin);
  project.provide('apiOrigin', api.origin);
  return async () => {
    await page.close();
    await api.stop();
  };
}
