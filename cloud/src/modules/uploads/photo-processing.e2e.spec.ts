import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getRepositoryToken } from '@nestjs/typeorm';
import { Redis } from 'ioredis';
import sharp from 'sharp';
import type { Repository } from 'typeorm';
import type { PhotoView } from '@manyi/shared';
import { createApp } from '../../create-app.js';
import { call, errorOf, reportBody, type Caller } from '../../testing/concern-fixtures.js';
import { hasGpsIfd, phoneJpeg } from '../../testing/images.js';
import { photoUpload } from '../../testing/multipart.js';
import { createResident } from '../../testing/staff-fixtures.js';
import { createTestDatabase, TEST_DATABASES, testConfig, type TestDatabase } from '../../testing/test-databases.js';
import { PhotoProcessingService } from './photo-processing.service.js';
import { Photo } from './photo.entity.js';

const REDIS_URL = process.env.MANYI_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * An upload is acknowledged once its bytes and its row are durable; the re-encoding (no EXIF, upright,
 * thumbnail) happens afterwards. These cases stop the queue on purpose to look at the time in between:
 * nobody is ever served the uploaded bytes, a restart finishes what a crash left, and bytes that
 * cannot be re-encoded after all are marked and refused rather than served.
 */
describe.each(TEST_DATABASES)('photo processing after the upload on %s', (kind) => {
  let db: TestDatabase;
  let dataDir: string;
  let app: NestFastifyApplication;
  let resident: Caller;
  let neighbour: Caller;

  const start = async (env: Record<string, string> = {}) => {
    const started = await createApp(testConfig(db.url, { MANYI_DATA_DIR: dataDir, ...env }));
    await started.getHttpAdapter().getInstance().ready();
    return started;
  };
  const photos = () => app.get<Repository<Photo>>(getRepositoryToken(Photo));
  const processing = () => app.get(PhotoProcessingService);
  const stored = (key: string) => join(dataDir, 'photos', key);
  const upload = async (bytes: Buffer, who: Caller = resident): Promise<PhotoView> => {
    const { payload, headers } = photoUpload(bytes);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/uploads',
      headers: { ...headers, authorization: who.authorization },
      payload,
    });
    expect(res.statusCode).toBe(201);
    return res.json();
  };
  /** Uploads with the queue held back, as if the service stopped right after answering. */
  const uploadUnprocessed = async (bytes: Buffer): Promise<PhotoView> => {
    const enqueue = jest.spyOn(processing(), 'enqueue').mockResolvedValue();
    try {
      return await upload(bytes);
    } finally {
      enqueue.mockRestore();
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    dataDir = mkdtempSync(join(tmpdir(), 'manyi-photo-jobs-'));
    app = await start();
    resident = await createResident(app, '王老师');
    neighbour = await createResident(app, '赵阿姨');
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers an upload before re-encoding it, then stores the photo and thumbnail without EXIF and drops the upload', async () => {
    const original = await phoneJpeg(4000, 3000);
    const view = await uploadUnprocessed(original);
    // The answer already gives the stored size: upright (orientation 6) and fitted into 2048 px.
    expect([view.width, view.height]).toEqual([1536, 2048]);
    const pending = await photos().findOneByOrFail({ id: view.id });
    expect(pending).toMatchObject({ status: 'pending', bytes: 0, width: 1536, height: 2048 });
    expect(pending.originalKey).toMatch(/^\d{4}\/\d{2}\/[0-9a-f]{32}-upload\.bin$/);
    expect(existsSync(stored(pending.originalKey!))).toBe(true);
    expect(existsSync(stored(pending.storageKey))).toBe(false);

    await processing().enqueue({ photoId: view.id, originalKey: pending.originalKey! });
    await processing().idle();

    const ready = await photos().findOneByOrFail({ id: view.id });
    expect(ready).toMatchObject({ status: 'ready', originalKey: null, width: 1536, height: 2048 });
    expect(ready.bytes).toBeGreaterThan(0);
    expect(ready.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(existsSync(stored(pending.originalKey!))).toBe(false);
    const full = await sharp(stored(ready.storageKey)).metadata();
    expect([full.width, full.height, full.exif]).toEqual([1536, 2048, undefined]);
    expect((await sharp(stored(ready.thumbnailKey)).metadata()).width).toBe(240);
  });

  it('serves a photo still waiting for the queue only re-encoded, and only to whoever may see it', async () => {
    const original = await phoneJpeg(1200, 900);
    expect(hasGpsIfd((await sharp(original).metadata()).exif)).toBe(true);
    const view = await uploadUnprocessed(original);

    const theirs = await call(app, 'GET', view.url, neighbour);
    expect([theirs.status, errorOf(theirs).code]).toEqual([404, 'PHOTO_NOT_FOUND']);
    expect((await photos().findOneByOrFail({ id: view.id })).status).toBe('pending');

    // The uploader's own read processes it first: what comes back has no EXIF and no location.
    for (const url of [view.thumbnailUrl, view.url]) {
      const res = await app.inject({ method: 'GET', url, headers: { authorization: resident.authorization } });
      expect([res.statusCode, res.headers['content-type']]).toEqual([200, 'image/jpeg']);
      const served = await sharp(res.rawPayload).metadata();
      expect(served.exif).toBeUndefined();
      expect(res.rawPayload.equals(original)).toBe(false);
    }
    expect((await photos().findOneByOrFail({ id: view.id })).status).toBe('ready');
  });

  it('accepts a photo still being processed in a report, which then shows it', async () => {
    const view = await uploadUnprocessed(await phoneJpeg(640, 480));
    const res = await call(app, 'POST', '/api/v1/concerns', resident, await reportBody(app, { photoIds: [view.id] }));
    expect(res.status).toBe(201);
    const detail = await call(app, 'GET', `/api/v1/concerns/${res.body.id as number}`, resident);
    expect(detail.body.photoIds).toEqual([view.id]);
  });

  it('marks a stored upload that cannot be re-encoded as failed: never served, and refused in a report with 422', async () => {
    const view = await uploadUnprocessed(await phoneJpeg(640, 480));
    const pending = await photos().findOneByOrFail({ id: view.id });
    // The stored bytes went bad after the upload's checks (a disk fault): the job finds no image.
    writeFileSync(stored(pending.originalKey!), randomBytes(2048));
    await processing().enqueue({ photoId: view.id, originalKey: pending.originalKey! });
    await processing().idle();

    expect(await photos().findOneByOrFail({ id: view.id })).toMatchObject({ status: 'failed', originalKey: null });
    expect(existsSync(stored(pending.originalKey!))).toBe(false);
    const read = await call(app, 'GET', view.url, resident);
    expect([read.status, errorOf(read).code]).toEqual([422, 'PHOTO_UNREADABLE']);
    const report = await call(app, 'POST', '/api/v1/concerns', resident, await reportBody(app, { photoIds: [view.id] }));
    expect([report.status, errorOf(report).code]).toEqual([422, 'PHOTO_UNREADABLE']);
    expect(errorOf(report).message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('processes at the next start what a stop left pending, so an acknowledged photo is never lost', async () => {
    const view = await uploadUnprocessed(await phoneJpeg(800, 600));
    const { originalKey } = await photos().findOneByOrFail({ id: view.id });
    await app.close();
    app = await start();
    await processing().idle();
    const ready = await photos().findOneByOrFail({ id: view.id });
    expect(ready.status).toBe('ready');
    expect(existsSync(stored(ready.storageKey))).toBe(true);
    expect(existsSync(stored(originalKey!))).toBe(false);
  });

  it('re-encodes through the shared BullMQ queue when Redis is configured', async () => {
    const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect().catch((error: Error) => {
      throw new Error(`Redis is not reachable at ${REDIS_URL} (${error.message}): run scripts/ensure-redis.sh`);
    });
    const prefix = `manyi-t-${randomBytes(4).toString('hex')}`;
    await app.close();
    app = await start({ REDIS_URL, MANYI_REDIS_PREFIX: prefix });
    try {
      const view = await upload(await phoneJpeg(800, 600));
      let photo = await photos().findOneByOrFail({ id: view.id });
      for (let waited = 0; photo.status === 'pending' && waited < 15_000; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        photo = await photos().findOneByOrFail({ id: view.id });
      }
      expect(photo).toMatchObject({ status: 'ready', originalKey: null });
      expect(existsSync(stored(photo.storageKey))).toBe(true);
    } finally {
      await app.close();
      app = await start();
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    }
  });
});
