import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorTranslator } from '../errors/error-translator.js';
import { correlationIdFor } from './correlation-id.js';
import { errorAnswer } from './error-answer.js';
import { requestContextOf, requestLogFields } from './request-context.js';

/** The one place any error thrown while serving a request becomes the contract's envelope. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  constructor(private readonly errors: ErrorTranslator) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const error = this.errors.toApiError(exception);
    if (error.status >= HttpStatus.INTERNAL_SERVER_ERROR) {
      // The path only: a query string can carry a signed onboarding state.
      this.logger.error(
        {
          ...requestLogFields(requestContextOf(request.raw)),
          err: exception,
          code: error.code,
          status: error.status,
        },
        `${request.method} ${request.url.split('?')[0]} failed`,
      );
    }
    // The HTTP edge decided the correlation id and put it in the request's headers.
    const answer = errorAnswer(error, correlationIdFor(request.headers), request.headers['accept-language']);
    http.getResponse<FastifyReply>().code(answer.status).headers(answer.headers).send(answer.body);
  }
}
