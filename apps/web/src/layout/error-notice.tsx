import { ApiError } from '@biore/api-client';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

interface ErrorNoticeProps {
  error: unknown;
  /** What to say instead of the error's own text. */
  text?: string;
  /** How to word a validation problem of each body field the API may name in `details`. */
  fieldProblems?: Readonly<Record<string, MessageKey>>;
}

/** A failure, in the page's language, with what was wrong field by field and the correlation id support asks for. */
export function ErrorNotice({ error, text, fieldProblems = {} }: ErrorNoticeProps) {
  const { t, errorText } = useI18n();
  const apiError = error instanceof ApiError ? error : undefined;
  const problems = (apiError?.details ?? []).map(({ field, message }) => {
    const key = field === undefined ? undefined : fieldProblems[field];
    return key ? t(key) : message;
  });
  return (
    <div role="alert" className="notice notice-error">
      <p>{text ?? errorText(error)}</p>
      {problems.length > 0 && (
        <ul>
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      {apiError?.correlationId && (
        <small>{t('error.reference', { correlationId: apiError.correlationId })}</small>
      )}
    </div>
  );
}
