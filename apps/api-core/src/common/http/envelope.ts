import type { FieldProblem, I18nVars } from '../errors/api-error.js';

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
