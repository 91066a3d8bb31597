/** The Stripe API endpoints the emulator implements. */
import { accountRoutes } from './api-accounts.js';
import { eventRoutes } from './api-events.js';
import { payoutRoutes } from './api-payouts.js';
import type { ApiRoute } from './api-route.js';
import { webhookEndpointRoutes } from './api-webhook-endpoints.js';

export const apiRoutes: readonly ApiRoute[] = [
  ...accountRoutes,
  ...eventRoutes,
  ...payoutRoutes,
  ...webhookEndpointRoutes,
];
