export type Route = { page: 'payouts'; returnedFromStripe: boolean } | { page: 'not-found' };

/** `/settings/payouts` is where the API sends the creator back after Stripe's onboarding (`?stripeOnboarding=`). */
export function routeOf({ pathname, search }: Pick<Location, 'pathname' | 'search'>): Route {
  switch (pathname) {
    case '/':
      return { page: 'payouts', returnedFromStripe: false };
    case '/settings/payouts':
      return { page: 'payouts', returnedFromStripe: new URLSearchParams(search).has('stripeOnboarding') };
    default:
      return { page: 'not-found' };
  }
}
