/**
 * The hosted onboarding page behind account links. Instead of Stripe's forms it offers one button per
 * outcome. A link may be shown until an outcome is chosen; choosing one uses it up, and from then on, or
 * once it expired, the link sends the browser to the platform's `refresh_url`, as Stripe does.
 */
import { updateAccount } from './account-updates.js';
import { ONBOARDING_OUTCOMES, type OnboardingOutcome } from './accounts.js';
import {
  escapeHtml,
  factList,
  htmlPage,
  notFoundPage,
  type PageRequest,
  type PageResponse,
} from './hosted-page.js';
import type { AccountLinkDetails, EmulatorState } from './state.js';

const OUTCOME_LABELS: Record<OnboardingOutcome, string> = {
  complete: 'Complete onboarding (charges and payouts enabled)',
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

export function showOnboardingPage(state: EmulatorState, request: PageRequest): PageResponse {
  const { accountId, token } = linkPath(request);
  const redemption = state.accountLinks.inspect(accountId, token);
  if (redemption.outcome === 'unknown') return notFoundPage();
  if (redemption.outcome === 'gone') return refresh(redemption.link.details);
  const buttons = ONBOARDING_OUTCOMES.map(
    (outcome) => `<form method="post" action="${escapeHtml(request.path)}">
<input type="hidden" name="action" value="${outcome}">
<button type="submit">${escapeHtml(OUTCOME_LABELS[outcome])}</button>
</form>`,
  );
  const facts = factList([
    ['Account', accountId],
    ['Link type', redemption.link.details.type],
  ]);
  return htmlPage(200, 'Account onboarding', `<p>Stripe emulator</p>\n${facts}\n${buttons.join('\n')}`);
}

/**
 * Applies the chosen outcome and sends the browser back to `return_url`. The redirect waits for the first
 * attempt to deliver `account.updated` to each endpoint, so that the platform has normally heard of the
 * change by the time the browser returns; retries do not hold the redirect back.
 */
export async function submitOnboardingAction(
  state: EmulatorState,
  request: PageRequest,
): Promise<PageResponse> {
  const action = new URLSearchParams(request.body).get('action');
  if (!isOutcome(action)) {
    return htmlPage(
      400,
      'Unknown action',
      `<p>The action must be one of ${ONBOARDING_OUTCOMES.join(', ')}.</p>`,
    );
  }
  const { accountId, token } = linkPath(request);
  const redemption = state.accountLinks.redeem(accountId, token);
  if (redemption.outcome === 'unknown') return notFoundPage();
  if (redemption.outcome === 'gone') return refresh(redemption.link.details);
  await updateAccount(state, accountId, action).firstDeliveryAttempts;
  return leaveFor(redemption.link.details.return_url, () =>
    htmlPage(200, 'Onboarding finished', '<p>You can close this page.</p>'),
  );
}
