/**
 * The hosted onboarding behind account links. As on Stripe, visiting a link uses it up: the visit opens an
 * onboarding session (the page itself), and a second visit of the link, or a visit after it expired, sends
 * the browser to the platform's `refresh_url`. Instead of Stripe's forms the page offers one button per
 * outcome; choosing one ends the session and sends the browser to `return_url`.
 */
import { ONBOARDING_OUTCOMES, type OnboardingOutcome } from './account-states.js';
import { setAccountState } from './connect-changes.js';
import {
  escapeHtml,
  factList,
  HOSTED_PAGE_PATHS,
  htmlPage,
  notFoundPage,
  type PageRequest,
  type PageResponse,
} from './hosted-page.js';
import { fillPattern } from './routing.js';
import type { AccountLinkDetails, EmulatorState } from './state.js';

const OUTCOME_LABELS: Record<OnboardingOutcome, string> = {
  complete: 'Complete onboarding (requested capabilities active)',
  incomplete: 'Leave onboarding unfinished (details still due)',
  restrict: 'Submit details, then fail verification (identity document past due)',
  disable: 'Reject the account (rejected.other)',
};

function isOutcome(action: string | null): action is OnboardingOutcome {
  return ONBOARDING_OUTCOMES.some((outcome) => outcome === action);
}

/** Redirects to the platform's URL; a link created without one gets a plain page instead. */
function leaveFor(url: string | undefined, fallback: () => PageResponse): PageResponse {
  return url === undefined ? fallback() : { status: 302, location: url };
}

function refresh(details: AccountLinkDetails): PageResponse {
  return leaveFor(details.refresh_url, () =>
    htmlPage(410, 'Link expired', '<p>This account link has already been used or has expired.</p>'),
  );
}

function linkPath(request: PageRequest) {
  return { accountId: request.pathParams.account ?? '', token: request.pathParams.token ?? '' };
}

/** The requirements the link collects, as its `collection_options` (or `collect`) chose them. */
function collectedFields(state: EmulatorState, accountId: string, details: AccountLinkDetails): string[] {
  const account = state.accounts.get(accountId);
  if (!account) return [];
  const { requirements, future_requirements: future } = account;
  const { fields, future_requirements: includeFuture } = details.collection;
  return [
    ...new Set([
      ...requirements.currently_due,
      ...(fields === 'eventually_due' ? requirements.eventually_due : []),
      ...(includeFuture === 'include' ? [...future.currently_due, ...future.eventually_due] : []),
    ]),
  ];
}

/** A visit uses the link up and opens an onboarding session. */
export function visitAccountLink(state: EmulatorState, request: PageRequest): PageResponse {
  const { accountId, token } = linkPath(request);
  const redemption = state.accountLinks.redeem(accountId, token);
  if (redemption.outcome === 'unknown') return notFoundPage();
  if (redemption.outcome === 'gone') return refresh(redemption.link.details);
  const session = state.onboardingSessions.issue(accountId, redemption.link.details);
  return {
    status: 302,
    location: `${state.origin}${fillPattern(HOSTED_PAGE_PATHS.onboardingSession, { account: accountId, token: session.token })}`,
  };
}

export function showOnboardingSession(state: EmulatorState, request: PageRequest): PageResponse {
  const { accountId, token } = linkPath(request);
  const session = state.onboardingSessions.inspect(accountId, token);
  if (session.outcome === 'unknown') return notFoundPage();
  if (session.outcome === 'gone') return refresh(session.link.details);
  const { details } = session.link;
  const buttons = ONBOARDING_OUTCOMES.map(
    (outcome) => `<form method="post" action="${escapeHtml(request.path)}">
<input type="hidden" name="action" value="${outcome}">
<button type="submit">${escapeHtml(OUTCOME_LABELS[outcome])}</button>
</form>`,
  );
  const facts = factList([
    ['Account', accountId],
    ['Link type', details.type],
    ['Collects', collectedFields(state, accountId, details).join(', ') || 'nothing is due'],
  ]);
  return htmlPage(200, 'Account onboarding', `<p>Stripe emulator</p>\n${facts}\n${buttons.join('\n')}`);
}

/**
 * Applies the chosen outcome and sends the browser back to `return_url`, from the session's page, or, for
 * scripts that skip the page, straight from an unvisited link (which that uses up). The redirect waits for
 * the first attempt to deliver the events to each endpoint, so that the platform has normally heard of the
 * change by the time the browser returns; retries do not hold the redirect back.
 */
export function submitOnboardingAction(from: 'link' | 'session') {
  return async (state: EmulatorState, request: PageRequest): Promise<PageResponse> => {
    const action = new URLSearchParams(request.body).get('action');
    if (!isOutcome(action)) {
      return htmlPage(
        400,
        'Unknown action',
        `<p>The action must be one of ${ONBOARDING_OUTCOMES.join(', ')}.</p>`,
      );
    }
    const { accountId, token } = linkPath(request);
    const store = from === 'link' ? state.accountLinks : state.onboardingSessions;
    const redemption = store.redeem(accountId, token);
    if (redemption.outcome === 'unknown') return notFoundPage();
    if (redemption.outcome === 'gone') return refresh(redemption.link.details);
    await setAccountState(state, accountId, action).firstDeliveryAttempts;
    return leaveFor(redemption.link.details.return_url, () =>
      htmlPage(200, 'Onboarding finished', '<p>You can close this page.</p>'),
    );
  };
}
