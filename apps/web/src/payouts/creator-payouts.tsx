import type { ConnectStatus } from '@biore/api-client';
import { useSyncConnectStatus } from '@biore/api-client/react';
import { useI18n } from '../i18n/i18n';
import { ErrorNotice } from '../layout/error-notice';
import { ManagePayoutsButton, OnboardingButton } from './stripe-buttons';

/** Where a creator whose account Stripe will not pay out to can reach the people who can look into it with Stripe. */
const SUPPORT_CONTACT = 'mailto:payouts@bio.re';

interface CreatorPayoutsProps {
  status: ConnectStatus;
  /** Stripe's onboarding just sent the creator back here. */
  returnedFromStripe: boolean;
}

export function CreatorPayouts({ status, returnedFromStripe }: CreatorPayoutsProps) {
  const { t, accountStatus } = useI18n();
  return (
    <section>
      {returnedFromStripe && <p className="notice notice-success">{t('payouts.returned')}</p>}
      {status.stripeAccountId && (
        <p className="status-line">
          {t('payouts.status')}{' '}
          <span className="status-badge" data-status={status.status}>
            {accountStatus(status.status)}
          </span>
        </p>
      )}
      <NextAction status={status} />
      {status.stripeAccountId && <CheckAgainButton />}
    </section>
  );
}

/** One call to action per next action the API derives from what Stripe says. */
function NextAction({ status }: { status: ConnectStatus }) {
  const { t, formatDate } = useI18n();
  switch (status.nextAction) {
    case 'none':
      return (
        <>
          <p>{t('payouts.active.text')}</p>
          <ManagePayoutsButton />
        </>
      );
    case 'start_onboarding':
      return <OnboardingStep step="start" />;
    case 'provide_information':
      // Onboarding left unfinished is what most of them are: said as such.
      if (!status.detailsSubmitted) return <OnboardingStep step="finish" />;
      return (
        <>
          <h2>{t('payouts.provide.title')}</h2>
          <p>
            {status.nextActionDeadline
              ? t('payouts.provide.deadline', { date: formatDate(status.nextActionDeadline) })
              : t('payouts.provide.text')}
          </p>
          <OnboardingButton label={t('payouts.provide')} />
          {status.status === 'ACTIVE' && <ManagePayoutsButton />}
        </>
      );
    case 'wait_for_review':
      return (
        <>
          <h2>{t('payouts.review.title')}</h2>
          <p>{t('payouts.review.text')}</p>
        </>
      );
    case 'contact_support':
      return (
        <>
          <h2>{t('payouts.support.title')}</h2>
          <p>{t('payouts.support.text')}</p>
          <a className="button primary" href={SUPPORT_CONTACT}>
            {t('payouts.support')}
          </a>
        </>
      );
    case 'update_bank_account':
      return (
        <>
          <h2>{t('payouts.bank.title')}</h2>
          <p>
            {status.lastPayoutFailure
              ? t('payouts.bank.failed', {
                  reason: status.lastPayoutFailure.message ?? status.lastPayoutFailure.code,
                })
              : t('payouts.bank.text')}
          </p>
          {/* The dashboard holds the bank details, but opens only for an ACTIVE account; otherwise Stripe's
              onboarding collects the new bank account. */}
          {status.status === 'ACTIVE' ? (
            <ManagePayoutsButton label={t('payouts.bank')} />
          ) : (
            <OnboardingButton label={t('payouts.bank')} />
          )}
        </>
      );
    case 'start_again':
      return <OnboardingStep step="again" />;
  }
}

/** A step only Stripe's onboarding takes: its title, what it means, and the button that opens onboarding. */
function OnboardingStep({ step }: { step: 'start' | 'finish' | 'again' }) {
  const { t } = useI18n();
  return (
    <>
      <h2>{t(`payouts.${step}.title`)}</h2>
      <p>{t(`payouts.${step}.text`)}</p>
      <OnboardingButton label={t(`payouts.${step}`)} />
    </>
  );
}

/** Asks Stripe now rather than waiting for its next event; the answer replaces what the page shows. */
function CheckAgainButton() {
  const { t } = useI18n();
  const sync = useSyncConnectStatus();
  return (
    <div className="check-again">
      <button type="button" className="link-button" disabled={sync.isPending} onClick={() => sync.mutate()}>
        {sync.isPending ? t('payouts.checking') : t('payouts.check')}
      </button>
      {sync.error && <ErrorNotice error={sync.error} />}
    </div>
  );
}
