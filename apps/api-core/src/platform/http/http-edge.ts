import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { ROUTES } from '../../routes.js';
import type { ApiError } from '../errors/api-error.js';
import {
  PayloadTooLargeError,
  RequestHeadersTooLargeError,
  RequestTimeoutError,
  UnsupportedMediaTypeError,
  ValidationFailedError,
} from '../errors/common.errors.js';
import type { Metrics } from '../metrics/metrics.js';
import { CORRELATION_ID_HEADER, correlationIdFor } from './correlation-id.js';
import { errorAnswer } from './error-answer.js';
import { serveInContext } from './request-context.js';

const JSON_MEDIA_TYPE = /^application\/json\s*(;|$)/i;
/** A GET or HEAD body means nothing (RFC 9110): Fastify never reads one. */
const BODYLESS_METHODS = new Set(['GET', 'HEAD']);

/** On every answer, Swagger's pages included: no sniffing, no framing, no referrer, no cross-site embedding, HTTPS. */
const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
};
const SECURITY_HEADER_ENTRIES = Object.entries(SECURITY_HEADERS);
/** On every answer but Swagger UI's page and assets (its scripts and styles need their own origin): a JSON answer loads nothing. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

const CORS_ALLOWED_METHODS = 'GET, HEAD, POST';
const CORS_ALLOWED_HEADERS = 'Authorization, Content-Type, Accept-Language, X-Correlation-Id';
const CORS_EXPOSED_HEADERS =
  'X-Correlation-Id, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset';
const CORS_PREFLIGHT_MAX_AGE_SECONDS = '600';

export interface HttpEdgeOptions {
  /** Exact browser origins allowed cross-origin, with credentials (the cookie); empty: same-origin only. */
  corsOrigins: readonly string[];
  /** Where each request's access line goes, once its answer is sent. */
  accessLog: Logger;
  /** Where each request's method, route template, status and duration are counted, once its answer is sent. */
  metrics: Metrics;
}

export interface HttpEdge {
  /**
   * What every request meets first, on every route (Swagger's pages and unknown routes
   * included): its correlation id is decided once and returned, the rest of the request runs in its context (see
   * request-context.ts), the security, CORS and `Cache-Control: no-store` headers are set (tokens and one-shot URLs
   * must never be cached), an allowed preflight is answered (204, through `answer`), and a body that is not JSON is
   * refused with 415 before any parser reads it, so no form or text parser is involved and a cross-site HTML form
   * cannot post a login. `route` is the template of the route the router matched (none for a 404).
   */
  handle(
    request: IncomingMessage,
    response: ServerResponse,
    next: (error?: Error) => void,
    options?: { route?: string; answer?: (status: number) => void },
  ): void;
  /** An error decided below Nest (Fastify's router refusing a path it cannot decode), answered as the filter would. */
  refuse(request: IncomingMessage, response: ServerResponse, error: ApiError): void;
}

export function createHttpEdge({ corsOrigins, accessLog, metrics }: HttpEdgeOptions): HttpEdge {
  const allowedOrigins = new Set(corsOrigins);

  function setEdgeHeaders(request: IncomingMessage, response: ServerResponse): string {
    const correlationId = correlationIdFor(request.headers);
    request.headers[CORRELATION_ID_HEADER] = correlationId;
    response.setHeader(CORRELATION_ID_HEADER, correlationId);
    response.setHeader('Cache-Control', 'no-store');
    for (const [name, value] of SECURITY_HEADER_ENTRIES) response.setHeader(name, value);
    if (!isSwaggerUi(request.url)) response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    if (allowedOrigins.size > 0) {
      // The answer depends on the Origin sent, so no cache may hand one origin's answer to another.
      response.setHeader('Vary', 'Origin');
      const origin = request.headers.origin;
      if (origin !== undefined && allowedOrigins.has(origin)) {
        response.setHeader('Access-Control-Allow-Origin', origin);
        response.setHeader('Access-Control-Allow-Credentials', 'true');
        response.setHeader('Access-Control-Expose-Headers', CORS_EXPOSED_HEADERS);
      }
    }
    return correlationId;
  }

  return {
    handle(request, response, next, { route, answer = (status: number) => endEmpty(response, status) } = {}) {
      const correlationId = setEdgeHeaders(request, response);
      serveInContext({ correlationId, route }, { accessLog, metrics }, request, response, () => {
        // Node would refuse it with a bare 400 of its own (requireHostHeader, turned off in bootstrap.ts).
        if (request.httpVersion === '1.1' && request.headers.host === undefined) {
          next(new ValidationFailedError({ details: [{ message: 'An HTTP/1.1 request must send Host' }] }));
          return;
        }
        if (isPreflight(request) && response.hasHeader('Access-Control-Allow-Origin')) {
          // Only an allowed origin's preflight is answered; any other falls through to the router (404, no CORS headers).
          response.setHeader('Access-Control-Allow-Methods', CORS_ALLOWED_METHODS);
          response.setHeader('Access-Control-Allow-Headers', CORS_ALLOWED_HEADERS);
          response.setHeader('Access-Control-Max-Age', CORS_PREFLIGHT_MAX_AGE_SECONDS);
          answer(204);
          return;
        }
        // `curl -H 'Content-Type: application/json' -X POST` sends a type but no body: nothing to parse, so no
        // parser may refuse it (Fastify would answer 400 on body-less routes such as dashboard-link).
        if (!carriesBody(request)) delete request.headers['content-type'];
        next(hasNonJsonBody(request) ? new UnsupportedMediaTypeError() : undefined);
      });
    },

    refuse(request, response, error) {
      const correlationId = setEdgeHeaders(request, response);
      const answer = errorAnswer(error, correlationId, request.headers['accept-language']);
      response.writeHead(answer.status, answer.headers);
      response.end(answer.body);
    },
  };
}

/**
 * Node's `clientError`: a request it could not parse (a malformed request line or header, a target with raw
 * non-ASCII bytes, headers over its 16 KiB limit), or a client too slow to send it whole within REQUEST_TIMEOUT_MS.
 * Answered in English with the envelope, then the connection is closed, as Node itself does (and with the same care
 * not to interleave with an answer already under way). A request whose headers arrived but whose body did not is
 * answered through its own response (its correlation id, its access line with the status); before that no request
 * exists, so the answer is written on the socket itself with a fresh correlation id.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  const inFlight = (socket as { _httpMessage?: ServerResponse | null })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const requestCorrelationId = inFlight?.getHeader(CORRELATION_ID_HEADER);
  const correlationId = typeof requestCorrelationId === 'string' ? requestCorrelationId : randomUUID();
  const answer = errorAnswer(apiErrorForClientError(error), correlationId, undefined);
  const headers = {
    ...SECURITY_HEADERS,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    ...answer.headers,
    Connection: 'close',
  };
  if (inFlight) {
    inFlight.writeHead(answer.status, headers);
    inFlight.end(answer.body, () => socket.destroy());
    return;
  }
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  socket.write(
    `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status]}\r\n${head.join('')}\r\n${answer.body}`,
  );
  socket.destroy();
}

function apiErrorForClientError(error: NodeJS.ErrnoException): ApiError {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return new RequestHeadersTooLargeError({ cause: error });
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return new PayloadTooLargeError({ cause: error });
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new RequestTimeoutError({ cause: error });
    default:
      return new ValidationFailedError({
        details: [{ message: 'The request could not be read' }],
        cause: error,
      });
  }
}

function isSwaggerUi(url: string | undefined): boolean {
  const path = url?.split('?')[0] ?? '';
  return path === `/${ROUTES.docs.ui}` || path.startsWith(`/${ROUTES.docs.ui}/`);
}

function isPreflight({ method, headers }: IncomingMessage): boolean {
  return method === 'OPTIONS' && headers['access-control-request-method'] !== undefined;
}

/** Whether the request's body is read at all (else it is left unread, whatever it holds). */
function bodyIsRead(request: IncomingMessage): boolean {
  return !BODYLESS_METHODS.has(request.method ?? '');
}

function carriesBody({ headers }: IncomingMessage): boolean {
  return headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0;
}

function hasNonJsonBody(request: IncomingMessage): boolean {
  return (
    bodyIsRead(request) &&
    carriesBody(request) &&
    !JSON_MEDIA_TYPE.test(request.headers['content-type'] ?? '')
  );
}

function endEmpty(response: ServerResponse, status: number): void {
  response.statusCode = status;
  response.end();
}
