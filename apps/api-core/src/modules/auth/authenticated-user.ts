import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

/** Who a verified access token speaks for (its `sub`). */
export interface AuthenticatedUser {
  userId: string;
}

/** The caller the JWT guard verified; only valid on guarded routes. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser => context.switchToHttp().getRequest().user,
);
