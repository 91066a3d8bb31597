import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import type { AppConfig } from '../../platform/config/app-config.js';
import { APP_CONFIG } from '../../platform/config/config.module.js';
import { ACCESS_TOKEN_ALGORITHM, accessTokenKey } from './access-token.js';
import { AccessTokenRevocations } from './access-token-revocations.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { JwtStrategy } from './jwt.strategy.js';

@Module({
  imports: [
    PassportModule,
    // Global: the onboarding flow signs its redirect state with the same key, under an audience of its own.
    JwtModule.registerAsync({
      global: true,
      inject: [APP_CONFIG],
      useFactory: ({ jwt }: AppConfig) => {
        const key = accessTokenKey(jwt.secret);
        return {
          secretOrKeyProvider: () => key,
          signOptions: {
            algorithm: ACCESS_TOKEN_ALGORITHM,
            issuer: jwt.issuer,
            audience: jwt.audience,
            expiresIn: jwt.ttlSeconds,
          },
          verifyOptions: { algorithms: [ACCESS_TOKEN_ALGORITHM], issuer: jwt.issuer, audience: jwt.audience },
        };
      },
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, AccessTokenRevocations, JwtStrategy],
})
export class AuthModule {}
