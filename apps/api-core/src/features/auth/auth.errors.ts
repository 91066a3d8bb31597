import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../../platform/errors/api-error.js';

export type UnauthorizedI18nKey =
  | 'auth.login.invalid_credentials'
  | 'auth.token.missing'
  | 'auth.token.invalid'
  | 'auth.token.expired'
  | 'auth.token.user_not_found';

/** One code for every authentication failure; the i18nKey tells the client which one. */
export class UnauthorizedError extends ApiError {
  readonly status = HttpStatus.UNAUTHORIZED;
  readonly code = 'AUTH_UNAUTHORIZED';

  constructor(
    readonly i18nKey: UnauthorizedI18nKey,
    cause?: unknown,
  ) {
    super({ cause });
  }
}
