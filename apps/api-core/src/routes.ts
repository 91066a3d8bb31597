/**
 * Every path the API serves, in one table: controllers, redirects handed to Stripe, the webhook URL given to the
 * emulator and the tests all read it from here. `apiPath()` is the full path a client calls.
 */
export const API_PREFIX = 'api';
export const API_VERSION = '1';

export const ROUTES = {
  auth: { base: 'auth', login: 'login', logout: 'logout', logoutEverywhere: 'logout-all' },
  stripeConnect: {
    base: 'creators/stripe-connect',
    dashboardLink: 'dashboard-link',
    onboardingLink: 'onboarding-link',
    refreshOnboardingLink: 'refresh-onboarding-link',
    onboardingRefresh: 'onboarding/refresh',
    onboardingReturn: 'onboarding/return',
    status: 'status',
    syncStatus: 'status/sync',
  },
  webhooks: { base: 'webhooks', stripe: 'stripe' },
  /** Outside the `/api/v1` prefix: load balancers and orchestrators probe them. */
  health: { base: 'health', live: 'live', ready: 'ready' },
  docs: { ui: 'docs', json: 'docs-json' },
} as const;

type VersionedRoutes = Omit<typeof ROUTES, 'health' | 'docs'>;

/** `/api/v1/creators/stripe-connect/dashboard-link` from `apiPath('stripeConnect', 'dashboardLink')`. */
export function apiPath<Group extends keyof VersionedRoutes>(
  group: Group,
  route: Exclude<keyof VersionedRoutes[Group], 'base'>,
): string {
  const routes = ROUTES[group] as Record<string, string>;
  return `/${API_PREFIX}/v${API_VERSION}/${routes.base}/${routes[route as string]}`;
}

/** `/health/ready` and the like. */
export function healthPath(route: 'live' | 'ready'): string {
  return `/${ROUTES.health.base}/${ROUTES.health[route]}`;
}
