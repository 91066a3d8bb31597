import { Body, Controller, HttpCode, HttpStatus, Post, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { minutes, Throttle } from '@nestjs/throttler';
import { ApiDoc } from '../../platform/http/api-docs.decorator.js';
import { ROUTES } from '../../routes.js';
import { AccessTokenCookieInterceptor } from './access-token-cookie.interceptor.js';
import { PublicRoute } from './auth.decorators.js';
import { UnauthorizedError } from './auth.errors.js';
import { AuthService } from './auth.service.js';
import { LoginRequestDto } from './dto/login-request.dto.js';
import { LoginResponseDto } from './dto/login-response.dto.js';

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
      'Limited against brute force per client address (20 per 15 minutes) and per account (10 attempts naming the ' +
      'same email per 15 minutes, from any address).',
    response: LoginResponseDto,
    body: true,
    errors: [new UnauthorizedError('auth.login.invalid_credentials')],
  })
  login(@Body() credentials: LoginRequestDto): Promise<LoginResponseDto> {
    return this.auth.login(credentials);
  }
}
