import { Global, Module } from '@nestjs/common';
import { ForeignErrors } from './foreign-errors.js';

/** The registry where each part of the app adds the foreign errors it translates for the one exception filter. */
@Global()
@Module({ providers: [ForeignErrors], exports: [ForeignErrors] })
export class ErrorsModule {}
