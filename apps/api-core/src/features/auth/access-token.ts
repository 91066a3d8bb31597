import { createHash, createSecretKey, type KeyObject } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ExtractJwt } from 'passport-jwt';

export const ACCESS_TOKEN_COOKIE = 'access_token';
/** HS256 only: a token naming any other algorithm (`none`, RS256 with our secret as a "public key") is refused. */
export const ACCESS_TOKEN_ALGORITHM = 'HS256';

/** What login signs besides the registered claims (`sub`, `iss`, `aud`, `iat`, `exp`). */
export interface AccessTokenClaims {
  /** The user's token version when it was issued; signing out everywhere raises it. Absent reads as 0. */
  ver?: number;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** The token of an `Authorization: Bearer` header. */
export const bearerToken = ExtractJwt.fromAuthHeaderAsBearerToken();

/** The token of the login cookie. */
export function cookieToken(request: { headers: { cookie?: string } }): string | null {
  for (const pair of request.headers.cookie?.split(';') ?? []) {
    const [name, ...value] = pair.trim().split('=');
    if (name === ACCESS_TOKEN_COOKIE) return value.join('=') || null;
  }
  return null;
}

/** The bearer header's token, or else the login cookie's (so a same-origin page needs no header). */
export const extractAccessToken = ExtractJwt.fromExtractors([bearerToken, cookieToken]);

/**
 * The HMAC key as a KeyObject, built once. Handed a string, jsonwebtoken first tries to parse it as a PEM public
 * key on every call (and throws internally): a third of the API's CPU per request, measured in bench/RESULTS.md.
 */
export function accessTokenKey(secret: string): KeyObject {
  return createSecretKey(Buffer.from(secret, 'utf8'));
}

/** How a revoked token is remembered: its SHA-256, so the database holds no usable token. */
export function accessTokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The `Set-Cookie` value carrying `token` for `maxAgeSeconds` (0 and an empty token clear it). `Secure` is left out
 * only on plain-http loopback, where browsers would otherwise drop the cookie in development.
 */
export function accessTokenCookie(request: FastifyRequest, token: string, maxAgeSeconds: number): string {
  const insecureLoopback =
    request.protocol === 'http' && LOOPBACK_HOSTS.has(hostWithoutPort(request.hostname));
  const attributes = [`Max-Age=${maxAgeSeconds}`, 'Path=/api', 'HttpOnly', 'SameSite=Strict'];
  if (!insecureLoopback) attributes.push('Secure');
  return [`${ACCESS_TOKEN_COOKIE}=${token}`, ...attributes].join('; ');
}

function hostWithoutPort(host: string): string {
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? host);
}
