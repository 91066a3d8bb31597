import { useLogout } from '@biore/api-client/react';
import { useI18n } from '../i18n/i18n';
import { ErrorNotice } from '../layout/error-notice';
import { focusPageTitle } from '../layout/page-layout';
import { endSession } from '../session/session';

/** Ends the session on the API (cookie cleared, token revoked) and in the page, back to the sign-in form. */
export function SignOutButton() {
  const logout = useLogout();
  const { t } = useI18n();

  const signOut = () => {
    // As for signing in, the promise: it settles whatever becomes of this button (and of the mutation cache, which
    // signing out clears) meanwhile. A failure is shown from `logout.error`.
    logout.mutateAsync().then(signedOut, () => undefined);
  };

  return (
    <>
      <button type="button" className="link-button" disabled={logout.isPending} onClick={signOut}>
        {logout.isPending ? t('signOut.submitting') : t('signOut.submit')}
      </button>
      {logout.error && <ErrorNotice error={logout.error} />}
    </>
  );
}

function signedOut(): void {
  endSession();
  focusPageTitle();
}
