import { hashPassword, verifyPassword } from '@biore/database';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AppConfig } from '../../config/app-config.js';
import { InjectConfig } from '../../config/config.module.js';
import { PrismaService } from '../database/prisma.service.js';
import { UnauthorizedError } from './auth.errors.js';
import type { LoginRequestDto } from './dto/login-request.dto.js';
import type { LoginResponseDto } from './dto/login-response.dto.js';

@Injectable()
export class AuthService {
  /** Verified against when the email is unknown, so both failures cost one argon2 verification. */
  private readonly unknownUserHash = hashPassword('unknown-user-timing-equaliser');

  constructor(
    private readonly prisma: PrismaService,
    private readonly jwt: JwtService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async login({ email, password }: LoginRequestDto): Promise<LoginResponseDto> {
    const user = await this.prisma.user.findUnique({
      where: { email: email.trim().toLowerCase() },
      select: { id: true, passwordHash: true },
    });
    const passwordMatches = await verifyPassword(
      user?.passwordHash ?? (await this.unknownUserHash),
      password,
    );
    if (!user || !passwordMatches) throw new UnauthorizedError('auth.login.invalid_credentials');
    const accessToken = await this.jwt.signAsync({}, { subject: user.id });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.jwt.ttlSeconds };
  }
}
