/**
 * Webhook endpoints through Stripe's own API: the secret is in the answer to the creation only; an
 * endpoint created this way listens to the platform's events unless `connect` is true.
 */
import { type ApiRequest, type ApiRoute, apiRoute, expand } from './api-route.js';
import { isApiVersion } from './api-version.js';
import { stripeErrors } from './errors.js';
import { paginate, paginationParams } from './pagination.js';
import { boolean, hash, list, mapOf, type Param, refine, required, string, url } from './params.js';
import type { ApiList, DeletedObject, WebhookEndpoint } from './stripe-objects.js';
import type { EndpointRecord } from './webhook-endpoints.js';

const access = {
  read: { resource: 'webhook_endpoints', access: 'read' },
  write: { resource: 'webhook_endpoints', access: 'write' },
} as const;

/** `*`, or a dotted event name; the emulator does not hold Stripe's whole list of event types. */
const EVENT_TYPE = /^(\*|[a-z][a-z0-9_]*(\.[a-z0-9_*]+)+)$/;

const enabledEvents = (): Param<string[]> =>
  refine(list(string()), (types) => {
    const invalid = types.findIndex((type) => !EVENT_TYPE.test(type));
    if (invalid !== -1) {
      throw stripeErrors.parameterInvalid(
        `enabled_events[${invalid}]`,
        `Invalid enabled_events[${invalid}]: ${types[invalid]} is not an event type.`,
      );
    }
    if (types.length === 0) throw stripeErrors.parameterMissing('enabled_events');
  });

const apiVersion = (): Param<string> =>
  refine(string(), (version) => {
    if (!isApiVersion(version))
      throw stripeErrors.parameterInvalid('api_version', `Invalid api_version: ${version}`);
  });

const createParams = hash({
  api_version: apiVersion(),
  connect: boolean(),
  description: string(),
  enabled_events: required(enabledEvents()),
  expand,
  metadata: mapOf(string()),
  url: required(url()),
});

const updateParams = hash({
  description: string(),
  disabled: boolean(),
  enabled_events: enabledEvents(),
  expand,
  metadata: mapOf(string()),
  url: url(),
});

export const webhookEndpointRoutes: readonly ApiRoute[] = [
  apiRoute(
    'POST',
    '/v1/webhook_endpoints',
    access.write,
    createParams,
    (params, request): WebhookEndpoint => request.state.webhookEndpoints.create(params),
  ),

  apiRoute(
    'GET',
    '/v1/webhook_endpoints',
    access.read,
    hash({ expand, ...paginationParams }),
    (params, request): ApiList<WebhookEndpoint> => {
      const endpoints = request.state.webhookEndpoints.list().map((record) => record.endpoint);
      return paginate(endpoints, params, '/v1/webhook_endpoints', 'webhook endpoint');
    },
  ),

  apiRoute(
    'GET',
    '/v1/webhook_endpoints/:id',
    access.read,
    hash({ expand }),
    (_params, request): WebhookEndpoint => requireEndpoint(request).endpoint,
  ),

  apiRoute(
    'POST',
    '/v1/webhook_endpoints/:id',
    access.write,
    updateParams,
    (params, request): WebhookEndpoint => {
      const { id } = requireEndpoint(request).endpoint;
      const { disabled, expand: _expand, ...fields } = params;
      return request.state.webhookEndpoints.update(id, {
        ...fields,
        ...(disabled === undefined ? {} : { status: disabled ? 'disabled' : 'enabled' }),
      });
    },
  ),

  apiRoute(
    'DELETE',
    '/v1/webhook_endpoints/:id',
    access.write,
    hash({}),
    (_params, request): DeletedObject<'webhook_endpoint'> => {
      const { id } = requireEndpoint(request).endpoint;
      request.state.webhookEndpoints.delete(id);
      return { id, object: 'webhook_endpoint', deleted: true };
    },
  ),
];

function requireEndpoint({ state, pathParams }: ApiRequest): EndpointRecord {
  const id = pathParams.id ?? '';
  const record = state.webhookEndpoints.find(id);
  if (!record) throw stripeErrors.noSuchObject('webhook endpoint', id);
  return record;
}
