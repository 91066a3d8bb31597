import type { ApiError, ConnectStatus } from '@biore/api-client';
import { connectStatusQuery, useApiClient } from '@biore/api-client/react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { ErrorNotice } from '../layout/error-notice';
import { useSession } from '../session/session';
import { CreatorPayouts } from './creator-payouts';
import { SignInForm } from './sign-in-form';
import { SignOutButton } from './sign-out-button';

interface PayoutsPageProps {
  /** Stripe's onboarding just sent the creator back here. */
  returnedFromStripe: boolean;
}

/** Signed out: the sign-in form; signed in: what this user can do about payouts. */
export function PayoutsPage({ returnedFromStripe }: PayoutsPageProps) {
  const session = useSession();
  const status = useQuery({ ...connectStatusQuery(useApiClient()), enabled: session.signedIn });
  /** The session "Use another account" was pressed in: the form stays until another sign-in replaces it. */
  const [switchingFrom, setSwitchingFrom] = useState<number>();
  const { t } = useI18n();

  if (!session.signedIn || switchingFrom === session.signIns) {
    return <SignInForm sessionEndedBy={session.endedBy} />;
  }
  if (status.isPending) {
    return (
      <p role="status" className="muted">
        {t('app.loading')}
      </p>
    );
  }
  return (
    <>
      <SignedInView error={status.error} status={status.data} returnedFromStripe={returnedFromStripe} />
      <div className="account-actions">
        <button type="button" className="link-button" onClick={() => setSwitchingFrom(session.signIns)}>
          {t('signIn.otherAccount')}
        </button>
        <SignOutButton />
      </div>
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
