import { seedDemoData } from '@biore/database';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config.js';
import { InjectConfig } from '../../config/config.module.js';
import { PrismaService } from './prisma.service.js';

/** Puts the contract's demo users in place on a development start (never in production: config forbids it). */
@Injectable()
export class DemoDataSeeder implements OnApplicationBootstrap {
  constructor(
    private readonly prisma: PrismaService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedDemoData) return;
    await seedDemoData(this.prisma, this.config.environment);
    new Logger('Database').log('Demo users seeded (password: demo-password)');
  }
}
