import type { Prisma } from '@biore/database';
import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../platform/database/prisma.service.js';
import { NotCreatorError } from './stripe-connect.errors.js';

/** The creator profile of the caller a verified token names, as every creator route looks it up. */
@Injectable()
export class CreatorProfiles {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * One query. The JWT strategy has just found the token's user (a deleted one is 401 user_not_found before any
   * route runs), so no profile means a user who is not a creator: 404 not_creator.
   */
  async findForUser<Select extends Prisma.CreatorProfileSelect>(
    userId: string,
    select: Select,
  ): Promise<Prisma.CreatorProfileGetPayload<{ select: Select }>> {
    const profile = await this.prisma.creatorProfile.findUnique({ where: { userId }, select });
    if (!profile) throw new NotCreatorError();
    return profile;
  }
}
