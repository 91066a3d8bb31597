import { apiErrorFrom } from './api-error.js';
import type {
  ApiPath,
  HttpMethod,
  LoginRequest,
  LogoutResult,
  RequestBody,
  SuccessData,
} from './api-types.js';

export interface ApiClientOptions {
  /** The API's origin, e.g. `https://api.bio.re`; leave empty in a page served on the API's origin. */
  baseUrl?: string;
  /**
   * Sent as `Authorization: Bearer …`, for use outside a browser. Without it a page relies on the HttpOnly
   * `access_token` cookie that login sets, as the product page's React Query hook does.
   */
  accessToken?: string;
  /** `Accept-Language` of the requests: the language of the errors' human `message` (`i18nKey` stays put). */
  language?: string;
  fetch?: typeof fetch;
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** One function per route of the payouts API; each resolves with the envelope's `data` or throws an `ApiError`. */
export function createApiClient(options: ApiClientOptions = {}) {
  const request = requester(options);
  /** A route of the OpenAPI document, its body and answer typed from it. */
  const call = <M extends HttpMethod, P extends ApiPath<M>>(
    method: M,
    path: P,
    ...[body]: [RequestBody<P, M>] extends [never] ? [] : [RequestBody<P, M>]
  ) => request<SuccessData<P, M>>(method, path, body);
  return {
    /** Also sets the `access_token` cookie in a browser; outside one, pass `accessToken` to a new client. */
    login: (credentials: LoginRequest) => call('post', '/api/v1/auth/login', credentials),
    /** Ends the session: the API clears the `access_token` cookie and revokes the token. */
    logout: () => request<LogoutResult>('post', '/api/v1/auth/logout'),
    /** A one-shot Stripe Express dashboard URL: fetch one per click and redirect at once, never store it. */
    getDashboardLink: async () => (await call('post', '/api/v1/creators/stripe-connect/dashboard-link')).url,
    /** Creates the creator's Stripe account on first use; answers a hosted onboarding link to redirect to. */
    createOnboardingLink: () => call('post', '/api/v1/creators/stripe-connect/onboarding-link'),
    refreshOnboardingLink: () => call('post', '/api/v1/creators/stripe-connect/refresh-onboarding-link'),
    /** The stored snapshot of the creator's Stripe account (no Stripe call). */
    getConnectStatus: () => call('get', '/api/v1/creators/stripe-connect/status'),
    /** Re-reads the account from Stripe and answers the new snapshot. */
    syncConnectStatus: () => call('post', '/api/v1/creators/stripe-connect/status/sync'),
  };
}

function requester({ baseUrl = '', accessToken, language, fetch: send = fetch }: ApiClientOptions) {
  return async <Data>(method: HttpMethod, path: string, body?: unknown): Promise<Data> => {
    const headers = new Headers({ Accept: 'application/json' });
    if (body !== undefined) headers.set('Content-Type', 'application/json');
    if (accessToken) headers.set('Authorization', `Bearer ${accessToken}`);
    if (language) headers.set('Accept-Language', language);
    const response = await send(`${baseUrl}${path}`, {
      method: method.toUpperCase(),
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      // The login cookie goes with same-origin requests only; no answer of this API is ever reused.
      credentials: 'same-origin',
      cache: 'no-store',
    });
    const json: unknown = await response.json().catch(() => undefined);
    if (!response.ok || !isSuccessEnvelope(json)) {
      throw apiErrorFrom(response, json, `${method.toUpperCase()} ${path} failed (HTTP ${response.status})`);
    }
    return json.data as Data;
  };
}

function isSuccessEnvelope(body: unknown): body is { success: true; data: unknown } {
  return typeof body === 'object' && body !== null && 'success' in body && body.success === true;
}
