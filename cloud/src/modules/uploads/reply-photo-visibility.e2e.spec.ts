import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { phoneJpeg } from '../../testing/images.js';
import { photoUpload } from '../../testing/multipart.js';
import { createResident, createStaff } from '../../testing/staff-fixtures.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_DATABASES } from '../../testing/test-databases.js';
import { Category } from '../directory/category.entity.js';
import { Compound } from '../directory/compound.entity.js';
import { Department } from '../directory/department.entity.js';

type Signed = { id: number; authorization: string };
type Json = Record<string, unknown>;

/** Issue 21, item 8: a handler's reply photos reach the resident only with the published reply. */
describe.each(TEST_DATABASES)('reply photos and the resident on %s', (kind) => {
  let sut: TestApp;
  let dataDir: string;
  let resident: Signed;
  let neighbour: Signed;
  let dispatcher: Signed;
  let handler: Signed;
  let otherDispatcher: Signed;
  let concernId: number;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'manyi-reply-photos-'));
    sut = await startTestApp(kind, { MANYI_DATA_DIR: dataDir });
    const ds = sut.app.get(DataSource);
    resident = await createResident(sut.app, '张阿姨');
    neighbour = await createResident(sut.app, '李师傅');
    dispatcher = await createStaff(sut.app, 'dispatcher.rp', 'dispatcher', 'xietu');
    handler = await createStaff(sut.app, 'handler.rp', 'handler', 'xietu-guanli');
    otherDispatcher = await createStaff(sut.app, 'dispatcher.rp2', 'dispatcher', 'tianping');
    const compoundId = (await ds.getRepository(Compound).findOneByOrFail({ code: 'xietu-hengyi' })).id;
    const categoryId = (await ds.getRepository(Category).findOneByOrFail({ code: 'shirong-laji' })).id;
    const departmentId = (await ds.getRepository(Department).findOneByOrFail({ code: 'xietu-guanli' })).id;
    const submitted = await post('/api/v1/concerns', resident, {
      categoryId,
      compoundId,
      title: '垃圾房满溢',
      description: '垃圾房三天没有清运。',
    });
    concernId = submitted.id as number;
    await act(dispatcher, 'accept');
    await act(dispatcher, 'dispatch', { departmentId });
    await act(handler, 'sign');
  });
  afterAll(async () => {
    await sut?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function post(url: string, who: Signed, payload: Json): Promise<Json> {
    const res = await sut.app.inject({ method: 'POST', url, headers: { authorization: who.authorization }, payload });
    if (res.statusCode >= 300) throw new Error(`${url} → ${res.statusCode} ${res.body}`);
    return res.json() as Json;
  }
  const act = (who: Signed, action: string, payload: Json = {}) => post(`/api/v1/admin/concerns/${concernId}/${action}`, who, payload);
  const uploadPhoto = async (who: Signed) => {
    const body = photoUpload(await phoneJpeg(64, 48));
    const res = await sut.app.inject({
      method: 'POST',
      url: '/api/v1/uploads',
      headers: { ...body.headers, authorization: who.authorization },
      payload: body.payload,
    });
    expect(res.statusCode).toBe(201);
    return (res.json() as { id: number }).id;
  };
  /** The status of reading the photo and of reading its thumbnail (always the same). */
  const readStatus = async (photoId: number, who: Signed) => {
    const statuses = await Promise.all(
      [`/api/v1/uploads/${photoId}`, `/api/v1/uploads/${photoId}/thumbnail`].map(
        async (url) => (await sut.app.inject({ method: 'GET', url, headers: { authorization: who.authorization } })).statusCode,
      ),
    );
    expect(statuses[0]).toBe(statuses[1]);
    return statuses[0];
  };

  it('hides them while the reply is reviewed and after a send-back, shows the published ones, and staff in scope see all', async () => {
    const first = await uploadPhoto(handler);
    await act(handler, 'reply', { text: '已安排清运。', photoIds: [first] });
    // Under review: the dispatcher and the handler see it, the resident does not yet.
    expect(await readStatus(first, dispatcher)).toBe(200);
    expect(await readStatus(first, handler)).toBe(200);
    expect(await readStatus(first, resident)).toBe(404);

    await act(dispatcher, 'send-back', { reason: '照片看不清，请重拍' });
    expect(await readStatus(first, resident)).toBe(404);
    expect(await readStatus(first, dispatcher)).toBe(200);

    const second = await uploadPhoto(handler);
    await act(handler, 'reply', { text: '已清运完毕。', photoIds: [second] });
    expect(await readStatus(second, resident)).toBe(404);

    await act(dispatcher, 'approve-reply');
    // Published: the replacing reply's photo, not the one sent back.
    expect(await readStatus(second, resident)).toBe(200);
    expect(await readStatus(first, resident)).toBe(404);
    const detail = await sut.app.inject({
      method: 'GET',
      url: `/api/v1/concerns/${concernId}`,
      headers: { authorization: resident.authorization },
    });
    const timeline = (detail.json() as { timeline: Array<{ action: string; photoIds?: number[] }> }).timeline;
    expect(timeline.filter((e) => e.photoIds?.length).map((e) => e.photoIds)).toEqual([[second]]);

    // Staff in scope keep both; nobody else sees either.
    for (const photo of [first, second]) {
      expect(await readStatus(photo, dispatcher)).toBe(200);
      expect(await readStatus(photo, handler)).toBe(200);
      expect(await readStatus(photo, neighbour)).toBe(404);
      expect(await readStatus(photo, otherDispatcher)).toBe(404);
    }
  });
});
