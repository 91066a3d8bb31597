import { Injectable } from '@nestjs/common';
import { ServiceUnavailableError } from '../../common/errors/common.errors.js';
import { PrismaService } from '../database/prisma.service.js';
import { RedisConnection } from '../redis/redis.module.js';

type Check = 'up' | 'down';

@Injectable()
export class HealthService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly redis: RedisConnection,
  ) {}

  /** Ready when the database answers, and Redis too when one is configured. */
  async readiness(): Promise<{ status: 'ok'; checks: Record<string, Check> }> {
    const checks: Record<string, Check> = {
      database: await this.probe(() => this.prisma.$queryRaw`SELECT 1`),
    };
    const redis = this.redis.client;
    if (redis) checks.redis = await this.probe(() => redis.ping());
    const down = Object.entries(checks).filter(([, state]) => state === 'down');
    if (down.length > 0) {
      throw new ServiceUnavailableError({
        details: down.map(([name]) => ({ field: name, message: `${name} is unreachable` })),
      });
    }
    return { status: 'ok', checks };
  }

  private async probe(check: () => Promise<unknown>): Promise<Check> {
    try {
      await check();
      return 'up';
    } catch {
      return 'down';
    }
  }
}
