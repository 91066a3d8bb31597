/** The hosted pages behind the links the API hands out. */
import {
  factList,
  HOSTED_PAGE_PATHS,
  htmlPage,
  notFoundPage,
  type PageRequest,
  type PageResponse,
} from './hosted-page.js';
import { showOnboardingSession, submitOnboardingAction, visitAccountLink } from './onboarding-page.js';
import type { RoutePattern } from './routing.js';
import type { EmulatorState } from './state.js';

export interface PageRoute extends RoutePattern {
  respond(state: EmulatorState, request: PageRequest): PageResponse | Promise<PageResponse>;
}

function showExpressDashboard(state: EmulatorState, { pathParams }: PageRequest): PageResponse {
  const accountId = pathParams.account ?? '';
  const redemption = state.loginLinks.redeem(accountId, pathParams.token ?? '');
  if (redemption.outcome === 'unknown') return notFoundPage();
  if (redemption.outcome === 'gone') {
    return htmlPage(410, 'Link expired', '<p>This login link has already been used or has expired.</p>');
  }
  const account = state.accounts.get(accountId);
  const facts = factList([
    ['Account', accountId],
    ['Email', account?.email ?? '—'],
    ['Charges enabled', String(account?.charges_enabled ?? false)],
    ['Payouts enabled', String(account?.payouts_enabled ?? false)],
  ]);
  return htmlPage(200, 'Express dashboard', `<p>Stripe emulator</p>\n${facts}`);
}

export const pageRoutes: readonly PageRoute[] = [
  { method: 'GET', pattern: HOSTED_PAGE_PATHS.expressDashboard, respond: showExpressDashboard },
  { method: 'GET', pattern: HOSTED_PAGE_PATHS.accountLink, respond: visitAccountLink },
  { method: 'POST', pattern: HOSTED_PAGE_PATHS.accountLink, respond: submitOnboardingAction('link') },
  { method: 'GET', pattern: HOSTED_PAGE_PATHS.onboardingSession, respond: showOnboardingSession },
  {
    method: 'POST',
    pattern: HOSTED_PAGE_PATHS.onboardingSession,
    respond: submitOnboardingAction('session'),
  },
];
