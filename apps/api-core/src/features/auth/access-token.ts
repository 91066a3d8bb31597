import { createSecretKey, type KeyObject } from 'node:crypto';

export const ACCESS_TOKEN_COOKIE = 'access_token';
/** HS256 only: a token naming any other algorithm (`none`, RS256 with our secret as a "public key") is refused. */
export const ACCESS_TOKEN_ALGORITHM = 'HS256';

/**
 * The HMAC key as a KeyObject, built once. Handed a string, jsonwebtoken first tries to parse it as a PEM public
 * key on every call (and throws internally), on every request.
 */
export function accessTokenKey(secret: string): KeyObject {
  return createSecretKey(Buffer.from(secret, 'utf8'));
}
