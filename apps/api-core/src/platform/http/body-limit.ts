import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';

const BODY_LIMIT_KEY = 'bodyLimitBytes';

/**
 * The largest body this route accepts, instead of BODY_LIMIT_BYTES: shown on the route itself, applied by
 * `applyRouteBodyLimits` as Fastify's own per-route `bodyLimit` (above it: 413, as any body over the limit).
 */
export const BodyLimit = (bytes: number) => RouteConfig({ [BODY_LIMIT_KEY]: bytes });

/** Registered before Nest adds its routes, so each route declared with `@BodyLimit` gets its limit. */
export function applyRouteBodyLimits(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    const bytes = (route.config as Record<string, unknown> | undefined)?.[BODY_LIMIT_KEY];
    if (typeof bytes === 'number') route.bodyLimit = bytes;
  });
}
