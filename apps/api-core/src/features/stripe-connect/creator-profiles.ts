import type { Prisma } from '@biore/database';
import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../platform/database/prisma.service.js';
import { UnauthorizedError } from '../auth/auth.errors.js';
import { NotCreatorError } from './stripe-connect.errors.js';

/** The creator profile of the caller a verified token names, as every creator route looks it up. */
@Injectable()
export class CreatorProfiles {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * One query when the profile exists. Only when it does not, a second one tells a user without a profile
   * (404 not_creator) from one deleted since the token was issued (401 user_not_found), so the success path costs
   * no user lookup.
   */
  async findForUser<Select extends Prisma.CreatorProfileSelect>(
    userId: string,
    select: Select,
  ): Promise<Prisma.CreatorProfileGetPayload<{ select: Select }>> {
    const profile = await this.prisma.creatorProfile.findUnique({ where: { userId }, select });
    if (profile) return profile;
    const user = await this.prisma.user.findUnique({ where: { id: userId }, select: { id: true } });
    throw user ? new NotCreatorError() : new UnauthorizedError('auth.token.user_not_found');
  }
}
