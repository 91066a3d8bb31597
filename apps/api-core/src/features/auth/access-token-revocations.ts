import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../platform/database/prisma.service.js';
import type { AuthenticatedUser } from './auth.decorators.js';

/** What the database says of a correctly signed, unexpired token. */
export type AccessTokenStanding = 'valid' | 'revoked' | 'user_not_found';

/**
 * Sign-out in the database, so it holds on every instance at once and survives restarts: one token by its digest
 * (until it would have expired), or all of a user's tokens by raising the version they carry.
 */
@Injectable()
export class AccessTokenRevocations {
  constructor(private readonly prisma: PrismaService) {}

  /** One round trip on every authenticated request: the user's current token version, and this token's revocation. */
  async standing(userId: string, tokenDigest: string, tokenVersion: number): Promise<AccessTokenStanding> {
    const [user] = await this.prisma.$queryRaw<Array<{ tokenVersion: number; revoked: boolean }>>`
      SELECT u.token_version AS "tokenVersion",
             EXISTS (SELECT 1 FROM revoked_access_tokens r WHERE r.token_digest = ${tokenDigest}) AS revoked
      FROM users u
      WHERE u.id = ${userId}::uuid`;
    if (!user) return 'user_not_found';
    return user.revoked || user.tokenVersion !== tokenVersion ? 'revoked' : 'valid';
  }

  /** Refuses this token from now until its expiry; entries past theirs are removed on the way. */
  async revoke({ userId, token }: AuthenticatedUser): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.revokedAccessToken.deleteMany({ where: { expiresAt: { lt: new Date() } } }),
      this.prisma.revokedAccessToken.upsert({
        where: { tokenDigest: token.digest },
        create: { tokenDigest: token.digest, userId, expiresAt: token.expiresAt },
        update: {},
      }),
    ]);
  }

  /** Refuses every token issued to the user so far, wherever it is: each carries the version this raises. */
  async revokeAll(userId: string): Promise<void> {
    await this.prisma.user.update({ where: { id: userId }, data: { tokenVersion: { increment: 1 } } });
  }
}
