import { type ApiClient, createApiClient } from '../../src/index.js';
import { visitorFetch } from './live-api.js';

export const DEMO_PASSWORD = 'demo-password';

export const DEMO = {
  active: 'creator.active@demo.bio.re',
  pending: 'creator.pending@demo.bio.re',
  restricted: 'creator.restricted@demo.bio.re',
  noAccount: 'creator.noaccount@demo.bio.re',
  fan: 'fan@demo.bio.re',
} as const;

/** A client holding a demo user's bearer token, as a script outside a browser would use it. */
export async function signedInClient(baseUrl: string, email: string): Promise<ApiClient> {
  const { accessToken } = await createApiClient({ baseUrl, fetch: visitorFetch }).login({
    email,
    password: DEMO_PASSWORD,
  });
  return createApiClient({ baseUrl, accessToken, fetch: visitorFetch });
}
