import { readFile } from 'node:fs/promises';
import ts from 'typescript';

const SEED_PAGE = new URL('../../../../../shared/seed/get-dashboard-login-link.txt', import.meta.url);
const PRODUCTION_ORIGIN = 'https://api.bio.re';

/**
 * The product page's own `getDashboardLink` code sample, taken verbatim from the page and run unchanged: only the
 * `fetch` it calls is pointed at the test server instead of production.
 */
export async function seedGetDashboardLink(
  origin: string,
): Promise<(accessToken: string) => Promise<string>> {
  const page = await readFile(SEED_PAGE, 'utf8');
  const start = page.indexOf('async function getDashboardLink');
  const end = page.indexOf('// Usage', start);
  if (start < 0 || end < 0) throw new Error('getDashboardLink sample not found in the seed page');
  const javascript = ts.transpileModule(page.slice(start, end), {
    compilerOptions: { target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const fetchThroughTestServer = (url: string, init?: RequestInit) =>
    fetch(url.replace(PRODUCTION_ORIGIN, origin), init);
  return new Function('fetch', `${javascript}\nreturn getDashboardLink;`)(fetchThroughTestServer);
}
