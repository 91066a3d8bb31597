import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClsModuleOptions, ClsService } from 'nestjs-cls';
import type { Logger } from 'pino';
import { CORRELATION_ID_HEADER, correlationIdFor } from './correlation-id.js';

/**
 * Opens each request's context: its correlation id (echoed or fresh, returned as a header), `Cache-Control:
 * no-store` on every API answer (tokens and one-shot URLs must never be cached), and one access-log line.
 */
export function requestContextOptions(accessLog: Logger): ClsModuleOptions {
  return {
    global: true,
    middleware: {
      mount: true,
      generateId: true,
      idGenerator: (request: IncomingMessage) => correlationIdFor(request.headers),
      setup: (cls: ClsService, request: IncomingMessage, response: ServerResponse) => {
        response.setHeader(CORRELATION_ID_HEADER, cls.getId());
        response.setHeader('Cache-Control', 'no-store');
        const startedAt = process.hrtime.bigint();
        response.once('finish', () => {
          accessLog.info(
            {
              correlationId: cls.getId(),
              userId: cls.get('userId'),
              method: request.method,
              route: request.url?.split('?')[0],
              status: response.statusCode,
              durationMs: Number(process.hrtime.bigint() - startedAt) / 1e6,
            },
            'request completed',
          );
        });
      },
    },
  };
}
