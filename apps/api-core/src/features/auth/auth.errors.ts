import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../../platform/errors/api-error.js';

export type UnauthorizedI18nKey =
  | 'auth.login.invalid_credentials'
  | 'auth.token.missing'
  | 'auth.token.invalid'
  | 'auth.token.expired'
  | 'auth.token.user_not_found'
  | 'auth.token.revoked';

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

/**
 * A request authenticated by the login cookie that its browser says a page of another origin sent (another port, a
 * subdomain, another site): the browser attached the cookie, the user did not ask. Bearer requests never get this.
 */
export class CrossOriginRequestError extends ApiError {
  readonly status = HttpStatus.FORBIDDEN;
  readonly code = 'CROSS_ORIGIN_REQUEST_REFUSED';
  readonly i18nKey = 'auth.cross_origin_request';
}
