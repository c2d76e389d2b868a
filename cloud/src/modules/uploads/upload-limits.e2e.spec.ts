import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getRepositoryToken } from '@nestjs/typeorm';
import sharp from 'sharp';
import { In, type Repository } from 'typeorm';
import { JobScheduler } from '../../common/jobs/job-scheduler.js';
import { call, errorOf, reportBody } from '../../testing/concern-fixtures.js';
import { phoneJpeg } from '../../testing/images.js';
import { photoUpload } from '../../testing/multipart.js';
import { createResident, createStaff } from '../../testing/staff-fixtures.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_DATABASES } from '../../testing/test-databases.js';
import { PhotoCleanupService } from './photo-cleanup.service.js';
import { PhotoProcessingService } from './photo-processing.service.js';
import { Photo } from './photo.entity.js';

type Signed = { id: number; authorization: string };

/** Issue 21, item 5: uploads are limited per account, cleaned up when never used, and decoded off the request. */
describe.each(TEST_DATABASES)('upload limits on %s', (kind) => {
  let sut: TestApp;
  let dataDir: string;
  let photos: Repository<Photo>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'manyi-upload-limits-'));
    sut = await startTestApp(kind, { MANYI_DATA_DIR: dataDir, MANYI_RATE_LIMIT_UPLOAD: '4', MANYI_UPLOAD_PENDING_MAX: '2' });
    photos = sut.app.get<Repository<Photo>>(getRepositoryToken(Photo));
  });
  afterAll(async () => {
    await sut?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const upload = async (who: Signed, bytes?: Buffer) => {
    const body = photoUpload(bytes ?? (await phoneJpeg(64, 48)));
    return sut.app.inject({
      method: 'POST',
      url: '/api/v1/uploads',
      headers: { ...body.headers, authorization: who.authorization },
      payload: body.payload,
    });
  };
  const storedFiles = () => {
    const root = join(dataDir, 'photos');
    return existsSync(root) ? readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length : 0;
  };
  const idle = () => sut.app.get(PhotoProcessingService).idle();

  it('refuses a resident’s third unattached photo with 409 and a Chinese message, storing nothing; attaching one frees a place', async () => {
    const resident = await createResident(sut.app, '张阿姨');
    const first = await upload(resident);
    const second = await upload(resident);
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    await idle();
    const [files, rows] = [storedFiles(), await photos.count()];
    const third = await upload(resident);
    expect(third.statusCode).toBe(409);
    expect((third.json() as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'PHOTO_QUOTA_EXCEEDED',
      message: expect.stringMatching(/2 张照片尚未使用|尚未用于诉求/),
    });
    expect([storedFiles(), await photos.count()]).toEqual([files, rows]);

    const report = await call(
      sut.app,
      'POST',
      '/api/v1/concerns',
      resident,
      await reportBody(sut.app, { photoIds: [(first.json() as { id: number }).id] }),
    );
    expect(report.status).toBe(201);
    expect((await upload(resident)).statusCode).toBe(201);
  });

  it('counts per staff account too, and limits uploads per account per minute with 429 and Retry-After', async () => {
    const staff = await createStaff(sut.app, 'handler.limits', 'handler', 'xietu-guanli');
    const other = await createResident(sut.app, '李师傅');
    expect((await upload(staff)).statusCode).toBe(201);
    expect((await upload(staff)).statusCode).toBe(201);
    const quota = await upload(staff);
    expect([quota.statusCode, (quota.json() as { error: { code: string } }).error.code]).toEqual([409, 'PHOTO_QUOTA_EXCEEDED']);
    expect((await upload(staff)).statusCode).toBe(409);
    // The fifth request within the minute: over MANYI_RATE_LIMIT_UPLOAD=4.
    const limited = await upload(staff);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toEqual({ error: { code: 'RATE_LIMITED', message: '操作过于频繁，请稍后再试' } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Someone else's budget is their own.
    expect((await upload(other)).statusCode).toBe(201);
  });

  it('removes photos never attached after 24 hours, with every stored file, and keeps attached and recent ones', async () => {
    expect(await sut.app.get(JobScheduler).scheduled()).toContain('photo-cleanup');
    const resident = await createResident(sut.app, '王老师');
    const [attached, stale] = await Promise.all([upload(resident), upload(resident)]).then((all) =>
      all.map((r) => (r.json() as { id: number }).id),
    );
    await idle();
    const report = await call(sut.app, 'POST', '/api/v1/concerns', resident, await reportBody(sut.app, { photoIds: [attached] }));
    expect(report.status).toBe(201);
    const recent = (await upload(resident)).json() as { id: number };
    await idle();
    // A day and a bit ago: the attached one and the stale one.
    const dayAgo = new Date(Date.now() - 25 * 3600_000);
    await photos
      .createQueryBuilder()
      .update(Photo)
      .set({ createdAt: dayAgo })
      .where({ id: In([attached, stale]) })
      .execute();
    const staleRow = await photos.findOneByOrFail({ id: stale });
    const staleFiles = [staleRow.storageKey, staleRow.thumbnailKey].map((k) => join(dataDir, 'photos', k));
    expect(staleFiles.every((f) => existsSync(f))).toBe(true);

    expect(await sut.app.get(PhotoCleanupService).removeUnattached()).toBeGreaterThanOrEqual(1);

    expect(await photos.findOneBy({ id: stale })).toBeNull();
    expect(staleFiles.some((f) => existsSync(f))).toBe(false);
    expect(await photos.findOneBy({ id: attached })).not.toBeNull();
    expect(await photos.findOneBy({ id: recent.id })).not.toBeNull();
    expect((await call(sut.app, 'GET', `/api/v1/uploads/${attached}`, resident)).status).toBe(200);
  });

  it('checks only the header while the request waits: a JPEG cut off halfway is acknowledged, then failed by the job and never served', async () => {
    const resident = await createResident(sut.app, '赵大姐');
    const jpeg = await sharp({
      create: { width: 800, height: 600, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } },
    })
      .jpeg()
      .toBuffer();
    const res = await upload(resident, jpeg.subarray(0, Math.floor(jpeg.length / 2)));
    expect(res.statusCode).toBe(201);
    const { id } = res.json() as { id: number };
    await idle();
    expect(await photos.findOneByOrFail({ id })).toMatchObject({ status: 'failed', originalKey: null });
    const read = await call(sut.app, 'GET', `/api/v1/uploads/${id}`, resident);
    expect([read.status, errorOf(read).code]).toEqual([422, 'PHOTO_UNREADABLE']);
    const report = await call(sut.app, 'POST', '/api/v1/concerns', resident, await reportBody(sut.app, { photoIds: [id] }));
    expect([report.status, errorOf(report).code]).toEqual([422, 'PHOTO_UNREADABLE']);
  });
});
