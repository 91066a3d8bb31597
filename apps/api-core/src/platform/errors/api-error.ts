import { HttpStatus } from '@nestjs/common';

export type I18nVars = Record<string, string | number>;

export interface FieldProblem {
  field?: string;
  message: string;
}

/**
 * Every error the API answers with on purpose: a stable `code` clients branch on, an `i18nKey` they translate, and
 * the HTTP status that says who should act. The global filter renders it with the request's correlation id.
 */
export abstract class ApiError extends Error {
  abstract readonly status: HttpStatus;
  abstract readonly code: string;
  abstract readonly i18nKey: string;
  readonly i18nVars?: I18nVars;
  readonly details?: FieldProblem[];
  /** Seconds after which retrying makes sense; rendered as `Retry-After`. */
  readonly retryAfterSeconds?: number;

  constructor(
    options: {
      i18nVars?: I18nVars;
      details?: FieldProblem[];
      retryAfterSeconds?: number;
      cause?: unknown;
    } = {},
  ) {
    super(new.target.name, { cause: options.cause });
    this.name = new.target.name;
    this.i18nVars = options.i18nVars;
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** An error of the business rules: its code (`creator.stripe.not_active`) is its own translation key. */
export abstract class DomainError extends ApiError {
  get i18nKey(): string {
    return this.code;
  }
}
