import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { map, type Observable } from 'rxjs';
import type { SuccessEnvelope } from './envelope.js';

/** Wraps every handler result in `{ success: true, data }`. */
@Injectable()
export class SuccessEnvelopeInterceptor<T> implements NestInterceptor<T, SuccessEnvelope<T>> {
  intercept(_context: ExecutionContext, next: CallHandler<T>): Observable<SuccessEnvelope<T>> {
    return next.handle().pipe(map((data) => ({ success: true, data })));
  }
}
