import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Observable, tap } from 'rxjs';
import { ACCESS_TOKEN_COOKIE } from './access-token.js';
import type { LoginResponseDto } from './dto/login-response.dto.js';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * Sets the issued token as an HttpOnly cookie for same-origin pages (the seed's React Query hook sends no header).
 * `Secure` is left out only on plain-http loopback, where browsers would otherwise drop the cookie in development.
 */
@Injectable()
export class AccessTokenCookieInterceptor implements NestInterceptor<LoginResponseDto, LoginResponseDto> {
  intercept(context: ExecutionContext, next: CallHandler<LoginResponseDto>): Observable<LoginResponseDto> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const insecureLoopback =
      request.protocol === 'http' && LOOPBACK_HOSTS.has(hostWithoutPort(request.hostname));
    return next.handle().pipe(
      tap(({ accessToken, expiresIn }) => {
        const attributes = [`Max-Age=${expiresIn}`, 'Path=/api', 'HttpOnly', 'SameSite=Strict'];
        if (!insecureLoopback) attributes.push('Secure');
        const cookie = [`${ACCESS_TOKEN_COOKIE}=${accessToken}`, ...attributes].join('; ');
        http.getResponse<FastifyReply>().header('Set-Cookie', cookie);
      }),
    );
  }
}

function hostWithoutPort(host: string): string {
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? host);
}
