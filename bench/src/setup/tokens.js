/** Access tokens minted before any load, as the API's login would sign them, handed out in turn. */
import jwt from 'jsonwebtoken';

/** The API's rate limit on the route: each token may serve at most this many requests per API start. */
export const REQUESTS_PER_TOKEN_LIMIT = 10;
/**
 * The load acts as this many creators whatever the database's size, spread over the whole table (on a large
 * platform the rows asked for are scattered over the index and the heap, not the first pages), so only the
 * table's size changes between platforms: the emulator holds the same accounts (its cost per call grows with them).
 */
export const TOKEN_HOLDERS_MAX = 2_000;

/**
 * @param {import('./creators.js').TokenHolder[]} creators
 * @param {{ secret: string, issuer: string, audience: string, ttlSeconds: number }} signing
 * @returns {string[]}
 */
export function mintAccessTokens(creators, { secret, issuer, audience, ttlSeconds }) {
  return creators.map(({ userId }) =>
    jwt.sign({}, secret, { algorithm: 'HS256', subject: userId, issuer, audience, expiresIn: ttlSeconds }),
  );
}

/** Round-robin over the tokens, so every user is asked for equally and the limit is never reached. */
export class TokenRotation {
  #tokens;
  #handedOut = 0;

  /** @param {string[]} tokens */
  constructor(tokens) {
    this.#tokens = tokens;
  }

  /** @returns {string} */
  next() {
    const token = this.#tokens[this.#handedOut % this.#tokens.length];
    this.#handedOut += 1;
    return /** @type {string} */ (token);
  }

  /** How many more tokens can be handed out before one would be used past the rate limit. */
  get remaining() {
    return this.#tokens.length * REQUESTS_PER_TOKEN_LIMIT - this.#handedOut;
  }

  /** The most any one token has been handed out (an upper bound on the requests it served). */
  get maxUsesPerToken() {
    return Math.ceil(this.#handedOut / this.#tokens.length);
  }
}
