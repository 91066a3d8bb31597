import { isCrossOriginRequest } from './request-origin.js';

const OWN = 'https://api.bio.re';
const TRUSTED = new Set(['https://app.bio.re']);

describe('isCrossOriginRequest', () => {
  it.each<[string, Record<string, string>, boolean]>([
    ['no Origin, no Sec-Fetch-Site (curl, a server)', {}, false],
    ['our own Origin', { origin: OWN }, false],
    ['a trusted Origin', { origin: 'https://app.bio.re' }, false],
    ['another port', { origin: 'https://api.bio.re:8443' }, true],
    ['another scheme', { origin: 'http://api.bio.re' }, true],
    ['a sibling subdomain', { origin: 'https://evil.bio.re' }, true],
    ['Origin: null', { origin: 'null' }, true],
    [
      'another site, whatever Sec-Fetch-Site says',
      { origin: 'https://evil.test', 'sec-fetch-site': 'same-origin' },
      true,
    ],
    [
      'a trusted Origin, same-site by Sec-Fetch-Site',
      { origin: 'https://app.bio.re', 'sec-fetch-site': 'same-site' },
      false,
    ],
    ['no Origin, Sec-Fetch-Site same-origin', { 'sec-fetch-site': 'same-origin' }, false],
    ['no Origin, Sec-Fetch-Site none (typed, bookmarked)', { 'sec-fetch-site': 'none' }, false],
    ['no Origin, Sec-Fetch-Site same-site', { 'sec-fetch-site': 'same-site' }, true],
    ['no Origin, Sec-Fetch-Site cross-site', { 'sec-fetch-site': 'cross-site' }, true],
    ['no Origin, an unknown Sec-Fetch-Site', { 'sec-fetch-site': 'somewhere' }, true],
  ])('%s → %s', (_case, headers, crossOrigin) => {
    expect(isCrossOriginRequest(headers, OWN, TRUSTED)).toBe(crossOrigin);
  });
});
