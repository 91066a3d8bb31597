export type Route = { page: 'payouts'; returnedFromStripe: boolean } | { page: 'not-found' };

/** Where the API sends the creator back after Stripe's onboarding: `/settings/payouts?stripeOnboarding=<status>`. */
const STRIPE_RETURN_PARAMETER = 'stripeOnboarding';

export function routeOf({ pathname, search }: Pick<Location, 'pathname' | 'search'>): Route {
  switch (pathname) {
    case '/':
      return { page: 'payouts', returnedFromStripe: false };
    case '/settings/payouts':
      return {
        page: 'payouts',
        returnedFromStripe: new URLSearchParams(search).has(STRIPE_RETURN_PARAMETER),
      };
    default:
      return { page: 'not-found' };
  }
}

/** The return from Stripe is welcomed once: a reload, or the address bookmarked, must not welcome again. */
export function forgetStripeReturn(): void {
  const url = new URL(window.location.href);
  url.searchParams.delete(STRIPE_RETURN_PARAMETER);
  window.history.replaceState(window.history.state, '', url);
}
