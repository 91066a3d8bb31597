/** What the hosted pages share: their paths, their request and response shapes and the HTML frame. */

export const HOSTED_PAGE_PATHS = {
  expressDashboard: '/express/:account/:token',
  /** Account links, both `account_onboarding` and `account_update`. */
  accountLink: '/setup/s/:account/:token',
  /** The onboarding a visited account link opens. */
  onboardingSession: '/setup/e/:account/:token',
} as const;

export interface PageRequest {
  pathParams: Record<string, string>;
  /** The request path, for forms that post back to the page. */
  path: string;
  /** The raw request body (form-encoded for the page's own forms). */
  body: string;
}

export type PageResponse = { status: number; html: string } | { status: 302; location: string };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

export function htmlPage(status: number, title: string, body: string): PageResponse {
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

export const notFoundPage = (): PageResponse =>
  htmlPage(404, 'Page not found', '<p>This link is not valid.</p>');

/** A definition list of label/value pairs, escaped. */
export function factList(facts: [label: string, value: string][]): string {
  const items = facts.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`);
  return `<dl>\n${items.join('\n')}\n</dl>`;
}
