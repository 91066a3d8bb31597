import type { ApiError } from '@biore/api-client';
import { useLogin } from '@biore/api-client/react';
import type { FormEvent } from 'react';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { ErrorNotice } from '../layout/error-notice';
import { focusPageTitle } from '../layout/page-layout';
import { beginSession } from '../session/session';

interface SignInFormProps {
  /** Why the session ended while the page was open (expired, revoked), if it did. */
  sessionEndedBy?: ApiError;
}

/** The fields of the login body, as the API names them in a validation error's `details`. */
const FIELD_PROBLEMS: Record<string, MessageKey> = {
  email: 'signIn.problem.email',
  password: 'signIn.problem.password',
};

/** Login sets the HttpOnly cookie that identifies every later call of this page; no token is kept here. */
export function SignInForm({ sessionEndedBy }: SignInFormProps) {
  const login = useLogin();
  const { t } = useI18n();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const credentials = { email: String(form.get('email')), password: String(form.get('password')) };
    // The promise, not mutate()'s callbacks: those are dropped when this form unmounts, which login's reset of
    // the cached answers causes when another account was shown. A failure is shown from `login.error`.
    login.mutateAsync(credentials).then(signedIn, () => undefined);
  };

  return (
    <form className="sign-in" onSubmit={submit}>
      <h2>{t('signIn.title')}</h2>
      {/* No cookie at all on a page that had a session: the browser dropped it when it expired. */}
      {sessionEndedBy && (
        <ErrorNotice
          error={sessionEndedBy}
          text={sessionEndedBy.i18nKey === 'auth.token.missing' ? t('signIn.sessionEnded') : undefined}
        />
      )}
      <label>
        {t('signIn.email')}
        <input name="email" type="email" autoComplete="username" required />
      </label>
      <label>
        {t('signIn.password')}
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <button type="submit" className="primary" disabled={login.isPending}>
        {login.isPending ? t('signIn.submitting') : t('signIn.submit')}
      </button>
      {login.error && <ErrorNotice error={login.error} fieldProblems={FIELD_PROBLEMS} />}
    </form>
  );
}

function signedIn(): void {
  beginSession();
  focusPageTitle();
}
