import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getRepositoryToken } from '@nestjs/typeorm';
import sharp from 'sharp';
import type { Repository } from 'typeorm';
import type { PhotoView } from '@manyi/shared';
import type { Caller } from '../../testing/concern-fixtures.js';
import { phoneJpeg } from '../../testing/images.js';
import { photoUpload } from '../../testing/multipart.js';
import {
  photoStoreEnv,
  startS3FaultProxy,
  startS3TestServer,
  TEST_BUCKET,
  type S3FaultProxy,
  type S3TestServer,
} from '../../testing/s3-test-server.js';
import { createResident } from '../../testing/staff-fixtures.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_DATABASES } from '../../testing/test-databases.js';
import { PhotoProcessingService } from './photo-processing.service.js';
import { PhotoStorage } from './photo-storage.js';
import { S3PhotoStorage } from './photo-storage.s3.js';
import { Photo } from './photo.entity.js';

/**
 * Issue 16: with MANYI_PHOTO_STORE naming a bucket, photos go through the S3 API — here to an S3 test
 * server on loopback, behind a proxy that can cut a PUT mid-body or answer 500. Nothing is acknowledged
 * that is not stored: a failed write is answered 503 and leaves no photo row, and every row's objects
 * are in the bucket.
 */
describe.each(TEST_DATABASES)('photos in an S3 bucket on %s', (kind) => {
  let server: S3TestServer;
  let proxy: S3FaultProxy;
  let bucket: S3PhotoStorage;
  let dataDir: string;
  let sut: TestApp;
  let resident: Caller;

  beforeAll(async () => {
    server = await startS3TestServer();
    proxy = await startS3FaultProxy(server.endpoint);
    bucket = new S3PhotoStorage({
      bucket: TEST_BUCKET,
      endpoint: server.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'manyi-test', secretAccessKey: 'manyi-test-secret' },
    });
    dataDir = mkdtempSync(join(tmpdir(), 'manyi-photo-s3-'));
    sut = await startTestApp(kind, { MANYI_DATA_DIR: dataDir, ...photoStoreEnv(proxy.endpoint) });
    resident = await createResident(sut.app, '周阿姨');
  });
  afterAll(async () => {
    await sut?.close();
    await bucket?.close();
    await proxy?.stop();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    proxy.mode = 'pass';
  });

  const photos = () => sut.app.get<Repository<Photo>>(getRepositoryToken(Photo));
  const upload = async (bytes: Buffer) => {
    const { payload, headers } = photoUpload(bytes);
    return sut.app.inject({
      method: 'POST',
      url: '/api/v1/uploads',
      headers: { ...headers, authorization: resident.authorization },
      payload,
    });
  };
  const read = (url: string) => sut.app.inject({ method: 'GET', url, headers: { authorization: resident.authorization } });
  const bucketKeys = async () => {
    const keys: string[] = [];
    for await (const key of bucket.keys()) keys.push(key);
    return keys.sort();
  };
  /** Every row's objects are in the bucket: processed ones their photo and thumbnail, pending ones the upload. */
  const everyRowHasItsObjects = async () => {
    const keys = new Set(await bucketKeys());
    for (const photo of await photos().find()) {
      const expected = photo.status === 'pending' ? [photo.originalKey!] : [photo.storageKey, photo.thumbnailKey];
      expect({ photo: photo.id, missing: expected.filter((key) => !keys.has(key)) }).toEqual({ photo: photo.id, missing: [] });
    }
  };

  it('stores an upload in the bucket, not the data folder, and serves the processed photo and thumbnail back through the API', async () => {
    expect(sut.app.get(PhotoStorage)).toBeInstanceOf(S3PhotoStorage);
    const res = await upload(await phoneJpeg(1200, 900));
    expect(res.statusCode).toBe(201);
    const view = res.json() as PhotoView;
    await sut.app.get(PhotoProcessingService).idle();

    const row = await photos().findOneByOrFail({ id: view.id });
    expect(row).toMatchObject({ status: 'ready', originalKey: null });
    const full = await read(view.url);
    expect([full.statusCode, full.headers['content-type']]).toEqual([200, 'image/jpeg']);
    const served = full.rawPayload;
    expect(createHash('sha256').update(served).digest('hex')).toBe(row.sha256);
    expect((await bucket.get(row.storageKey))?.equals(served)).toBe(true);
    const thumbnail = await read(view.thumbnailUrl);
    expect(thumbnail.statusCode).toBe(200);
    expect((await sharp(thumbnail.rawPayload).metadata()).width).toBeLessThanOrEqual(320);
    expect(await bucketKeys()).toEqual(expect.arrayContaining([row.storageKey, row.thumbnailKey]));
    expect(existsSync(join(dataDir, 'photos'))).toBe(false);
    await everyRowHasItsObjects();
  });

  it.each([
    ['cut mid-body', 'cut'],
    ['answered 500', 'error'],
  ] as const)('answers an upload whose PUT is %s with 503 and a clear message, keeping no row and no object', async (_what, mode) => {
    const [rows, keys] = [await photos().count(), await bucketKeys()];
    const puts = proxy.puts.length;
    proxy.mode = mode;

    const res = await upload(await phoneJpeg(640, 480));

    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.json()).toEqual({ error: { code: 'SERVICE_UNAVAILABLE', message: '照片暂时无法保存，请稍后重新上传' } });
    // The SDK tried again before giving up; none of the attempts was acknowledged.
    expect(proxy.puts.length - puts).toBe(3);
    expect(await photos().count()).toBe(rows);
    expect(await bucketKeys()).toEqual(keys);
    await everyRowHasItsObjects();

    proxy.mode = 'pass';
    const again = await upload(await phoneJpeg(640, 480));
    expect(again.statusCode).toBe(201);
    await sut.app.get(PhotoProcessingService).idle();
    expect((await read((again.json() as PhotoView).url)).statusCode).toBe(200);
    await everyRowHasItsObjects();
  });

  it('answers a read 503 while the store is down, rather than 404 or 500, and serves it again once the store is back', async () => {
    const view = (await upload(await phoneJpeg(320, 240))).json() as PhotoView;
    await sut.app.get(PhotoProcessingService).idle();
    proxy.mode = 'down';

    const res = await read(view.url);
    expect([res.statusCode, res.headers['retry-after']]).toEqual([503, '5']);
    expect(res.json()).toEqual({ error: { code: 'SERVICE_UNAVAILABLE', message: '照片暂时无法读取，请稍后再试' } });

    proxy.mode = 'pass';
    expect((await read(view.url)).statusCode).toBe(200);
  });
});
