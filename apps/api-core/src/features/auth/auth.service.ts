import { createHash, createHmac, hkdfSync, randomUUID } from 'node:crypto';
import { hashPassword, verifyPassword } from '@biore/database';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AppConfig } from '../../platform/config/app-config.js';
import { InjectConfig } from '../../platform/config/config.module.js';
import { PrismaService } from '../../platform/database/prisma.service.js';
import { clientNetwork } from '../../platform/http/client-network.js';
import { type RateLimit, RateLimiter } from '../../platform/rate-limit/rate-limiter.js';
import type { AccessTokenClaims } from './access-token.js';
import { AccessTokenRevocations } from './access-token-revocations.js';
import type { AuthenticatedUser } from './auth.decorators.js';
import { UnauthorizedError } from './auth.errors.js';
import type { LoginRequestDto } from './dto/login-request.dto.js';
import type { LoginResponseDto } from './dto/login-response.dto.js';
import type { LogoutResponseDto } from './dto/logout-response.dto.js';

const HOUR_MS = 3_600_000;

/**
 * Guessing one account's password from one network (an IPv4 address, an IPv6 /64): whoever types it gets ten tries
 * a quarter of an hour, and a lock on that pair locks nobody else out. Counted on top of the route's limit per
 * network (20 per 15 minutes, whatever the accounts named).
 */
export const LOGIN_LIMIT_PER_ACCOUNT_AND_NETWORK: RateLimit = { limit: 10, windowMs: HOUR_MS / 4 };

/**
 * Guessing one account's password from any number of networks: attempts from networks the account has not signed in
 * from lately share this ceiling, so a botnet gets at most 50 guesses a day on an account however many addresses it
 * has. Attempts from the account's own networks are never counted here: whatever others try, its owner keeps signing
 * in from where they usually do.
 */
export const LOGIN_LIMIT_PER_ACCOUNT_FROM_NEW_NETWORKS: RateLimit = { limit: 50, windowMs: 24 * HOUR_MS };

/** How long a network stays one of the account's own after a successful sign-in from it. */
export const SIGN_IN_NETWORK_MEMORY_MS = 90 * 24 * HOUR_MS;

@Injectable()
export class AuthService {
  /** Verified against when the email is unknown, so both failures cost one argon2 verification. */
  private readonly unknownUserHash = hashPassword('unknown-user-timing-equaliser');
  /** Keys the networks' digests, so the database names no address (a bare hash of an IPv4 address is reversible). */
  private readonly networkKey: Buffer;

  constructor(
    private readonly prisma: PrismaService,
    private readonly jwt: JwtService,
    private readonly rateLimiter: RateLimiter,
    private readonly revocations: AccessTokenRevocations,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    this.networkKey = Buffer.from(hkdfSync('sha256', config.jwt.secret, '', 'biore sign-in networks', 32));
  }

  /** Refuses the token this request carries, on every instance, until it would have expired. */
  async signOut(user: AuthenticatedUser): Promise<LogoutResponseDto> {
    await this.revocations.revoke(user);
    return { loggedOut: true };
  }

  /** Refuses every token issued to the user so far, this one included. */
  async signOutEverywhere(user: AuthenticatedUser): Promise<LogoutResponseDto> {
    await this.revocations.revokeAll(user.userId);
    return { loggedOut: true };
  }

  async login(credentials: LoginRequestDto, clientAddress: string): Promise<LoginResponseDto> {
    const email = credentials.email.trim().toLowerCase();
    const network = clientNetwork(clientAddress);
    const networkDigest = createHmac('sha256', this.networkKey).update(network).digest('hex');
    // Counted before the password is checked: a blocked attempt learns nothing and costs no hash verification.
    // Emails, known or not, are counted alike, so the limits tell nothing about which accounts exist.
    await this.rateLimiter.hit(
      `login:account-network:${sha256(`${email}\n${network}`)}`,
      LOGIN_LIMIT_PER_ACCOUNT_AND_NETWORK,
    );
    const user = await this.prisma.user.findUnique({
      where: { email },
      select: {
        id: true,
        passwordHash: true,
        tokenVersion: true,
        signInNetworks: {
          where: { networkDigest, lastSignedInAt: { gte: new Date(Date.now() - SIGN_IN_NETWORK_MEMORY_MS) } },
          select: { networkDigest: true },
        },
      },
    });
    if (!user?.signInNetworks.length)
      await this.rateLimiter.hit(`login:account:${sha256(email)}`, LOGIN_LIMIT_PER_ACCOUNT_FROM_NEW_NETWORKS);
    const passwordMatches = await verifyPassword(
      user?.passwordHash ?? (await this.unknownUserHash),
      credentials.password,
    );
    if (!user || !passwordMatches) throw new UnauthorizedError('auth.login.invalid_credentials');
    await this.rememberSignInNetwork(user.id, networkDigest);
    const claims: AccessTokenClaims = { ver: user.tokenVersion };
    // A random id: two sign-ins within the same second are still two tokens, each revocable on its own.
    const accessToken = await this.jwt.signAsync(claims, { subject: user.id, jwtid: randomUUID() });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.jwt.ttlSeconds };
  }

  /** Marks the network as the user's own from now on, and forgets those not used within the memory. */
  private async rememberSignInNetwork(userId: string, networkDigest: string): Promise<void> {
    const now = new Date();
    await this.prisma.$transaction([
      this.prisma.signInNetwork.deleteMany({
        where: { userId, lastSignedInAt: { lt: new Date(now.getTime() - SIGN_IN_NETWORK_MEMORY_MS) } },
      }),
      this.prisma.signInNetwork.upsert({
        where: { userId_networkDigest: { userId, networkDigest } },
        create: { userId, networkDigest, lastSignedInAt: now },
        update: { lastSignedInAt: now },
      }),
    ]);
  }
}

/** Keys name no email in clear (Redis is shared infrastructure). */
function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
