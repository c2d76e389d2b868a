import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DataSource, In } from 'typeorm';
import type { PhotoView } from '@manyi/shared';
import { runCommand } from '../cli.js';
import { JobScheduler, type JobRun } from '../common/jobs/job-scheduler.js';
import { REDIS_CLIENT } from '../common/redis/redis.module.js';
import { createApp } from '../create-app.js';
import { pendingMigrations, withDataSource } from '../database/migrate.js';
import { MIGRATIONS } from '../database/migrations/index.js';
import { PhotoProcessingService, type PhotoJob } from '../modules/uploads/photo-processing.service.js';
import { Photo } from '../modules/uploads/photo.entity.js';
import { phoneJpeg } from '../testing/images.js';
import { photoUpload } from '../testing/multipart.js';
import { createStaff } from '../testing/staff-fixtures.js';
import { createTestDatabase, testConfig, TEST_DATABASES, type TestDatabase } from '../testing/test-databases.js';
import { startWorker, type RunningWorker } from '../worker.js';

/*
 * MANYI_ROLE=api|worker, `manyi migrate` and the health probes. The api serves HTTP and runs nothing in
 * the background: its uploads wait in the shared BullMQ queue for the worker, which processes each
 * photo once, runs every scheduled job, and answers nothing but live and ready on its port. Neither
 * migrates at start: `manyi migrate` does, once. The split roles need MySQL/MariaDB, so on SQLite the
 * same steps run the one `all` process. Redis from scripts/ensure-redis.sh.
 */

const REDIS_URL = process.env.MANYI_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** The service's scheduled jobs, as the shared schedule holds them. */
const SCHEDULED_JOBS = [
  'calendar-coverage-warning',
  'concern-deadline-sweep',
  'notification-delivery',
  'photo-cleanup',
  'photo-requeue',
  'visit-reminders',
];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function connectRedis(): Promise<Redis> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect().catch((error: Error) => {
    throw new Error(`Redis is not reachable at ${REDIS_URL} (${error.message}): run scripts/ensure-redis.sh`);
  });
  return redis;
}

async function forgetPrefix(redis: Redis, prefix: string): Promise<void> {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Polls `read` every 50 ms until `done` holds of its answer or `ms` have passed; answers the last read. */
async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  let value = await read();
  while (!done(value) && Date.now() < until) {
    await sleep(50);
    value = await read();
  }
  return value;
}

/**
 * A TCP relay to Redis on a port of its own: cut, the port is closed and every connection through it
 * drops, as when Redis goes away; restored, it listens on the same port again.
 */
async function redisRelay(): Promise<{ url: string; cut(): Promise<void>; restore(): Promise<void>; close(): Promise<void> }> {
  const target = new URL(REDIS_URL);
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 6379), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined).on('close', () => (client.destroy(), upstream.destroy(), sockets.delete(socket)));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const cut = async () => {
    if (!server.listening) return;
    const closed = new Promise((resolve) => server.close(resolve));
    for (const socket of sockets) socket.destroy();
    await closed;
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    cut,
    restore: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
    close: cut,
  };
}

describe.each(TEST_DATABASES)('roles, manyi migrate and the health probes on %s', (kind) => {
  let db: TestDatabase;
  let dataDir: string;
  let redis: Redis;
  /** The HTTP instance reaches Redis through it, so that a test can take Redis away. */
  let relay: Awaited<ReturnType<typeof redisRelay>>;
  /** The instance serving HTTP: MANYI_ROLE=api on MariaDB, all on SQLite. */
  let api: NestFastifyApplication | null = null;
  let worker: RunningWorker | null = null;
  let staff: { authorization: string };
  let jobsQueue: Queue;
  let photosQueue: Queue<PhotoJob>;
  const uploaded: PhotoView[] = [];
  const prefix = `manyi-t-${randomBytes(4).toString('hex')}`;
  /** Every photo re-encoding, in whichever instance of the service it ran. */
  let processOnce: jest.Spied<(job: PhotoJob) => Promise<Photo | null>>;
  /** Ticks of a job the api declared: there must be none. */
  const apiTicks: string[] = [];
  const config = (role: 'all' | 'api' | 'worker', extra: Record<string, string> = {}) =>
    testConfig(db.url, {
      MANYI_ROLE: role,
      REDIS_URL: role === 'worker' ? REDIS_URL : relay.url,
      MANYI_REDIS_PREFIX: prefix,
      MANYI_DATA_DIR: dataDir,
      MANYI_PREVIEW_LOGIN: '0',
      ...extra,
    });
  const get = (url: string) => api!.inject({ method: 'GET', url });
  const photoRows = () =>
    api!
      .get(DataSource)
      .getRepository(Photo)
      .findBy({ id: In(uploaded.map((p) => p.id)) });
  const upload = async (): Promise<PhotoView> => {
    const { payload, headers } = photoUpload(await phoneJpeg(800, 600));
    const res = await api!.inject({ method: 'POST', url: '/api/v1/uploads', headers: { ...headers, ...staff }, payload });
    expect(res.statusCode).toBe(201);
    return res.json();
  };
  const startApi = async (role: 'all' | 'api') => {
    api = await createApp(config(role));
    await api.getHttpAdapter().getInstance().ready();
    staff = await createStaff(api, `dispatcher.roles-${role}`, 'dispatcher', 'xietu');
  };
  const migrate = async (): Promise<string> => {
    let out = '';
    await runCommand(['migrate'], { DATABASE_URL: db.url, MANYI_DATA_DIR: dataDir }, (text) => (out += text));
    return out;
  };
  const databaseLabel = kind === 'sqlite' ? 'SQLite \\(.*\\)' : 'MySQL/MariaDB \\(127\\.0\\.0\\.1:3306/manyi_t_\\w+\\)';

  beforeAll(async () => {
    redis = await connectRedis();
    relay = await redisRelay();
    db = await createTestDatabase(kind);
    dataDir = mkdtempSync(join(tmpdir(), 'manyi-roles-'));
    jobsQueue = new Queue('jobs', { connection: redis, prefix });
    photosQueue = new Queue<PhotoJob>('photos', { connection: redis, prefix });
    const prototype = PhotoProcessingService.prototype as unknown as { processOnce(job: PhotoJob): Promise<Photo | null> };
    processOnce = jest.spyOn(prototype, 'processOnce');
  });
  afterAll(async () => {
    processOnce?.mockRestore();
    await api?.close();
    await worker?.close();
    await relay?.close();
    await jobsQueue?.close();
    await photosQueue?.close();
    await forgetPrefix(redis, prefix);
    await redis.quit();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  if (kind === 'mariadb') {
    it('refuses to start an api or a worker while migrations are pending, and migrates nothing itself', async () => {
      const refusal = (role: string) =>
        new RegExp(
          `^${MIGRATIONS.length} database migrations are pending \\(CreateDirectory\\d+ …\\): run \`manyi migrate\` first — MANYI_ROLE=${role} never migrates at start$`,
        );
      await expect(createApp(config('api'))).rejects.toThrow(refusal('api'));
      await expect(startWorker(config('worker', { PORT: String(await freePort()) }))).rejects.toThrow(refusal('worker'));
      expect(await withDataSource(config('api').database, pendingMigrations)).toHaveLength(MIGRATIONS.length);
    });
  } else {
    it('refuses the api and worker roles on SQLite through `manyi`, with one line', async () => {
      for (const role of ['api', 'worker']) {
        const start = runCommand([], { DATABASE_URL: db.url, MANYI_ROLE: role, REDIS_URL, LOG_LEVEL: 'silent' }, () => undefined);
        await expect(start).rejects.toThrow(
          new RegExp(`^MANYI_ROLE=${role} needs a MySQL/MariaDB database \\(DATABASE_URL=mysql://…\\): [^\\n]+$`),
        );
      }
    });
  }

  it('applies every migration with manyi migrate, then reports nothing pending', async () => {
    const first = await migrate();
    expect(first).toMatch(new RegExp(`^applied ${MIGRATIONS.length} migrations on ${databaseLabel}:\\n`));
    // In the order TypeORM runs them: by the timestamp in their names.
    const names = MIGRATIONS.map((migration) => migration.name).sort((a, b) => Number(a.match(/\d+$/)![0]) - Number(b.match(/\d+$/)![0]));
    expect(first.trim().split('\n').slice(1)).toEqual(names.map((name) => `  ${name}`));
    expect(await migrate()).toMatch(new RegExp(`^no migrations pending on ${databaseLabel}\\n$`));
    expect(await withDataSource(config('all').database, pendingMigrations)).toEqual([]);
  });

  if (kind === 'sqlite') {
    it('keeps every job and the photo worker in the one process of the all role', async () => {
      await startApi('all');
      expect((await jobsQueue.getJobSchedulers()).map((s) => s.key).sort()).toEqual(SCHEDULED_JOBS);
      expect(await jobsQueue.getWorkers()).not.toEqual([]);
      expect(await photosQueue.getWorkers()).not.toEqual([]);
      // A pending photo is re-encoded by the read itself, in this process, as before the roles.
      const enqueue = jest.spyOn(api!.get(PhotoProcessingService), 'enqueue').mockResolvedValue();
      uploaded.push(await upload());
      enqueue.mockRestore();
      const read = await api!.inject({ method: 'GET', url: uploaded[0]!.url, headers: staff });
      expect(read.statusCode).toBe(200);
      expect(processOnce.mock.contexts).toEqual([api!.get(PhotoProcessingService)]);
    });
  }

  if (kind === 'mariadb') {
    it('starts an api that declares no job schedule and starts no worker, yet queues its uploads', async () => {
      await startApi('api');
      // A job declared in the api is not scheduled anywhere: the api never runs a tick.
      await api!.get(JobScheduler).every('roles-tick', 200, async (tick: JobRun) => void apiTicks.push(tick.id));
      for (let i = 0; i < 3; i++) uploaded.push(await upload());

      expect(await jobsQueue.getJobSchedulers()).toEqual([]);
      expect(await api!.get(JobScheduler).scheduled()).toEqual([]);
      expect(await jobsQueue.getWorkers()).toEqual([]);
      expect(await photosQueue.getWorkers()).toEqual([]);
      const waiting = await photosQueue.getWaiting();
      expect(waiting.map((job) => job.data.photoId).sort()).toEqual(uploaded.map((p) => p.id).sort());
      expect((await photoRows()).map((p) => p.status)).toEqual(['pending', 'pending', 'pending']);

      // A read waits for a worker a moment, then asks the client to come back; the api re-encodes nothing.
      api!.get(PhotoProcessingService).pendingReadWaitMs = 300;
      const read = await api!.inject({ method: 'GET', url: uploaded[0]!.url, headers: staff });
      expect([read.statusCode, read.headers['retry-after'], read.json()]).toEqual([
        503,
        '5',
        { error: { code: 'SERVICE_UNAVAILABLE', message: '照片处理中，请稍后再试', details: { photoId: uploaded[0]!.id } } },
      ]);
      expect(processOnce).not.toHaveBeenCalled();
      expect(apiTicks).toEqual([]);
    });

    it('starts a worker that processes the queued photos exactly once and runs every scheduled job', async () => {
      worker = await startWorker(config('worker', { PORT: String(await freePort()) }));
      const rows = await waitFor(photoRows, (photos) => photos.every((p) => p.status === 'ready'));
      expect(rows.map((p) => p.status)).toEqual(['ready', 'ready', 'ready']);

      expect((await jobsQueue.getJobSchedulers()).map((s) => s.key).sort()).toEqual(SCHEDULED_JOBS);
      expect(await jobsQueue.getWorkers()).not.toEqual([]);
      expect(await photosQueue.getWorkers()).not.toEqual([]);
      // The api declared this job too, before the worker: each tick runs in the worker, none in the api.
      const workerTicks: string[] = [];
      await worker.context.get(JobScheduler).every('roles-tick', 200, async (tick: JobRun) => void workerTicks.push(tick.id));
      await waitFor(
        async () => workerTicks.length,
        (n) => n >= 3,
        5_000,
      );
      expect(workerTicks.length).toBeGreaterThanOrEqual(3);
      expect(new Set(workerTicks).size).toBe(workerTicks.length);
      expect(apiTicks).toEqual([]);

      // Uploaded through the api while the worker runs: a read waits for the worker instead of answering 503.
      api!.get(PhotoProcessingService).pendingReadWaitMs = 5_000;
      uploaded.push(await upload());
      const fresh = await api!.inject({ method: 'GET', url: uploaded[3]!.thumbnailUrl, headers: staff });
      expect([fresh.statusCode, fresh.headers['content-type']]).toEqual([200, 'image/jpeg']);
      const first = await api!.inject({ method: 'GET', url: uploaded[0]!.url, headers: staff });
      expect(first.statusCode).toBe(200);

      // Each photo re-encoded once, all of them in the worker.
      const service = worker.context.get(PhotoProcessingService);
      const runs = processOnce.mock.calls.map(([job]) => job.photoId);
      expect(runs.sort()).toEqual(uploaded.map((p) => p.id).sort());
      expect(processOnce.mock.contexts.every((instance) => instance === service)).toBe(true);
    });

    it('queues again, on the worker, a photo whose queuing failed once it has waited a minute', async () => {
      // Redis refused the queue entry at upload (enqueue logs and carries on): the photo stays pending.
      const enqueue = jest.spyOn(api!.get(PhotoProcessingService), 'enqueue').mockResolvedValueOnce();
      uploaded.push(await upload());
      enqueue.mockRestore();
      const lost = uploaded.at(-1)!.id;
      const service = worker!.context.get(PhotoProcessingService);
      const minuteAgo = () => new Date(Date.now() - 60_000);
      // Younger than a minute: still on its way, left alone.
      expect(await service.requeuePending(minuteAgo())).toBe(0);
      await api!
        .get(DataSource)
        .getRepository(Photo)
        .update({ id: lost }, { createdAt: new Date(Date.now() - 120_000) });
      expect(await service.requeuePending(minuteAgo())).toBe(1);
      const rows = await waitFor(photoRows, (photos) => photos.every((p) => p.status === 'ready'));
      expect(rows.find((p) => p.id === lost)?.status).toBe('ready');
      expect(await service.requeuePending(minuteAgo())).toBe(0);
    });

    it("answers only live and ready on the worker's port", async () => {
      const base = `http://127.0.0.1:${worker!.port}`;
      const live = await fetch(`${base}/api/v1/health/live`);
      expect([live.status, await live.json()]).toEqual([200, { status: 'ok' }]);
      const ready = await fetch(`${base}/api/v1/health/ready`);
      expect([ready.status, await ready.json()]).toEqual([200, { status: 'ok', database: 'ok', redis: 'ok' }]);
      for (const [method, path] of [
        ['GET', '/api/v1/health'],
        ['GET', '/api/v1/streets'],
        ['POST', '/api/v1/uploads'],
        ['POST', '/api/v1/auth/staff/login'],
        ['GET', '/api/docs'],
        ['GET', '/'],
      ] as const) {
        const res = await fetch(`${base}${path}`, { method });
        expect([method, path, res.status]).toEqual([method, path, 404]);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('ROUTE_NOT_FOUND');
      }
    });
  }

  it('answers live without asking the database, and ready once the database and Redis answer', async () => {
    const query = jest.spyOn(api!.get(DataSource), 'query');
    try {
      const live = await get('/api/v1/health/live');
      expect([live.statusCode, live.json()]).toEqual([200, { status: 'ok' }]);
      expect(query).not.toHaveBeenCalled();
      const ready = await get('/api/v1/health/ready');
      expect([ready.statusCode, ready.json()]).toEqual([200, { status: 'ok', database: 'ok', redis: 'ok' }]);
      expect(query).toHaveBeenCalledWith('SELECT 1');
    } finally {
      query.mockRestore();
    }
  });

  it('answers ready 503 naming the database while it does not answer, and live 200 all the while', async () => {
    const query = jest.spyOn(api!.get(DataSource), 'query').mockRejectedValue(new Error('connect ETIMEDOUT'));
    try {
      const ready = await get('/api/v1/health/ready');
      expect([ready.statusCode, ready.headers['retry-after']]).toEqual([503, '5']);
      expect(ready.json()).toEqual({
        error: { code: 'SERVICE_UNAVAILABLE', message: '服务未就绪：数据库无法访问', details: { database: 'down', redis: 'ok' } },
      });
      expect((await get('/api/v1/health/live')).statusCode).toBe(200);
    } finally {
      query.mockRestore();
    }
  });

  it('answers ready 503 naming Redis while its port is closed, and 200 again once Redis is back', async () => {
    await relay.cut();
    try {
      // Once the service's connection has noticed (a probe sent before that would wait out its 2 s).
      const connection = api!.get<Redis>(REDIS_CLIENT);
      await waitFor(
        async () => connection.status,
        (status) => status !== 'ready',
        2_000,
      );
      const ready = await waitFor(
        () => get('/api/v1/health/ready'),
        (res) => res.statusCode === 503,
      );
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({
        error: { code: 'SERVICE_UNAVAILABLE', message: '服务未就绪：Redis无法访问', details: { database: 'ok', redis: 'down' } },
      });
      expect((await get('/api/v1/health/live')).statusCode).toBe(200);
      // The long-standing route asks the database only; monitors that read it see no change.
      expect((await get('/api/v1/health')).statusCode).toBe(200);
    } finally {
      await relay.restore();
    }
    const back = await waitFor(
      () => get('/api/v1/health/ready'),
      (res) => res.statusCode === 200,
    );
    expect(back.json()).toEqual({ status: 'ok', database: 'ok', redis: 'ok' });
  });
});

describe('manyi', () => {
  it('refuses an unknown command with one line', async () => {
    await expect(runCommand(['migrat'], {})).rejects.toThrow(
      /^unknown command "migrat": expected `manyi` .*, `manyi migrate` or `manyi create-admin <username> \[display name\]`$/,
    );
  });
});
