import type { ApiError, ConnectStatus } from '@biore/api-client';
import { useConnectStatus } from '@biore/api-client/react';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { ErrorNotice } from '../layout/error-notice';
import { CreatorPayouts } from './creator-payouts';
import { SignInForm } from './sign-in-form';

interface PayoutsPageProps {
  /** Stripe's onboarding just sent the creator back here. */
  returnedFromStripe: boolean;
}

/** Signed out (the status route answers 401): the sign-in form; signed in: what this user can do about payouts. */
export function PayoutsPage({ returnedFromStripe }: PayoutsPageProps) {
  const status = useConnectStatus();
  const [choosingAccount, setChoosingAccount] = useState(false);
  const { t } = useI18n();

  if (status.isPending) return <p className="muted">{t('app.loading')}</p>;

  if (choosingAccount || status.error?.status === 401) {
    const sessionProblem =
      status.error?.i18nKey === 'auth.token.missing' ? undefined : (status.error ?? undefined);
    return <SignInForm sessionProblem={sessionProblem} onSignedIn={() => setChoosingAccount(false)} />;
  }

  return (
    <>
      <SignedInView error={status.error} status={status.data} returnedFromStripe={returnedFromStripe} />
      <button type="button" className="link-button" onClick={() => setChoosingAccount(true)}>
        {t('signIn.otherAccount')}
      </button>
    </>
  );
}

interface SignedInViewProps extends PayoutsPageProps {
  error: ApiError | null;
  status: ConnectStatus | undefined;
}

/** A fan learns payouts are for creators; a creator sees their account and its next step. */
function SignedInView({ error, status, returnedFromStripe }: SignedInViewProps) {
  const { errorText } = useI18n();
  if (error?.i18nKey === 'creator.stripe.not_creator') return <p className="notice">{errorText(error)}</p>;
  if (error || !status) return <ErrorNotice error={error} />;
  return <CreatorPayouts status={status} returnedFromStripe={returnedFromStripe} />;
}
