import type { IncomingMessage, ServerResponse } from 'node:http';
import { UnsupportedMediaTypeError } from '../errors/common.errors.js';
import { CORRELATION_ID_HEADER, correlationIdFor } from './correlation-id.js';

const JSON_MEDIA_TYPE = /^application\/json\s*(;|$)/i;

/**
 * What every request meets first, on either adapter and on every route (Swagger's pages and unknown routes
 * included, which the request-context middleware never sees): its correlation id is decided once and returned
 * (the middleware and the error filter then reuse it), and a body that is not JSON is refused with 415 before any
 * parser reads it, so no form or text parser is involved and a cross-site HTML form cannot post a login.
 */
export function httpEdge(
  request: IncomingMessage,
  response: ServerResponse,
  next: (error?: Error) => void,
): void {
  const correlationId = correlationIdFor(request.headers);
  request.headers[CORRELATION_ID_HEADER] = correlationId;
  response.setHeader(CORRELATION_ID_HEADER, correlationId);
  next(hasNonJsonBody(request) ? new UnsupportedMediaTypeError() : undefined);
}

function hasNonJsonBody({ headers }: IncomingMessage): boolean {
  const hasBody = headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0;
  return hasBody && !JSON_MEDIA_TYPE.test(headers['content-type'] ?? '');
}
