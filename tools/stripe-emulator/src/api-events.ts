/**
 * `GET /v1/events` and `GET /v1/events/{id}`. A connected account's events are its own: the platform reads
 * them with `Stripe-Account`, as on Stripe; without it, it reads its own. Events render at the version
 * they were recorded at, whatever the request's.
 */
import { type ApiRoute, apiRoute, expand, scopeOf } from './api-route.js';
import { renderAtVersion } from './api-version.js';
import { stripeErrors } from './errors.js';
import { paginate, paginationParams } from './pagination.js';
import { boolean, hash, list, refine, string, timeFilter } from './params.js';
import type { ApiList, StripeEvent } from './stripe-objects.js';

const read = { resource: 'events', access: 'read' } as const;

const rendered = (event: StripeEvent): StripeEvent => renderAtVersion(event, event.api_version ?? '');

const listEventsParams = refine(
  hash({
    created: timeFilter(),
    delivery_success: boolean(),
    expand,
    type: string(),
    types: list(string()),
    ...paginationParams,
  }),
  (params) => {
    if (params.type !== undefined && params.types !== undefined) {
      throw stripeErrors.exclusiveParameters('type', 'types');
    }
  },
);

export const eventRoutes: readonly ApiRoute[] = [
  apiRoute('GET', '/v1/events', read, listEventsParams, (params, request): ApiList<StripeEvent> => {
    const matching = request.state.events.query({ ...params, account: scopeOf(request) });
    const page = paginate(matching, params, '/v1/events', 'event');
    return { ...page, data: page.data.map(rendered) };
  }),

  apiRoute('GET', '/v1/events/:id', read, hash({ expand }), (_params, request): StripeEvent => {
    const eventId = request.pathParams.id ?? '';
    const event = request.state.events.get(eventId);
    if (!event || event.account !== scopeOf(request)) throw stripeErrors.noSuchObject('event', eventId);
    return rendered(event);
  }),
];
