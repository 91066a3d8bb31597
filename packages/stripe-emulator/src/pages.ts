/** The hosted pages behind the links the API hands out. */
import type { RoutePattern } from './routing.js';
import type { EmulatorState } from './state.js';

export const HOSTED_PAGE_PATHS = {
  expressDashboard: '/express/:account/:token',
  /** Account links point here; the hosted onboarding page is to be served at this path. */
  accountOnboarding: '/setup/s/:account/:token',
} as const;

export interface HtmlResponse {
  status: number;
  html: string;
}

export interface PageRoute extends RoutePattern {
  render(state: EmulatorState, pathParams: Record<string, string>): HtmlResponse;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function page(status: number, title: string, body: string): HtmlResponse {
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>
`;
  return { status, html };
}

const notFoundPage = (): HtmlResponse => page(404, 'Page not found', '<p>This link is not valid.</p>');

function renderExpressDashboard(state: EmulatorState, pathParams: Record<string, string>): HtmlResponse {
  const accountId = pathParams.account ?? '';
  const redemption = state.loginLinks.redeem(accountId, pathParams.token ?? '');
  if (redemption.outcome === 'unknown') return notFoundPage();
  if (redemption.outcome === 'gone') {
    return page(410, 'Link expired', '<p>This login link has already been used or has expired.</p>');
  }
  const account = state.accounts.get(accountId);
  const facts: [label: string, value: string][] = [
    ['Account', accountId],
    ['Email', account?.email ?? '—'],
    ['Charges enabled', String(account?.charges_enabled ?? false)],
    ['Payouts enabled', String(account?.payouts_enabled ?? false)],
  ];
  const list = facts
    .map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`)
    .join('\n');
  return page(200, 'Express dashboard', `<p>Stripe emulator</p>\n<dl>\n${list}\n</dl>`);
}

export const pageRoutes: readonly PageRoute[] = [
  { method: 'GET', pattern: HOSTED_PAGE_PATHS.expressDashboard, render: renderExpressDashboard },
];
