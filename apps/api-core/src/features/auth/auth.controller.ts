import { Body, Controller, HttpCode, HttpStatus, Ip, Post, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { minutes, Throttle } from '@nestjs/throttler';
import { ValidationFailedError } from '../../platform/errors/common.errors.js';
import { ApiDoc } from '../../platform/http/api-docs.decorator.js';
import { ROUTES } from '../../routes.js';
import {
  AccessTokenCookieInterceptor,
  ClearAccessTokenCookieInterceptor,
} from './access-token-cookie.interceptor.js';
import { type AuthenticatedUser, BearerAuth, CurrentUser, PublicRoute } from './auth.decorators.js';
import { UnauthorizedError } from './auth.errors.js';
import { AuthService } from './auth.service.js';
import { LoginRequestDto } from './dto/login-request.dto.js';
import { LoginResponseDto } from './dto/login-response.dto.js';
import { LogoutResponseDto } from './dto/logout-response.dto.js';

/** Sign-out reads no body, but one declared JSON is parsed, and refused when it is not. */
const BODY_NOT_JSON = new ValidationFailedError({ details: [{ message: 'Body is not valid JSON' }] });

@ApiTags('Auth')
@Controller(ROUTES.auth.base)
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post(ROUTES.auth.login)
  @HttpCode(HttpStatus.OK)
  @PublicRoute()
  @Throttle({ default: { limit: 20, ttl: minutes(15) } })
  @UseInterceptors(AccessTokenCookieInterceptor)
  @ApiDoc({
    operationId: 'login',
    summary: 'Log in',
    description:
      'Exchanges email and password for a JWT (also set as the HttpOnly `access_token` cookie for same-origin pages). ' +
      'Limited against brute force per client address (20 per 15 minutes), per account and address (10 per 15 ' +
      'minutes), and per account from addresses it has not signed in from lately (50 a day).',
    response: LoginResponseDto,
    body: true,
    errors: [new UnauthorizedError('auth.login.invalid_credentials')],
  })
  login(@Body() credentials: LoginRequestDto, @Ip() clientAddress: string): Promise<LoginResponseDto> {
    return this.auth.login(credentials, clientAddress);
  }

  @Post(ROUTES.auth.logout)
  @HttpCode(HttpStatus.OK)
  @BearerAuth()
  @Throttle({ default: { limit: 30, ttl: minutes(15) } })
  @UseInterceptors(ClearAccessTokenCookieInterceptor)
  @ApiDoc({
    operationId: 'logout',
    summary: 'Sign out',
    description:
      'Revokes the access token the request carries (bearer header, else cookie) on every instance until it ' +
      'expires, and clears the `access_token` cookie.',
    response: LogoutResponseDto,
    errors: [BODY_NOT_JSON],
  })
  logout(@CurrentUser() user: AuthenticatedUser): Promise<LogoutResponseDto> {
    return this.auth.signOut(user);
  }

  @Post(ROUTES.auth.logoutEverywhere)
  @HttpCode(HttpStatus.OK)
  @BearerAuth()
  @Throttle({ default: { limit: 10, ttl: minutes(15) } })
  @UseInterceptors(ClearAccessTokenCookieInterceptor)
  @ApiDoc({
    operationId: 'logoutEverywhere',
    summary: 'Sign out everywhere',
    description:
      'Revokes every access token issued to the user so far, on every device and instance, this one included ' +
      '(for a token that may have leaked), and clears the `access_token` cookie. Signing in again issues a new one.',
    response: LogoutResponseDto,
    errors: [BODY_NOT_JSON],
  })
  logoutEverywhere(@CurrentUser() user: AuthenticatedUser): Promise<LogoutResponseDto> {
    return this.auth.signOutEverywhere(user);
  }
}
