import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../platform/database/prisma.service.js';
import { ServiceUnavailableError } from '../../platform/errors/common.errors.js';
import { ShutdownDrain } from '../../platform/lifecycle/shutdown-drain.js';
import { RedisConnection } from '../../platform/redis/redis.module.js';

type Check = 'up' | 'down';

/** A check that has not answered by then counts as down: readiness answers within ~2 s whatever hangs. */
export const PROBE_TIMEOUT_MS = 2_000;

@Injectable()
export class HealthService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly redis: RedisConnection,
    private readonly drain: ShutdownDrain,
  ) {}

  /**
   * Ready when the database answers, and Redis too when one is configured; never once shutdown has begun, so load
   * balancers stop sending requests while this instance still serves them.
   */
  async readiness(): Promise<{ status: 'ok'; checks: Record<string, Check> }> {
    if (this.drain.isDraining) {
      throw new ServiceUnavailableError({
        details: [{ field: 'instance', message: 'instance is shutting down' }],
      });
    }
    const redis = this.redis.client;
    const [database, redisCheck] = await Promise.all([
      this.probe(() => this.prisma.$queryRaw`SELECT 1`),
      redis ? this.probe(() => redis.ping()) : undefined,
    ]);
    const checks: Record<string, Check> = { database };
    if (redisCheck) checks.redis = redisCheck;
    const down = Object.entries(checks).filter(([, state]) => state === 'down');
    if (down.length > 0) {
      throw new ServiceUnavailableError({
        details: down.map(([name]) => ({ field: name, message: `${name} is unreachable` })),
      });
    }
    return { status: 'ok', checks };
  }

  private async probe(check: () => Promise<unknown>): Promise<Check> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<Check>((resolve) => {
      timer = setTimeout(() => resolve('down'), PROBE_TIMEOUT_MS);
    });
    const answered = check().then(
      (): Check => 'up',
      (): Check => 'down',
    );
    try {
      return await Promise.race([answered, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }
}
