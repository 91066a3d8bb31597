/** The API's sign-out check on every authenticated request, unchanged: one query, the same SQL. */
import { createHash } from 'node:crypto';

/**
 * The query of apps/api-core/src/features/auth/access-token-revocations.ts (`standing`), its two values as the
 * placeholders Prisma's `$queryRaw` sends them as (the bench checks the API's copy).
 */
export const TOKEN_STANDING_SQL = `SELECT u.token_version AS "tokenVersion",
             EXISTS (SELECT 1 FROM revoked_access_tokens r WHERE r.token_digest = $1) AS revoked
      FROM users u
      WHERE u.id = $2::uuid`;

/** How the API remembers a revoked token: its SHA-256. @param {string} token */
export function tokenDigest(token) {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Whether the user still exists and the token was neither revoked nor outdated by a sign-out everywhere.
 * @param {import('@biore/database').PrismaClient} prisma
 * @param {string} userId
 * @param {string} token
 * @param {number} tokenVersion the token's `ver` claim (absent: 0)
 * @returns {Promise<'valid' | 'revoked' | 'user_not_found'>}
 */
export async function tokenStanding(prisma, userId, token, tokenVersion) {
  const [user] = /** @type {{ tokenVersion: number, revoked: boolean }[]} */ (
    await prisma.$queryRawUnsafe(TOKEN_STANDING_SQL, tokenDigest(token), userId)
  );
  if (!user) return 'user_not_found';
  return user.revoked || user.tokenVersion !== tokenVersion ? 'revoked' : 'valid';
}
