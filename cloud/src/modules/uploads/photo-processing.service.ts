import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { LessThan, type Repository } from 'typeorm';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppException } from '../../common/errors/app.exception.js';
import { JobScheduler } from '../../common/jobs/job-scheduler.js';
import { REDIS_CLIENT } from '../../common/redis/redis.module.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { processPhoto } from './photo-processor.js';
import { PhotoStorage } from './photo-storage.js';
import { Photo } from './photo.entity.js';

/** One photo to re-encode. The original's key travels along so that it can go even when the row has gone. */
export interface PhotoJob {
  photoId: number;
  originalKey: string;
}

const QUEUE = 'photos';
/**
 * With Redis, an upload whose queuing failed (Redis unreachable for a moment) stays pending; a shared
 * schedule queues such photos again, once they are older than a minute (younger ones are still on
 * their way through the queue; queuing them again would change nothing anyway, see enqueue).
 */
const REQUEUE_EVERY_MS = 60_000;
const REQUEUE_AFTER_MS = 60_000;
/** How long a read of a still-pending photo waits for the worker role to process it (api role), and how often it looks. */
export const PENDING_READ_WAIT_MS = 3_000;
const PENDING_READ_POLL_MS = 100;

/**
 * Re-encodes acknowledged uploads (照片处理) outside the request: the stored photo and its thumbnail,
 * without metadata, then the uploaded bytes are removed. With REDIS_URL set the work is a BullMQ queue
 * that every instance's worker takes from (retried with back-off); without Redis, one in-process line.
 * Either way photos still `pending` at start are queued again, so a crash or a lost queue entry loses
 * nothing, and a read of a pending photo processes it at once (processedPhoto) rather than waiting.
 * One photo at a time per instance: the re-encoding is CPU work that must not crowd out the requests.
 *
 * In the api role (MANYI_ROLE=api) photos are only queued: no worker, no queuing again at start, and a
 * read of a pending photo waits a moment for the worker role, which processes each photo exactly once,
 * then answers 503 with Retry-After (照片处理中) rather than re-encoding it in the api process.
 */
@Injectable()
export class PhotoProcessingService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(PhotoProcessingService.name);
  /** Photos being processed in this instance, so a read and the job share one run. */
  private readonly running = new Map<number, Promise<Photo | null>>();
  private queue: Queue<PhotoJob> | null = null;
  private worker: Worker<PhotoJob> | null = null;
  /** The in-process line (no Redis): jobs waiting, and the one that drains them. */
  private readonly waiting: PhotoJob[] = [];
  private draining: Promise<void> | null = null;
  private closing = false;
  /** api role: reads waiting for the worker, one poll per photo however many read it at once. */
  private readonly awaited = new Map<number, Promise<Photo | null>>();
  /** api role: how long a read waits for the worker before answering 503 (tests shorten it). */
  pendingReadWaitMs = PENDING_READ_WAIT_MS;

  constructor(
    @InjectRepository(Photo) private readonly photos: Repository<Photo>,
    private readonly storage: PhotoStorage,
    @Inject(REDIS_CLIENT) private readonly redis: Redis | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scheduler: JobScheduler,
  ) {}

  /** Whether this process re-encodes photos: every role but api. */
  get processesPhotos(): boolean {
    return this.config.role !== 'api';
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.redis) {
      const connection = this.redis;
      const prefix = this.config.redisPrefix;
      this.queue = new Queue<PhotoJob>(QUEUE, { connection, prefix });
      this.queue.on('error', (error) => this.logger.warn({ err: error }, 'photo queue error'));
      if (this.processesPhotos) {
        this.worker = new Worker<PhotoJob>(QUEUE, (job: Job<PhotoJob>) => this.process(job.data).then(() => undefined), {
          connection,
          prefix,
          concurrency: 1,
        });
        this.worker.on('error', (error) => this.logger.warn({ err: error }, 'photo worker error'));
      }
    }
    // Several api instances starting at once would each queue the same photos again: the worker does it.
    if (!this.processesPhotos) return;
    const queued = await this.requeuePending(new Date());
    if (queued) this.logger.log({ photos: queued }, 'photos left pending by an earlier run queued again');
    if (this.redis)
      await this.scheduler.every('photo-requeue', REQUEUE_EVERY_MS, async () => {
        const late = await this.requeuePending(new Date(Date.now() - REQUEUE_AFTER_MS));
        if (late) this.logger.warn({ photos: late }, 'photos still pending after a minute queued again');
      });
  }

  /** Queues again the photos still pending that were uploaded before `before`; answers how many. */
  async requeuePending(before: Date): Promise<number> {
    const pending = await this.photos.find({
      where: { status: 'pending', createdAt: LessThan(before) },
      select: { id: true, originalKey: true },
      order: { id: 'ASC' },
    });
    for (const photo of pending) await this.enqueue({ photoId: photo.id, originalKey: photo.originalKey! });
    return pending.length;
  }

  async beforeApplicationShutdown(): Promise<void> {
    // What has not started stays `pending` in the database and is queued again at the next start.
    this.closing = true;
    this.waiting.length = 0;
    await this.worker?.close();
    await this.queue?.close();
    await this.draining;
    await Promise.allSettled([...this.running.values(), ...this.awaited.values()]);
  }

  /**
   * Queues the photo's processing, after its row is committed. A queue that cannot take it (Redis
   * down) is logged, not thrown: the upload is already acknowledged, and the photo stays pending until
   * a read or the next start processes it.
   */
  async enqueue(job: PhotoJob): Promise<void> {
    if (this.queue) {
      try {
        // One queue entry per photo: queuing it again (at start) while it waits changes nothing.
        await this.queue.add('process', job, {
          jobId: `photo-${job.photoId}`,
          attempts: 5,
          backoff: { type: 'exponential', delay: 5_000 },
          removeOnComplete: true,
          removeOnFail: 1_000,
        });
      } catch (error) {
        this.logger.error({ photoId: job.photoId, err: error as Error }, 'photo could not be queued; it stays pending');
      }
      return;
    }
    if (this.closing) return;
    this.waiting.push(job);
    this.draining ??= this.drain();
  }

  /** Resolves once the in-process line is empty (tests, and a clean shutdown). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /**
   * The photo, processed first when it is still pending; null when the row is gone. In the api role the
   * worker processes it: this waits up to pendingReadWaitMs, then throws 503 with Retry-After.
   */
  async processedPhoto(photo: Photo): Promise<Photo | null> {
    if (photo.status !== 'pending') return photo;
    if (!this.processesPhotos) return this.processedByWorker(photo);
    return this.process({ photoId: photo.id, originalKey: photo.originalKey! });
  }

  private processedByWorker(photo: Photo): Promise<Photo | null> {
    let wait = this.awaited.get(photo.id);
    if (!wait) {
      wait = this.pollUntilProcessed(photo).finally(() => this.awaited.delete(photo.id));
      this.awaited.set(photo.id, wait);
    }
    return wait;
  }

  private async pollUntilProcessed(photo: Photo): Promise<Photo | null> {
    const deadline = Date.now() + this.pendingReadWaitMs;
    while (Date.now() < deadline && !this.closing) {
      await sleep(Math.min(PENDING_READ_POLL_MS, Math.max(deadline - Date.now(), 0)));
      const now = await this.photos.findOneBy({ id: photo.id });
      if (!now || now.status !== 'pending') return now;
    }
    // Its queue entry may have been lost (Redis down at the upload): queued again, still one entry per photo.
    await this.enqueue({ photoId: photo.id, originalKey: photo.originalKey! });
    const busy = new AppException('SERVICE_UNAVAILABLE', '照片处理中，请稍后再试', { photoId: photo.id });
    busy.retryAfterSeconds = 5;
    throw busy;
  }

  private async drain(): Promise<void> {
    for (let job = this.waiting.shift(); job; job = this.waiting.shift()) {
      try {
        await this.process(job);
      } catch (error) {
        // A storage or database fault: the photo stays pending for a read or the next start.
        this.logger.error({ photoId: job.photoId, err: error as Error }, 'photo processing failed; it stays pending');
      }
    }
    this.draining = null;
  }

  private process(job: PhotoJob): Promise<Photo | null> {
    let run = this.running.get(job.photoId);
    if (!run) {
      run = this.processOnce(job).finally(() => this.running.delete(job.photoId));
      this.running.set(job.photoId, run);
    }
    return run;
  }

  private async processOnce({ photoId, originalKey }: PhotoJob): Promise<Photo | null> {
    const photo = await this.photos.findOneBy({ id: photoId });
    if (!photo) {
      // Deleted before it was processed (注销): its uploaded bytes go too.
      await this.storage.remove(originalKey);
      return null;
    }
    if (photo.status !== 'pending' || !photo.originalKey) return photo;
    const original = await this.storage.get(photo.originalKey);
    if (!original) throw new Error(`pending photo ${photo.id} has no upload under ${photo.originalKey}`);

    const started = performance.now();
    let processed;
    try {
      processed = await processPhoto(original);
    } catch (error) {
      if (!(error instanceof AppException)) throw error;
      // Passed the upload's checks yet cannot be re-encoded: marked, served to nobody, refused by a submit.
      this.logger.warn({ photoId: photo.id, code: error.code }, 'uploaded photo could not be processed; marked failed');
      await this.photos.update({ id: photo.id, status: 'pending' }, { status: 'failed', originalKey: null });
      await this.storage.remove(photo.originalKey);
      return this.photos.findOneBy({ id: photo.id });
    }
    await this.storage.put(photo.storageKey, processed.full);
    await this.storage.put(photo.thumbnailKey, processed.thumbnail);
    const done = await this.photos.update(
      { id: photo.id, status: 'pending' },
      {
        status: 'ready',
        originalKey: null,
        width: processed.width,
        height: processed.height,
        bytes: processed.full.length,
        sha256: createHash('sha256').update(processed.full).digest('hex'),
      },
    );
    if (done.affected)
      // One line per photo: the operator's measure of the worker's pace (and the deployment test's count).
      this.logger.log({ photoId: photo.id, ms: Math.round(performance.now() - started), bytes: processed.full.length }, 'photo processed');
    const now = await this.photos.findOneBy({ id: photo.id });
    // Deleted while it was being processed: the files just written must not outlive the row.
    if (!done.affected && !now) await Promise.allSettled([this.storage.remove(photo.storageKey), this.storage.remove(photo.thumbnailKey)]);
    await this.storage.remove(photo.originalKey);
    return now;
  }
}
