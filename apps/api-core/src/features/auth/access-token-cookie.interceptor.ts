import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Observable, tap } from 'rxjs';
import { accessTokenCookie } from './access-token.js';
import type { LoginResponseDto } from './dto/login-response.dto.js';

/** Sets the issued token as an HttpOnly cookie for same-origin pages (the seed's React Query hook sends no header). */
@Injectable()
export class AccessTokenCookieInterceptor implements NestInterceptor<LoginResponseDto, LoginResponseDto> {
  intercept(context: ExecutionContext, next: CallHandler<LoginResponseDto>): Observable<LoginResponseDto> {
    const http = context.switchToHttp();
    return next.handle().pipe(
      tap(({ accessToken, expiresIn }) => {
        const cookie = accessTokenCookie(http.getRequest<FastifyRequest>(), accessToken, expiresIn);
        http.getResponse<FastifyReply>().header('Set-Cookie', cookie);
      }),
    );
  }
}

/** Clears the cookie once a sign-out has succeeded: the page forgets the token the API now refuses. */
@Injectable()
export class ClearAccessTokenCookieInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    return next.handle().pipe(
      tap(() => {
        const cookie = accessTokenCookie(http.getRequest<FastifyRequest>(), '', 0);
        http.getResponse<FastifyReply>().header('Set-Cookie', cookie);
      }),
    );
  }
}
