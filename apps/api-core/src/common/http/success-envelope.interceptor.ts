import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { REDIRECT_METADATA } from '@nestjs/common/constants.js';
import { map, type Observable } from 'rxjs';
import type { SuccessEnvelope } from './envelope.js';

/** Wraps every handler result in `{ success: true, data }`, except a redirect's `{ url }`, which Nest follows. */
@Injectable()
export class SuccessEnvelopeInterceptor<T> implements NestInterceptor<T, SuccessEnvelope<T> | T> {
  intercept(context: ExecutionContext, next: CallHandler<T>): Observable<SuccessEnvelope<T> | T> {
    if (Reflect.hasMetadata(REDIRECT_METADATA, context.getHandler())) return next.handle();
    return next.handle().pipe(map((data) => ({ success: true, data })));
  }
}
