/** `GET /v1/payouts` and `GET /v1/payouts/{id}`: a connected account's payouts, read with `Stripe-Account`. */
import { type ApiRoute, apiRoute, expand, scopeOf } from './api-route.js';
import { stripeErrors } from './errors.js';
import { matchesTime, paginate, paginationParams } from './pagination.js';
import { hash, oneOf, timeFilter } from './params.js';
import type { ApiList, Payout } from './stripe-objects.js';

const read = { resource: 'payouts', access: 'read' } as const;

const listPayoutsParams = hash({
  created: timeFilter(),
  expand,
  status: oneOf('canceled', 'failed', 'in_transit', 'paid', 'pending'),
  ...paginationParams,
});

export const payoutRoutes: readonly ApiRoute[] = [
  apiRoute('GET', '/v1/payouts', read, listPayoutsParams, (params, request): ApiList<Payout> => {
    const payouts = request.state.payouts
      .list(scopeOf(request))
      .filter(
        (payout) =>
          (params.status === undefined || payout.status === params.status) &&
          matchesTime(payout.created, params.created),
      );
    return paginate(payouts, params, '/v1/payouts', 'payout');
  }),

  apiRoute('GET', '/v1/payouts/:id', read, hash({ expand }), (_params, request): Payout => {
    const payoutId = request.pathParams.id ?? '';
    const payout = request.state.payouts
      .list(scopeOf(request))
      .find((candidate) => candidate.id === payoutId);
    if (!payout) throw stripeErrors.noSuchObject('payout', payoutId);
    return payout;
  }),
];
