import type { ApiError } from '@biore/api-client';
import { useLogin } from '@biore/api-client/react';
import type { FormEvent } from 'react';
import { useI18n } from '../i18n/i18n';
import { ErrorNotice } from '../layout/error-notice';

interface SignInFormProps {
  /** Why the previous session ended (expired, invalid), if it did. */
  sessionProblem?: ApiError;
  onSignedIn(): void;
}

/** Login sets the HttpOnly cookie that identifies every later call of this page; no token is kept here. */
export function SignInForm({ sessionProblem, onSignedIn }: SignInFormProps) {
  const login = useLogin();
  const { t } = useI18n();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const credentials = { email: String(form.get('email')), password: String(form.get('password')) };
    login.mutate(credentials, { onSuccess: onSignedIn });
  };

  return (
    <form className="sign-in" onSubmit={submit}>
      <h2>{t('signIn.title')}</h2>
      {sessionProblem && <ErrorNotice error={sessionProblem} />}
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
      {login.error && <ErrorNotice error={login.error} />}
    </form>
  );
}
