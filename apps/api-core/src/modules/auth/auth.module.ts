import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { RateLimitModule } from '../rate-limit/rate-limit.module.js';
import { ACCESS_TOKEN_ALGORITHM, accessTokenKey } from './access-token.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';

@Module({
  imports: [
    RateLimitModule,
    // Global: the JWT guard verifies with it wherever it is used, and the onboarding flow signs its redirect state
    // with the same key, under an audience of its own.
    JwtModule.registerAsync({
      global: true,
      inject: [APP_CONFIG],
      useFactory: ({ jwt }: AppConfig) => ({
        secretOrKeyProvider: (
          (key) => () =>
            key
        )(accessTokenKey(jwt.secret)),
        signOptions: {
          algorithm: ACCESS_TOKEN_ALGORITHM,
          issuer: jwt.issuer,
          audience: jwt.audience,
          expiresIn: jwt.ttlSeconds,
        },
        verifyOptions: { algorithms: [ACCESS_TOKEN_ALGORITHM], issuer: jwt.issuer, audience: jwt.audience },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService],
})
export class AuthModule {}
