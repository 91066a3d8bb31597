/** Secret-key authentication, as Stripe accepts it: `Bearer <key>`, or Basic auth with the key as user. */
import { stripeErrors } from './errors.js';

function presentedKey(authorization: string | undefined): string {
  const [scheme = '', credentials = ''] = (authorization ?? '').trim().split(/\s+/, 2);
  switch (scheme.toLowerCase()) {
    case 'bearer':
      return credentials;
    case 'basic':
      return Buffer.from(credentials, 'base64').toString('utf8').split(':')[0] ?? '';
    default:
      return '';
  }
}

/** Returns the key the request authenticated with, or throws Stripe's 401. */
export function authenticate(authorization: string | undefined, secretKey: string): string {
  const key = presentedKey(authorization);
  if (key === '') throw stripeErrors.missingApiKey();
  if (key !== secretKey) throw stripeErrors.invalidApiKey(key);
  return key;
}
