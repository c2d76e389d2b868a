import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { JobScheduler, type JobRun } from '../common/jobs/job-scheduler.js';
import { createApp } from '../create-app.js';
import { Concern } from '../modules/concerns/concern.entity.js';
import { DeadlineRulesService } from '../modules/deadlines/deadline-rules.service.js';
import { reportBody } from '../testing/concern-fixtures.js';
import { createStaff } from '../testing/staff-fixtures.js';
import { createTestDatabase, testConfig, TEST_DATABASES, type TestDatabase } from '../testing/test-databases.js';

/*
 * Two instances of the service on one database and one Redis (scripts/ensure-redis.sh starts it),
 * with requests dealt between them in turn as a round-robin load balancer does:
 *
 * - the rate limits are one budget for both, not one each;
 * - a resident's retries with one Idempotency-Key file one concern, whichever instance each lands on;
 * - each scheduled job (deadline sweep, visit reminders, notification delivery) is one shared
 *   schedule, and each of its ticks runs on exactly one instance;
 * - news published through one instance clears the other's cached feed;
 * - a year of the working calendar entered through one instance is in force on the other;
 * - a staff account disabled through one instance ends its sessions on the other at once, although
 *   the other kept the account's state in memory.
 */

const REDIS_URL = process.env.MANYI_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(TEST_DATABASES)('two instances sharing Redis on %s', (kind) => {
  let db: TestDatabase;
  let instances: NestFastifyApplication[] = [];
  let redis: Redis;
  const prefix = `manyi-t-${randomBytes(4).toString('hex')}`;
  let turn = 0;
  /** The round-robin: each request goes to the next instance. */
  const next = () => instances[turn++ % instances.length]!;

  beforeAll(async () => {
    redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect().catch((error: Error) => {
      throw new Error(`Redis is not reachable at ${REDIS_URL} (${error.message}): run scripts/ensure-redis.sh`);
    });
    db = await createTestDatabase(kind);
    const env = { REDIS_URL, MANYI_REDIS_PREFIX: prefix, MANYI_RATE_LIMIT_LOGIN: '6', MANYI_RATE_LIMIT_SUBMIT: '1000' };
    // One after the other: the first runs the migrations, the second finds them done.
    for (let i = 0; i < 2; i++) {
      const app = await createApp(testConfig(db.url, env));
      await app.getHttpAdapter().getInstance().ready();
      instances.push(app);
    }
  });
  afterAll(async () => {
    for (const app of instances) await app.close();
    instances = [];
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await db?.drop();
  });

  it('counts logins from one address against one budget across both instances', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await next().inject({
        method: 'POST',
        url: '/api/v1/auth/preview/login',
        payload: { nickname: `居民${i}` },
        remoteAddress: '10.9.0.1',
      });
      statuses.push(res.statusCode);
    }
    // Six in all, not six on each instance.
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
  });

  it("files one concern for a resident's retries, whichever instance each retry lands on", async () => {
    const login = await next().inject({ method: 'POST', url: '/api/v1/auth/preview/login', payload: { nickname: '重试的居民' } });
    const authorization = `Bearer ${(login.json() as { token: string }).token}`;
    const concerns = instances[0]!.get(DataSource).getRepository(Concern);
    const before = await concerns.count();
    const reports = 12;
    const tries = 4;
    const ids = await Promise.all(
      Array.from({ length: reports }, async () => {
        const key = randomBytes(10).toString('hex');
        const body = await reportBody(instances[0]!);
        // The same report sent four times at once, dealt to both instances (a client retrying on a timeout).
        const answers = await Promise.all(
          Array.from({ length: tries }, () =>
            next().inject({ method: 'POST', url: '/api/v1/concerns', headers: { authorization, 'idempotency-key': key }, payload: body }),
          ),
        );
        expect(answers.map((a) => a.statusCode)).toEqual(Array(tries).fill(201));
        return [...new Set(answers.map((a) => (a.json() as { id: number }).id))];
      }),
    );
    expect(ids.every((same) => same.length === 1)).toBe(true);
    expect(await concerns.count()).toBe(before + reports);
    process.stdout.write(
      `two instances on ${kind}: ${reports * tries} submits of ${reports} reports → ${reports} concerns, 0 duplicates\n`,
    );
  });

  it('shows news published through one instance on the other, whose feed page was cached', async () => {
    const [a, b] = instances as [NestFastifyApplication, NestFastifyApplication];
    const editor = await createStaff(a, 'editor.two-instances', 'editor', 'kangjian');
    const feed = async () =>
      (await b.inject({ method: 'GET', url: '/api/v1/news?street=kangjian' }))
        .json<{ items: Array<{ title: string }> }>()
        .items.map((i) => i.title);
    const before = await feed();
    expect(await feed()).toEqual(before); // now kept by instance b

    const draft = await a.inject({
      method: 'POST',
      url: '/api/v1/admin/news',
      headers: editor,
      payload: { title: '康健街道两个实例之间的资讯', body: [{ type: 'paragraph', text: '正文。' }] },
    });
    const published = await a.inject({
      method: 'POST',
      url: `/api/v1/admin/news/${draft.json<{ id: number }>().id}/publish`,
      headers: editor,
      payload: {},
    });
    expect(published.statusCode).toBe(200);
    // The clearing travels through Redis pub/sub: instance b hears it moments after the publish is acknowledged.
    const acknowledged = Date.now();
    let titles = await feed();
    while (!titles.includes('康健街道两个实例之间的资讯') && Date.now() - acknowledged < 2000) {
      await sleep(5);
      titles = await feed();
    }
    expect(titles).toContain('康健街道两个实例之间的资讯');
    process.stdout.write(
      `two instances on ${kind}: the other instance's cached feed showed the publish ${Date.now() - acknowledged} ms after it was acknowledged\n`,
    );
  });

  it('ends the sessions of an account disabled through one instance on the other at once', async () => {
    const [a, b] = instances as [NestFastifyApplication, NestFastifyApplication];
    const admin = await createStaff(a, 'admin.revoker', 'admin');
    const dispatcher = await createStaff(a, 'dispatcher.revoked', 'dispatcher', 'xietu');
    const onB = () => b.inject({ method: 'GET', url: '/api/v1/admin/whoami', headers: { authorization: dispatcher.authorization } });
    // Twice on B: the second check is answered from what B keeps of the account.
    expect((await onB()).statusCode).toBe(200);
    expect((await onB()).statusCode).toBe(200);
    const disable = await a.inject({
      method: 'POST',
      url: `/api/v1/admin/staff/${dispatcher.id}/disable`,
      headers: { authorization: admin.authorization },
    });
    expect(disable.statusCode).toBe(200);
    // Acknowledged on A only after the clearing was published; B drops it as the message arrives.
    let status = 0;
    for (let i = 0; i < 50 && status !== 401; i++) {
      status = (await onB()).statusCode;
      if (status !== 401) await sleep(10);
    }
    expect(status).toBe(401);
  });

  it('computes deadlines with a calendar year entered through the other instance', async () => {
    const [a, b] = instances as [NestFastifyApplication, NestFastifyApplication];
    const admin = await createStaff(a, 'admin.two-instances', 'admin');
    const year = 2031; // a year neither the package nor anyone has entered
    const published = async () =>
      (await b.inject({ method: 'GET', url: `/api/v1/admin/calendar/${year}`, headers: admin })).json<{ published: boolean }>().published;
    expect(await published()).toBe(false); // and b's calendar is loaded

    const saved = await a.inject({
      method: 'PUT',
      url: `/api/v1/admin/calendar/${year}`,
      headers: admin,
      payload: { days: [{ date: `${year}-01-01`, kind: 'holiday', name: '元旦' }], source: 'manual' },
    });
    expect(saved.statusCode).toBe(200);
    const acknowledged = Date.now();
    expect(await published()).toBe(true); // the year view reads the database
    // What b computes deadlines with is its calendar in memory, reloaded when the change reaches it through Redis.
    const rules = () => b.get(DeadlineRulesService).calendar();
    while (!rules().publishedYears.has(year) && Date.now() - acknowledged < 2000) await sleep(5);
    expect(rules().publishedYears.has(year)).toBe(true);
    expect(rules().exceptions.get(`${year}-01-01`)).toBe('holiday');
    process.stdout.write(
      `two instances on ${kind}: the other instance computed with the new calendar year ${Date.now() - acknowledged} ms after it was acknowledged\n`,
    );
  });

  it('keeps one schedule per job for both instances, and runs each tick on exactly one of them', async () => {
    // What Redis holds, read without the service: one schedule per job although both instances declared each.
    const queue = new Queue('jobs', { connection: redis, prefix });
    const schedules = async () => (await queue.getJobSchedulers()).map((s) => `${s.key} every ${s.every} ms`).sort();
    const declared = [
      'calendar-coverage-warning every 86400000 ms',
      'concern-deadline-sweep every 60000 ms',
      'notification-delivery every 5000 ms',
      'photo-cleanup every 3600000 ms',
      'photo-requeue every 60000 ms',
      'visit-reminders every 600000 ms',
    ];
    expect(await schedules()).toEqual(declared);
    // A job both instances declare, due every 400 ms: each tick is taken by one instance only.
    const runs: Array<{ instance: number; tick: string }> = [];
    await Promise.all(
      instances.map((app, instance) =>
        app.get(JobScheduler).every('test-tick', 400, async (tick: JobRun) => {
          runs.push({ instance, tick: tick.id });
          await sleep(50);
        }),
      ),
    );
    await sleep(4_000);
    const ticks = runs.map((r) => r.tick);
    process.stdout.write(
      `shared schedule on ${kind}: ${runs.length} runs of ${new Set(ticks).size} ticks ` +
        `(instance A ${runs.filter((r) => r.instance === 0).length}, instance B ${runs.filter((r) => r.instance === 1).length})\n`,
    );
    expect(runs.length).toBeGreaterThan(2);
    // Every run is a tick of the shared schedule, and no tick ran twice.
    expect(ticks.every((tick) => tick.startsWith('repeat:test-tick:'))).toBe(true);
    expect(new Set(ticks).size).toBe(ticks.length);
    expect(await schedules()).toContain('test-tick every 400 ms');
    expect(await schedules()).toHaveLength(declared.length + 1);
    await queue.close();
  });
});
