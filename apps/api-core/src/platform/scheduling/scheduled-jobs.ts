import { type BeforeApplicationShutdown, Global, Injectable, Logger, Module } from '@nestjs/common';
import { type Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { AppConfig } from '../config/app-config.js';
import { InjectConfig } from '../config/config.module.js';

/** Work the deployment does once per interval, whichever of its instances takes the turn. */
export interface ScheduledJob {
  /** Names the job's queue and Redis keys: keep it stable across releases. */
  name: string;
  intervalMs: number;
  run(context: ScheduledRun): Promise<void>;
}

export interface ScheduledRun {
  /** When the last run that finished had started (scheduled or by hand); undefined before any, or without Redis. */
  previousRunStartedAt: Date | undefined;
  /** Aborted when the process shuts down: stop at the next point where stopping leaves nothing half done. */
  signal: AbortSignal;
}

/** Redis answers this watermark or we go on without it: a run by hand must not wait for an absent Redis. */
const WATERMARK_TIMEOUT_MS = 2_000;
/** Finished runs kept in Redis, for an operator to look at; older ones are dropped. */
const RUNS_KEPT = 50;

/**
 * Runs each defined job once per interval for the whole deployment, on BullMQ's job schedulers in the Redis the
 * instances already share: the scheduler makes one job per interval and the one Worker of each instance that takes
 * it runs it (one job of a queue at a time, so a run longer than its interval delays the next instead of overlapping
 * it). Without REDIS_URL nothing is scheduled; `runNow` (the commands) works everywhere.
 */
@Injectable()
export class ScheduledJobs implements BeforeApplicationShutdown {
  private readonly logger = new Logger('ScheduledJobs');
  private readonly jobs = new Map<string, ScheduledJob>();
  private readonly shutdown = new AbortController();
  private readonly closers: Array<() => Promise<void>> = [];

  constructor(@InjectConfig() private readonly config: AppConfig) {}

  /** Features declare their jobs while the app starts; nothing runs until `start()` or `runNow()`. */
  define(job: ScheduledJob): void {
    this.jobs.set(job.name, job);
  }

  /**
   * The server's part (start-server.ts, once listening): schedule every job for the deployment and take turns running
   * them. Returns at once: Redis need not be up yet, the scheduling waits for it.
   */
  start(): void {
    if (this.jobs.size === 0) return;
    const { url } = this.config.redis;
    if (!url) {
      this.logger.warn(
        { event: 'scheduled_jobs_off', jobs: [...this.jobs.keys()] },
        'No REDIS_URL: scheduled jobs do not run (run them by hand)',
      );
      return;
    }
    // BullMQ's workers wait on Redis with blocking commands: their connection must queue and retry, not fail fast.
    const connection = this.watched(new Redis(url, { maxRetriesPerRequest: null }));
    this.closers.push(async () => connection.disconnect());
    for (const job of this.jobs.values()) this.schedule(job, connection);
  }

  /** One run in this process, now (a command run by hand), with the same watermark as scheduled runs. */
  async runNow(name: string): Promise<void> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`No scheduled job named ${JSON.stringify(name)}`);
    const { url } = this.config.redis;
    const redis = url
      ? this.watched(new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: WATERMARK_TIMEOUT_MS }))
      : undefined;
    try {
      await this.runAndRecord(job, redis, { trigger: 'manual' });
    } finally {
      redis?.disconnect();
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.shutdown.abort();
    // In reverse: workers finish their run (it stops at its next safe point), then queues, then the connection.
    for (const close of this.closers.reverse()) await close();
  }

  private schedule(job: ScheduledJob, connection: Redis): void {
    const options = { connection, prefix: this.bullPrefix() };
    const queue = new Queue(job.name, options);
    const worker = new Worker(
      job.name,
      (scheduled: Job) => this.runAndRecord(job, connection, { trigger: 'schedule', runId: scheduled.id }),
      { ...options, concurrency: 1 },
    );
    // Redis outages are already reported once by the connection (watched); this is their echo, per command.
    const echo = (error: Error) => this.logger.debug(`Scheduled job ${job.name}: ${error.message}`);
    queue.on('error', echo);
    worker.on('error', echo);
    worker.on('failed', (scheduled, error) =>
      this.logger.error({ job: job.name, runId: scheduled?.id, err: error }, 'Scheduled job failed'),
    );
    this.closers.push(
      () => queue.close(),
      () => worker.close(),
    );
    void Promise.all([
      queue.setGlobalConcurrency(1),
      queue.upsertJobScheduler(
        job.name,
        // Counted from when the job is first scheduled, not from each start: instances starting or restarting
        // upsert the same scheduler and keep its next run where it is.
        { every: job.intervalMs, startDate: Date.now() + job.intervalMs },
        { name: job.name, opts: { removeOnComplete: RUNS_KEPT, removeOnFail: RUNS_KEPT } },
      ),
    ]).then(
      () => this.logger.log({ job: job.name, intervalMs: job.intervalMs }, 'Scheduled job registered'),
      (error: unknown) => this.logger.error({ job: job.name, err: error }, 'Scheduled job not registered'),
    );
  }

  private async runAndRecord(
    job: ScheduledJob,
    redis: Redis | undefined,
    details: { trigger: 'schedule' | 'manual'; runId?: string },
  ): Promise<void> {
    const startedAt = new Date();
    const previousRunStartedAt = redis && (await this.readWatermark(redis, job.name));
    const fields = { job: job.name, ...details, runSlot: slotOf(details.runId) };
    this.logger.log(
      { ...fields, previousRunStartedAt: previousRunStartedAt?.toISOString() ?? null },
      'Scheduled job started',
    );
    await job.run({ previousRunStartedAt, signal: this.shutdown.signal });
    const elapsedMs = Date.now() - startedAt.getTime();
    // Cut short, the run did not cover what the next one would skip after a recorded start.
    if (this.shutdown.signal.aborted)
      return this.logger.warn({ ...fields, elapsedMs }, 'Scheduled job interrupted by the shutdown');
    if (redis) await this.recordWatermark(redis, job.name, startedAt);
    this.logger.log({ ...fields, elapsedMs }, 'Scheduled job finished');
  }

  private async readWatermark(redis: Redis, name: string): Promise<Date | undefined> {
    try {
      const stored = await withTimeout(redis.get(this.watermarkKey(name)));
      return stored === null ? undefined : new Date(Number(stored));
    } catch (error) {
      this.logger.warn(
        { job: name, err: error },
        'Previous run unknown (Redis did not answer): running without it',
      );
      return undefined;
    }
  }

  /** Only ever moves forward: a run that started earlier but finished later does not take the watermark back. */
  private async recordWatermark(redis: Redis, name: string, startedAt: Date): Promise<void> {
    try {
      await withTimeout(
        redis.eval(
          "local stored = tonumber(redis.call('GET', KEYS[1]) or '0') if tonumber(ARGV[1]) > stored then redis.call('SET', KEYS[1], ARGV[1]) end",
          1,
          this.watermarkKey(name),
          String(startedAt.getTime()),
        ),
      );
    } catch (error) {
      this.logger.warn(
        { job: name, err: error },
        'Run not recorded (Redis did not answer): the next run looks further back',
      );
    }
  }

  private bullPrefix(): string {
    return `${this.config.redis.keyPrefix}jobs`;
  }

  private watermarkKey(name: string): string {
    return `${this.bullPrefix()}:${name}:last-run-started-at`;
  }

  /** One warning when Redis goes away and one line when it is back, not one per reconnection attempt. */
  private watched(redis: Redis): Redis {
    let broken = false;
    redis.on('error', (error: Error) => {
      if (broken) return;
      broken = true;
      this.logger.warn(`Redis unreachable for scheduled jobs: ${error.message}`);
    });
    redis.on('ready', () => {
      if (!broken) return;
      broken = false;
      this.logger.log('Redis back for scheduled jobs');
    });
    return redis;
  }
}

/** BullMQ names a scheduler's jobs `repeat:<scheduler>:<due time in ms>`: the time slot this run is for. */
function slotOf(runId: string | undefined): string | undefined {
  const dueAt = Number(runId?.slice(runId.lastIndexOf(':') + 1));
  return Number.isFinite(dueAt) && dueAt > 0 ? new Date(dueAt).toISOString() : undefined;
}

function withTimeout<T>(pending: Promise<T>): Promise<T> {
  return Promise.race([
    pending,
    new Promise<never>((_, reject) => {
      setTimeout(
        () => reject(new Error(`no answer within ${WATERMARK_TIMEOUT_MS} ms`)),
        WATERMARK_TIMEOUT_MS,
      ).unref();
    }),
  ]);
}

@Global()
@Module({ providers: [ScheduledJobs], exports: [ScheduledJobs] })
export class SchedulingModule {}
