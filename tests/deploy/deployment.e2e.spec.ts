/**
 * The deployment docs/deploying.md describes, started on this machine from the release folder that
 * the container image holds (scripts/build-release.sh, production dependencies only): `migrate` once,
 * two `api` processes and a `worker` on MariaDB, Redis and an S3-protocol photo store, residents
 * signing in through a local stand-in for WeChat's servers.
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import type { CategoryView, CompoundView } from '@manyi/shared';
import { S3PhotoStorage } from '../../cloud/src/modules/uploads/photo-storage.s3.js';
import { FakeWechatServer, FAKE_APPID, FAKE_SECRET } from '../../cloud/src/testing/fake-wechat-server.js';
import { photoStoreEnv, startS3TestServer, TEST_S3_CREDENTIALS, type S3TestServer } from '../../cloud/src/testing/s3-test-server.js';
import { gradientPng } from '../support/images.js';
import { assertBuilt, freePort, REPO_ROOT } from '../support/service.js';
import { ReleaseProcess, runReleaseCommand } from './support/release-process.js';

const MARIADB = { host: '127.0.0.1', port: 3306, user: 'manyi', password: 'manyi' };
const REPORTS = 12;

/** Building the release folder (production dependencies installed from the lock file) takes minutes on two cores. */
const RELEASE_TIMEOUT_MS = 900_000;
const STEP_TIMEOUT_MS = 300_000;

describe('a deployment from the release folder: migrate, two api processes and a worker on MariaDB, Redis and S3', () => {
  let releaseDir: string;
  let database: string;
  let db: mysql.Connection;
  let s3: S3TestServer;
  let wechat: FakeWechatServer;
  let env: Record<string, string>;
  const processes: ReleaseProcess[] = [];
  let api1: ReleaseProcess;
  let api2: ReleaseProcess;
  let worker: ReleaseProcess;

  const start = async (name: string, role: 'api' | 'worker'): Promise<ReleaseProcess> => {
    // Workers log at debug: the line each scheduled tick writes is what shows which worker took it.
    const proc = new ReleaseProcess(name, releaseDir, await freePort(), {
      ...env,
      MANYI_ROLE: role,
      LOG_LEVEL: role === 'worker' ? 'debug' : 'info',
    });
    processes.push(proc);
    await proc.start();
    return proc;
  };

  beforeAll(async () => {
    assertBuilt({ requireH5: true, requireAdmin: true });
    releaseDir = await mkdtemp(join(tmpdir(), 'manyi-release-'));
    const built = spawnSync('bash', [join(REPO_ROOT, 'scripts', 'build-release.sh'), releaseDir, '--skip-build'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 600_000,
    });
    if (built.status !== 0) throw new Error(`build-release.sh failed:\n${built.stdout}${built.stderr}`);

    database = `manyi_deploy_${randomBytes(4).toString('hex')}`;
    db = await mysql.createConnection(MARIADB);
    await db.query(`CREATE DATABASE ${database} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    s3 = await startS3TestServer();
    wechat = await FakeWechatServer.start();
    env = {
      DATABASE_URL: `mysql://${MARIADB.user}:${MARIADB.password}@${MARIADB.host}:${MARIADB.port}/${database}`,
      REDIS_URL: 'redis://127.0.0.1:6379',
      // Its own key space: other suites and earlier runs share this Redis.
      MANYI_REDIS_PREFIX: database,
      MANYI_TOKEN_SECRET: randomBytes(32).toString('base64'),
      MANYI_DATA_KEY: randomBytes(32).toString('base64'),
      MANYI_DATA_DIR: releaseDir,
      WECHAT_APPID: FAKE_APPID,
      WECHAT_SECRET: FAKE_SECRET,
      WECHAT_API_BASE: wechat.baseUrl,
      LOG_LEVEL: 'info',
      ...photoStoreEnv(s3.endpoint),
    };
  }, RELEASE_TIMEOUT_MS);

  afterAll(async () => {
    for (const proc of processes) await proc.stop();
    await wechat?.stop();
    await s3?.stop();
    if (db) {
      await db.query(`DROP DATABASE IF EXISTS ${database}`);
      await db.end();
    }
    if (releaseDir) await rm(releaseDir, { recursive: true, force: true });
  }, STEP_TIMEOUT_MS);

  it(
    'migrates once with `migrate`, and an api process will not start before that',
    async () => {
      const early = new ReleaseProcess('early api', releaseDir, await freePort(), { ...env, MANYI_ROLE: 'api' });
      await expect(early.start()).rejects.toThrow(/migrate/);

      const first = runReleaseCommand(releaseDir, ['migrate'], env);
      expect(first).toMatchObject({ status: 0 });
      expect(first.output).toMatch(/applied/i);
      const again = runReleaseCommand(releaseDir, ['migrate'], env);
      expect(again).toMatchObject({ status: 0 });
      expect(again.output).toMatch(/no migrations pending/);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'stores every report submitted alternately to both APIs once, and processes each photo once, in the worker',
    async () => {
      [api1, api2, worker] = [await start('api-1', 'api'), await start('api-2', 'api'), await start('worker-1', 'worker')];
      // The worker serves health and nothing else.
      expect((await fetch(`${worker.baseUrl}/api/v1/categories`)).status).toBe(404);

      const apis = [api1, api2];
      const residents = await Promise.all([0, 1, 2].map((i) => signIn(apis[i % 2]!, wechat, `openid-deploy-${i}-${randomUUID()}`)));
      const { categoryId, compoundId } = await somewhereToReport(api1);

      const reports: Array<{ id: number; title: string; photoId: number }> = [];
      for (let i = 0; i < REPORTS; i += 1) {
        // The photo goes to one API, the report that names it to the other.
        const uploadTo = apis[i % 2]!;
        const submitTo = apis[(i + 1) % 2]!;
        const token = residents[i % residents.length]!;
        const photoId = await upload(uploadTo, token, gradientPng(640 + i, 480));
        const title = `部署测试诉求 ${i} ${randomUUID().slice(0, 6)}`;
        const res = await fetch(`${submitTo.baseUrl}/api/v1/concerns`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          body: JSON.stringify({
            categoryId,
            compoundId,
            title,
            description: '楼道里的灯坏了一个多星期，晚上回家看不清台阶，老人上下楼很不方便。',
            address: '某小区5号楼2单元',
            photoIds: [photoId],
          }),
        });
        expect(res.status).toBe(201);
        reports.push({ id: ((await res.json()) as { id: number }).id, title, photoId });
      }

      // Stored once each.
      const [stored] = await db.query<mysql.RowDataPacket[]>(
        `SELECT title, COUNT(*) AS n FROM ${database}.concern WHERE title LIKE '部署测试诉求%' GROUP BY title`,
      );
      expect(stored).toHaveLength(REPORTS);
      expect(stored.every((row) => Number(row.n) === 1)).toBe(true);

      // Processed once each, by the worker alone.
      const photoIds = reports.map((r) => r.photoId);
      const processedBy = (proc: ReleaseProcess) => proc.logged('photo processed').map((line) => Number(line.photoId));
      // Ready in the database, and the worker's log line for each read from its pipe (it comes just after
      // the commit, and the pipe may hold the last one back a moment).
      await waitFor(
        async () =>
          (await photoStatuses(db, database, photoIds)).every((s) => s === 'ready') && processedBy(worker).length >= photoIds.length,
        120_000,
        () => worker.output(),
      );
      expect(processedBy(api1)).toEqual([]);
      expect(processedBy(api2)).toEqual([]);
      expect(processedBy(worker).sort((a, b) => a - b)).toEqual([...photoIds].sort((a, b) => a - b));
      // The worker's pace, for the sizing in docs/deploying.md (a figure printed, not a timed assertion).
      const ms = worker
        .logged('photo processed')
        .map((line) => Number(line.ms))
        .sort((a, b) => a - b);
      console.log(
        `photo processing in one worker: ${ms.length} photos of 640×480, median ${ms[Math.floor(ms.length / 2)]} ms, max ${ms.at(-1)} ms each`,
      );

      // In the bucket: the photo and its thumbnail, the uploaded original gone.
      const keys = await bucketKeys(s3);
      const [rows] = await db.query<mysql.RowDataPacket[]>(
        `SELECT storage_key, thumbnail_key, original_key FROM ${database}.photo WHERE id IN (${photoIds.join(',')})`,
      );
      for (const row of rows) {
        expect(row.original_key).toBeNull();
        expect(keys).toEqual(expect.arrayContaining([row.storage_key, row.thumbnail_key]));
      }
      expect(keys).toHaveLength(2 * photoIds.length);

      // Readable through either API, the same bytes.
      for (const [i, report] of reports.entries()) {
        const token = residents[i % residents.length]!;
        const [a, b] = await Promise.all(apis.map((api) => readPhoto(api, token, report.photoId)));
        expect(a).toEqual(b);
      }
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'runs each scheduled job once per tick, only in workers, with two workers taking turns',
    async () => {
      const second = await start('worker-2', 'worker');
      const since = Date.now();
      // notification-delivery ticks every 5 s: a few ticks, each of which exactly one worker takes.
      await new Promise((resolve) => setTimeout(resolve, 16_000));
      const runs = (proc: ReleaseProcess) =>
        proc.logged('scheduled job ran').filter((line) => Number(line.time) >= since && line.job === 'notification-delivery');
      expect(runs(api1)).toEqual([]);
      expect(runs(api2)).toEqual([]);
      const ticks = [...runs(worker), ...runs(second)].map((line) => String(line.tick));
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      expect(new Set(ticks).size).toBe(ticks.length);
      await second.stop();
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'loses nothing when the worker is killed mid-run: a new worker finishes the queue',
    async () => {
      const token = await signIn(api1, wechat, `openid-deploy-kill-${randomUUID()}`);
      const processedBefore = worker.logged('photo processed').length;
      const photoIds: number[] = [];
      // Large photos, so that the queue is still being worked through when the worker dies.
      for (let i = 0; i < 8; i += 1) photoIds.push(await upload(i % 2 ? api2 : api1, token, gradientPng(2400 + i, 1800)));
      await waitFor(
        async () => worker.logged('photo processed').length > processedBefore,
        60_000,
        () => worker.output(),
      );
      await worker.kill();
      const left = (await photoStatuses(db, database, photoIds)).filter((s) => s === 'pending').length;
      expect(left).toBeGreaterThan(0);

      const replacement = await start('worker-3', 'worker');
      await waitFor(
        async () => (await photoStatuses(db, database, photoIds)).every((s) => s === 'ready'),
        120_000,
        () => replacement.output(),
      );
      for (const photoId of photoIds) expect((await readPhoto(api2, token, photoId)).length).toBeGreaterThan(0);
    },
    STEP_TIMEOUT_MS,
  );
});

/** A resident signs in as the mini-program does: wx.login's code, exchanged by the service with WeChat. */
async function signIn(api: ReleaseProcess, wechat: FakeWechatServer, openid: string): Promise<string> {
  const res = await fetch(`${api.baseUrl}/api/v1/auth/wechat/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: wechat.loginCode({ openid }) }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

async function somewhereToReport(api: ReleaseProcess): Promise<{ categoryId: number; compoundId: number }> {
  const compounds = ((await (await fetch(`${api.baseUrl}/api/v1/streets/xietu/compounds`)).json()) as { items: CompoundView[] }).items;
  const categories = ((await (await fetch(`${api.baseUrl}/api/v1/categories`)).json()) as { items: CategoryView[] }).items;
  const leaf = categories.flatMap((c) => c.children)[0];
  if (!compounds[0] || !leaf) throw new Error('the migrated directory has no compound or category');
  return { categoryId: leaf.id, compoundId: compounds[0].id };
}

async function upload(api: ReleaseProcess, token: string, png: Buffer): Promise<number> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'photo.png');
  const res = await fetch(`${api.baseUrl}/api/v1/uploads`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: number }).id;
}

async function readPhoto(api: ReleaseProcess, token: string, photoId: number): Promise<string> {
  const res = await fetch(`${api.baseUrl}/api/v1/uploads/${photoId}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return createHash('sha256')
    .update(Buffer.from(await res.arrayBuffer()))
    .digest('hex');
}

async function photoStatuses(db: mysql.Connection, database: string, ids: number[]): Promise<string[]> {
  const [rows] = await db.query<mysql.RowDataPacket[]>(`SELECT status FROM ${database}.photo WHERE id IN (${ids.join(',')})`);
  return rows.map((row) => String(row.status));
}

/** What the bucket holds, listed with the service's own S3 client. */
async function bucketKeys(s3: S3TestServer): Promise<string[]> {
  const store = new S3PhotoStorage({
    bucket: s3.bucket,
    endpoint: s3.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: TEST_S3_CREDENTIALS.AWS_ACCESS_KEY_ID, secretAccessKey: TEST_S3_CREDENTIALS.AWS_SECRET_ACCESS_KEY },
  });
  const keys: string[] = [];
  for await (const key of store.keys()) keys.push(key);
  await store.close();
  return keys;
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number, context: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`not reached within ${timeoutMs / 1000} s:\n${context().slice(-4000)}`);
}
