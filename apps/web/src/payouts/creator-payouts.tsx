import type { ConnectStatus } from '@biore/api-client';
import { useI18n } from '../i18n/i18n';
import { ManagePayoutsButton, OnboardingButton } from './stripe-buttons';

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
      <NextStep status={status} />
    </section>
  );
}

/** ACTIVE: the dashboard. Otherwise onboarding, to start or to finish (the product page's "not_active" advice). */
function NextStep({ status }: { status: ConnectStatus }) {
  const { t } = useI18n();
  if (status.status === 'ACTIVE') {
    return (
      <>
        <p>{t('payouts.active.text')}</p>
        <ManagePayoutsButton />
      </>
    );
  }
  if (!status.stripeAccountId) {
    return (
      <>
        <h2>{t('payouts.start.title')}</h2>
        <p>{t('payouts.start.text')}</p>
        <OnboardingButton label={t('payouts.start')} />
      </>
    );
  }
  return (
    <>
      <h2>{t('payouts.finish.title')}</h2>
      <p>{t('payouts.finish.text')}</p>
      <OnboardingButton label={t('payouts.finish')} />
    </>
  );
}
