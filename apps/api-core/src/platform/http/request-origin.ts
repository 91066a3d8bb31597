import type { IncomingHttpHeaders } from 'node:http';

/** What `Sec-Fetch-Site` says of a request a page of our own origin sent, or a user typed or bookmarked. */
const SAME_ORIGIN_FETCH_SITES = new Set(['same-origin', 'none']);

/**
 * Whether a browser says the request was sent by a page of another origin: its `Origin` names one that is neither
 * `ownOrigin` nor trusted (`Origin: null`, from sandboxes and redirects, included), or, without `Origin` (a GET, a
 * navigation), its `Sec-Fetch-Site` says anything but same-origin. A request with neither header comes from no
 * browser (curl, a server), which sends no one else's cookie.
 */
export function isCrossOriginRequest(
  headers: IncomingHttpHeaders,
  ownOrigin: string,
  trustedOrigins: ReadonlySet<string>,
): boolean {
  const { origin } = headers;
  if (origin !== undefined) return origin !== ownOrigin && !trustedOrigins.has(origin);
  const fetchSite = headers['sec-fetch-site'];
  return fetchSite !== undefined && !SAME_ORIGIN_FETCH_SITES.has(fetchSite);
}
