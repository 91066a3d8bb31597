import type { FastifyInstance } from 'fastify';
import type { SuccessEnvelope } from './envelope.js';

/**
 * Every route's answer is `{ success: true, data }` around what its handler returns. Fastify calls
 * `preSerialization` only for a payload it is about to serialise, which here is only ever a handler's return value:
 * a redirect has no body, the exception filter and Swagger send strings already serialised, and an error status is
 * left as it is whatever sent it. A hook rather than a global Nest interceptor, which would run an rxjs pipeline
 * for every request (bench/RESULTS.md, "Where the time goes").
 */
export function envelopeSuccessAnswers(fastify: FastifyInstance): void {
  fastify.addHook('preSerialization', (_request, reply, payload, done) => {
    if (reply.statusCode >= 400) done(null, payload);
    else done(null, { success: true, data: payload } satisfies SuccessEnvelope<unknown>);
  });
}
