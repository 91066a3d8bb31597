import { Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { ApiExceptionFilter } from './api-exception.filter.js';
import { SuccessEnvelopeInterceptor } from './success-envelope.interceptor.js';

/** The envelope around every answer: the success interceptor and the one exception filter. */
@Module({
  providers: [
    { provide: APP_INTERCEPTOR, useClass: SuccessEnvelopeInterceptor },
    { provide: APP_FILTER, useClass: ApiExceptionFilter },
  ],
})
export class HttpModule {}
