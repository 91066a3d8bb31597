import { ApiError } from '@biore/api-client';
import { useI18n } from '../i18n/i18n';

/** A failure, in the page's language, with the correlation id support asks for. */
export function ErrorNotice({ error }: { error: unknown }) {
  const { t, errorText } = useI18n();
  const correlationId = error instanceof ApiError ? error.correlationId : undefined;
  return (
    <div role="alert" className="notice notice-error">
      <p>{errorText(error)}</p>
      {correlationId && <small>{t('error.reference', { correlationId })}</small>}
    </div>
  );
}
