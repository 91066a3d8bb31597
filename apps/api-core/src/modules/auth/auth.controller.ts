import { Body, Controller, Post, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../../common/http/endpoint.decorator.js';
import { AccessTokenCookieInterceptor } from './access-token-cookie.interceptor.js';
import { UnauthorizedError } from './auth.errors.js';
import { AuthService } from './auth.service.js';
import { LoginRequestDto } from './dto/login-request.dto.js';
import { LoginResponseDto } from './dto/login-response.dto.js';

const FIFTEEN_MINUTES_MS = 900_000;

@ApiTags('Auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @UseInterceptors(AccessTokenCookieInterceptor)
  @Endpoint({
    summary: 'Log in',
    description:
      'Exchanges email and password for a JWT (also set as the HttpOnly `access_token` cookie for same-origin pages). ' +
      'Limited against brute force per client address (20 per 15 minutes) and per account (10 attempts naming the ' +
      'same email per 15 minutes, from any address).',
    auth: 'public',
    rateLimit: { limit: 20, windowMs: FIFTEEN_MINUTES_MS },
    response: LoginResponseDto,
    body: true,
    errors: [new UnauthorizedError('auth.login.invalid_credentials')],
  })
  login(@Body() credentials: LoginRequestDto): Promise<LoginResponseDto> {
    return this.auth.login(credentials);
  }
}
