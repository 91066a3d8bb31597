import { createHash } from 'node:crypto';
import { hashPassword, verifyPassword } from '@biore/database';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AppConfig } from '../../platform/config/app-config.js';
import { InjectConfig } from '../../platform/config/config.module.js';
import { PrismaService } from '../../platform/database/prisma.service.js';
import { type RateLimit, RateLimiter } from '../../platform/rate-limit/rate-limiter.js';
import { UnauthorizedError } from './auth.errors.js';
import type { LoginRequestDto } from './dto/login-request.dto.js';
import type { LoginResponseDto } from './dto/login-response.dto.js';

/**
 * Brute force against one account from many addresses: attempts naming the same email (known or not, so the limit
 * tells nothing about which accounts exist), on top of the per-address limit of the route.
 */
export const LOGIN_LIMIT_PER_ACCOUNT: RateLimit = { limit: 10, windowMs: 900_000 };

@Injectable()
export class AuthService {
  /** Verified against when the email is unknown, so both failures cost one argon2 verification. */
  private readonly unknownUserHash = hashPassword('unknown-user-timing-equaliser');

  constructor(
    private readonly prisma: PrismaService,
    private readonly jwt: JwtService,
    private readonly rateLimiter: RateLimiter,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async login(credentials: LoginRequestDto): Promise<LoginResponseDto> {
    const email = credentials.email.trim().toLowerCase();
    // Counted before the password is checked: a blocked attempt learns nothing and costs no hash verification.
    await this.rateLimiter.hit(`login:account:${sha256(email)}`, LOGIN_LIMIT_PER_ACCOUNT);
    const user = await this.prisma.user.findUnique({
      where: { email },
      select: { id: true, passwordHash: true },
    });
    const passwordMatches = await verifyPassword(
      user?.passwordHash ?? (await this.unknownUserHash),
      credentials.password,
    );
    if (!user || !passwordMatches) throw new UnauthorizedError('auth.login.invalid_credentials');
    const accessToken = await this.jwt.signAsync({}, { subject: user.id });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.jwt.ttlSeconds };
  }
}

/** Keys name no email in clear (Redis is shared infrastructure). */
function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
