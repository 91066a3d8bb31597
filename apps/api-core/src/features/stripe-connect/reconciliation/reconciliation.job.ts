import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { AppConfig } from '../../../platform/config/app-config.js';
import { InjectConfig } from '../../../platform/config/config.module.js';
import { ScheduledJobs } from '../../../platform/scheduling/scheduled-jobs.js';
import { ReconciliationService } from './reconciliation.service.js';

/** The name `pnpm reconcile` runs it by, and its queue's in Redis. */
export const STRIPE_RECONCILIATION_JOB = 'stripe-reconciliation';

/** Declares the reconciliation as the deployment's scheduled job, every RECONCILIATION_INTERVAL_SECONDS. */
@Injectable()
export class ReconciliationJob implements OnModuleInit {
  constructor(
    private readonly jobs: ScheduledJobs,
    private readonly reconciliation: ReconciliationService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.define({
      name: STRIPE_RECONCILIATION_JOB,
      intervalMs: this.config.reconciliation.intervalMs,
      run: async ({ previousRunStartedAt, signal }) => {
        await this.reconciliation.reconcileAllAccounts({
          previousPassStartedAt: previousRunStartedAt,
          signal,
        });
      },
    });
  }
}
