import type { ApiError, FieldProblem, I18nVars } from '../errors/api-error.js';
import { translate } from '../i18n/translator.js';

export interface SuccessEnvelope<T> {
  success: true;
  data: T;
}

export interface ErrorBody {
  code: string;
  message: string;
  i18nKey: string;
  i18nVars?: I18nVars;
  details?: FieldProblem[];
  correlationId: string;
}

export interface ErrorEnvelope {
  success: false;
  error: ErrorBody;
}

/** The body of every error answer, whoever writes it (the filter, or the HTTP edge below Nest). */
export function errorEnvelope(error: ApiError, language: string, correlationId: string): ErrorEnvelope {
  return {
    success: false,
    error: {
      code: error.code,
      message: translate(error.i18nKey, language, error.i18nVars),
      i18nKey: error.i18nKey,
      ...(error.i18nVars && { i18nVars: error.i18nVars }),
      ...(error.details && { details: error.details }),
      correlationId,
    },
  };
}
