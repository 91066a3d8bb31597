import { Injectable } from '@nestjs/common';
import type { ApiError } from './api-error.js';

/** What an error of a library or service outside our code means for our caller, or undefined when it is not its own. */
export type ForeignErrorTranslator = (error: unknown) => ApiError | undefined;

/**
 * Where each part of the app registers the translation of the foreign errors it owns (Stripe's in the Stripe
 * Connect feature, the database driver's in the database module), so the one exception filter renders them without
 * knowing any of them.
 */
@Injectable()
export class ForeignErrors {
  private readonly translators: ForeignErrorTranslator[] = [];

  register(translator: ForeignErrorTranslator): void {
    this.translators.push(translator);
  }

  translate(error: unknown): ApiError | undefined {
    for (const translator of this.translators) {
      const translated = translator(error);
      if (translated) return translated;
    }
    return undefined;
  }
}
