import { useGetDashboardLink, useStartOnboarding } from '@biore/api-client/react';
import { useI18n } from '../i18n/i18n';
import { ErrorNotice } from '../layout/error-notice';

const goTo = (url: string) => window.location.assign(url);

/** Fetches a fresh one-shot dashboard link on every click and leaves for it at once: never stored, never reused. */
export function ManagePayoutsButton() {
  const dashboardLink = useGetDashboardLink();
  const { t } = useI18n();
  return (
    <RedirectButton
      label={t('payouts.manage')}
      pending={dashboardLink.isPending}
      error={dashboardLink.error}
      onClick={() => dashboardLink.mutate(undefined, { onSuccess: goTo })}
    />
  );
}

/** Starts or resumes onboarding: the API answers a hosted Stripe page, which sends the creator back here. */
export function OnboardingButton({ label }: { label: string }) {
  const onboardingLink = useStartOnboarding();
  return (
    <RedirectButton
      label={label}
      pending={onboardingLink.isPending}
      error={onboardingLink.error}
      onClick={() => onboardingLink.mutate(undefined, { onSuccess: (link) => goTo(link.url) })}
    />
  );
}

interface RedirectButtonProps {
  label: string;
  pending: boolean;
  error: unknown;
  onClick(): void;
}

function RedirectButton({ label, pending, error, onClick }: RedirectButtonProps) {
  const { t } = useI18n();
  return (
    <>
      <button type="button" className="primary" disabled={pending} onClick={onClick}>
        {pending ? t('payouts.opening') : label}
      </button>
      {error ? <ErrorNotice error={error} /> : null}
    </>
  );
}
