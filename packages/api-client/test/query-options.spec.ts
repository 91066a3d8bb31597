import { MutationObserver, QueryClient } from '@tanstack/react-query';
import { createApiClient } from '../src/index.js';
import {
  connectStatusQuery,
  dashboardLinkMutation,
  loginMutation,
  logoutMutation,
  onboardingLinkMutation,
  syncConnectStatusMutation,
} from '../src/react/index.js';
import { DEMO, DEMO_PASSWORD, signedInClient } from './support/demo-users.js';
import { liveApiOrigin, visitorFetch } from './support/live-api.js';

const baseUrl = liveApiOrigin();
/** Being added to the API (the contract: 200 `{"loggedOut": true}`, cookie cleared, token revoked). */

/** What the hooks run, through React Query's own observers, as `useMutation` / `useQuery` drive them. */
describe('React Query options of the hooks, against the live API', () => {
  let queryClient: QueryClient;

  beforeEach(() => {
    queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  });
  afterEach(() => queryClient.clear());

  it('dashboard link: a mutation that resolves with a new URL every time and caches nothing', async () => {
    const client = await signedInClient(baseUrl, DEMO.active);
    const mutation = new MutationObserver(queryClient, dashboardLinkMutation(client));

    const first = await mutation.mutate();
    const second = await mutation.mutate();

    expect(first).toMatch(/\/express\/acct_1DemoActive00001\//);
    expect(second).not.toBe(first);
    expect(queryClient.getQueryCache().getAll()).toEqual([]);
  });

  it('dashboard link: fails with the error envelope for the UI to translate', async () => {
    const client = await signedInClient(baseUrl, DEMO.restricted);
    const mutation = new MutationObserver(queryClient, dashboardLinkMutation(client));

    await expect(mutation.mutate()).rejects.toMatchObject({
      code: 'creator.stripe.not_active',
      i18nKey: 'creator.stripe.not_active',
      i18nVars: { status: 'RESTRICTED' },
    });
    expect(mutation.getCurrentResult()).toMatchObject({ status: 'error', data: undefined });
  });

  it('status: a query of the stored snapshot, which a sync (check again) replaces with its answer', async () => {
    const client = await signedInClient(baseUrl, DEMO.pending);
    const status = connectStatusQuery(client);
    await expect(queryClient.fetchQuery(status)).resolves.toMatchObject({
      stripeAccountId: 'acct_1DemoPending0001',
      status: 'PENDING',
    });
    queryClient.setQueryData(status.queryKey, { ...(await client.getConnectStatus()), syncedAt: null });

    const synced = await new MutationObserver(
      queryClient,
      syncConnectStatusMutation(client, queryClient),
    ).mutate();

    expect(synced).toMatchObject({ stripeAccountId: 'acct_1DemoPending0001', syncedAt: expect.any(String) });
    expect(queryClient.getQueryData(status.queryKey)).toEqual(synced);
  });

  it('onboarding link: resolves with the hosted page to redirect to', async () => {
    const client = await signedInClient(baseUrl, DEMO.pending);
    const link = await new MutationObserver(queryClient, onboardingLinkMutation(client)).mutate();
    expect(link.url).toMatch(/\/setup\/s\/acct_1DemoPending0001\//);
  });

  it('login: signs in and drops the answers cached for whoever was signed in before', async () => {
    const fan = await signedInClient(baseUrl, DEMO.fan);
    const earlier = connectStatusQuery(fan);
    queryClient.setQueryData(earlier.queryKey, { status: 'ACTIVE' } as never);

    const login = new MutationObserver(
      queryClient,
      loginMutation(createApiClient({ baseUrl, fetch: visitorFetch }), queryClient),
    );
    await expect(login.mutate({ email: DEMO.fan, password: DEMO_PASSWORD })).resolves.toMatchObject({
      tokenType: 'Bearer',
    });
    expect(queryClient.getQueryData(earlier.queryKey)).toBeUndefined();
  });

  it('logout: revokes the session and drops every answer cached for it', async () => {
    const fan = await signedInClient(baseUrl, DEMO.fan);
    const status = connectStatusQuery(fan);
    queryClient.setQueryData(status.queryKey, { status: 'ACTIVE' } as never);

    const logout = new MutationObserver(queryClient, logoutMutation(fan, queryClient));
    await expect(logout.mutate()).resolves.toEqual({ loggedOut: true });
    expect(queryClient.getQueryCache().getAll()).toEqual([]);
    await expect(fan.getConnectStatus()).rejects.toMatchObject({ status: 401 });
  });
});
