import { Global, Module } from '@nestjs/common';
import { ErrorTranslator } from './error-translator.js';
import { ForeignErrors } from './foreign-errors.js';

/** What errors mean for the caller (ErrorTranslator), and the registry where each part of the app adds its foreign ones. */
@Global()
@Module({ providers: [ForeignErrors, ErrorTranslator], exports: [ForeignErrors, ErrorTranslator] })
export class ErrorsModule {}
