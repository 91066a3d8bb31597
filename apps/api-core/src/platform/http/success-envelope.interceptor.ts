import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { REDIRECT_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import { map, type Observable } from 'rxjs';
import type { SuccessEnvelope } from './envelope.js';

/** Every route's answer is `{ success: true, data }` around what its handler returns; a redirect stays a redirect. */
@Injectable()
export class SuccessEnvelopeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (this.reflector.get(REDIRECT_METADATA, context.getHandler()) !== undefined) return next.handle();
    return next.handle().pipe(map((data): SuccessEnvelope<unknown> => ({ success: true, data })));
  }
}
