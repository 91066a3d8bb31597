import type { ApiError } from '@biore/api-client';
import { useGetDashboardLink, useStartOnboarding } from '@biore/api-client/react';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { ErrorNotice } from '../layout/error-notice';

/** Fetches a fresh one-shot dashboard link on a click and leaves for it at once: never stored, never reused. */
export function ManagePayoutsButton({ label }: { label?: string }) {
  const dashboardLink = useGetDashboardLink();
  const { t } = useI18n();
  return (
    <RedirectButton
      label={label ?? t('payouts.manage')}
      error={dashboardLink.error}
      fetchUrl={(leave, stay) => dashboardLink.mutate(undefined, { onSuccess: leave, onError: stay })}
    />
  );
}

/** Starts or resumes onboarding: the API answers a hosted Stripe page, which sends the creator back here. */
export function OnboardingButton({ label }: { label: string }) {
  const onboardingLink = useStartOnboarding();
  return (
    <RedirectButton
      label={label}
      error={onboardingLink.error}
      fetchUrl={(leave, stay) =>
        onboardingLink.mutate(undefined, { onSuccess: (link) => leave(link.url), onError: stay })
      }
    />
  );
}

interface RedirectButtonProps {
  label: string;
  error: ApiError | null;
  /** Asks the API for the URL, then calls `leave` with it, or `stay` if it failed. */
  fetchUrl(leave: (url: string) => void, stay: () => void): void;
}

/**
 * One request per departure: every link costs one of the ten an hour and works once, so the clicks that follow the
 * first (a double click, an impatient click while the browser leaves) are ignored. A ref, not state, guards it,
 * since a second click can come before React renders the button disabled.
 */
function RedirectButton({ label, error, fetchUrl }: RedirectButtonProps) {
  const { t } = useI18n();
  const departing = useRef(false);
  const [isDeparting, setDeparting] = useState(false);

  const setDeparture = (departs: boolean) => {
    departing.current = departs;
    setDeparting(departs);
  };

  // Back from Stripe, the browser may restore this page as it left it (back/forward cache): ready again.
  useEffect(() => {
    const rearm = (event: PageTransitionEvent) => {
      if (!event.persisted) return;
      departing.current = false;
      setDeparting(false);
    };
    window.addEventListener('pageshow', rearm);
    return () => window.removeEventListener('pageshow', rearm);
  }, []);

  const depart = () => {
    if (departing.current) return;
    setDeparture(true);
    fetchUrl(
      (url) => window.location.assign(url),
      () => setDeparture(false),
    );
  };

  return (
    <>
      <button type="button" className="primary" disabled={isDeparting} onClick={depart}>
        {isDeparting ? t('payouts.opening') : label}
      </button>
      {error && <ErrorNotice error={error} />}
    </>
  );
}
