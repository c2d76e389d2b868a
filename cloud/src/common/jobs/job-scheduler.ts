import { Global, Inject, Injectable, Logger, Module, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { REDIS_CLIENT } from '../redis/redis.module.js';

/** One run of a scheduled job: `id` names the tick, the same on whichever instance runs it. */
export interface JobRun {
  id: string;
}

interface Registration {
  every: number;
  run: (tick: JobRun) => Promise<unknown>;
}

const QUEUE = 'jobs';

/**
 * The service's periodic work (deadline sweep, visit reminders, notification delivery). With
 * REDIS_URL set, each job is a BullMQ job scheduler shared by every instance: the schedule is stored
 * once under the job's name, and each tick is taken by exactly one instance's worker. Without Redis,
 * one instance keeps an in-process timer per job, skipping a tick while the previous run still goes.
 * In the api role (MANYI_ROLE=api) nothing is declared and no worker starts: the worker role runs them.
 */
@Injectable()
export class JobScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobScheduler.name);
  private readonly jobs = new Map<string, Registration>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Set<Promise<unknown>>();
  private queue: Queue | null = null;
  private worker: Worker | null = null;
  private started = false;
  /** Ticks wait for this before they run: see pauseWhile. */
  private gate: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Whether this process runs scheduled jobs: every role but api. */
  get runsJobs(): boolean {
    return this.config.role !== 'api';
  }

  /**
   * Runs `run` every `ms` milliseconds; call it from onModuleInit (or later: it starts at once). In the
   * api role this declares nothing.
   */
  async every(name: string, ms: number, run: (tick: JobRun) => Promise<unknown>): Promise<void> {
    if (!this.runsJobs) return;
    this.jobs.set(name, { every: ms, run });
    if (this.started) await this.schedule(name);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.started = true;
    if (!this.runsJobs) return;
    if (this.redis) {
      const prefix = this.config.redisPrefix;
      this.queue = new Queue(QUEUE, { connection: this.redis, prefix });
      // Without a listener BullMQ prints a lost connection to the console, outside the JSON log.
      this.queue.on('error', (error) => this.logger.warn({ err: error }, 'job queue error'));
      this.worker = new Worker(QUEUE, (job: Job) => this.execute(job.name, { id: job.id ?? `${job.name}:${job.timestamp}` }), {
        connection: this.redis,
        prefix,
        concurrency: 4,
      });
      this.worker.on('error', (error) => this.logger.warn({ err: error }, 'job worker error'));
    }
    for (const name of this.jobs.keys()) await this.schedule(name);
  }

  /**
   * Runs `work` once this process's job runs in progress have finished, with its scheduled jobs held:
   * a tick that comes meanwhile waits and runs after it. The demo district is written by the workflow
   * on a replayed clock, so a real sweep between its steps (a slow start can take longer than a job's
   * first interval) would both race its steps and date events out of order.
   */
  async pauseWhile<T>(work: () => Promise<T>): Promise<T> {
    const done = Promise.allSettled([...this.running]).then(work);
    this.gate = Promise.allSettled([this.gate, done]);
    return done;
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers.length = 0;
    // Let a run in progress finish before the database and Redis close under it.
    await this.worker?.close();
    await this.queue?.close();
    await Promise.allSettled([...this.running]);
  }

  /** The job names the shared schedule holds (Redis), or this instance's timers. */
  async scheduled(): Promise<string[]> {
    if (!this.queue) return [...this.jobs.keys()];
    return (await this.queue.getJobSchedulers()).map((s) => s.key);
  }

  private async schedule(name: string): Promise<void> {
    const job = this.jobs.get(name)!;
    if (this.queue) {
      // Upserting by name is idempotent: every instance declares the same schedule, Redis keeps one.
      await this.queue.upsertJobScheduler(name, { every: job.every }, { name, opts: { removeOnComplete: 50, removeOnFail: 50 } });
      return;
    }
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      void this.execute(name, { id: `${name}:${Date.now()}` }).finally(() => {
        busy = false;
      });
    }, job.every);
    timer.unref();
    this.timers.push(timer);
  }

  private async execute(name: string, tick: JobRun): Promise<void> {
    const job = this.jobs.get(name);
    if (!job) return;
    const started = performance.now();
    const run = this.gate
      .then(() => job.run(tick))
      // Debug level: a tick every few seconds would drown the info log; with LOG_LEVEL=debug it shows which instance took each tick.
      .then(() => this.logger.debug({ job: name, tick: tick.id, ms: Math.round(performance.now() - started) }, 'scheduled job ran'))
      .catch((error: unknown) => this.logger.error(error as Error, `scheduled job ${name} failed`));
    this.running.add(run);
    try {
      await run;
    } finally {
      this.running.delete(run);
    }
  }
}

@Global()
@Module({ providers: [JobScheduler], exports: [JobScheduler] })
export class JobsModule {}
