import { jest } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shanghaiDate, type ResidentExport } from '@manyi/shared';
import { DataSource, In } from 'typeorm';
import { phoneJpeg } from '../../testing/images.js';
import { photoUpload } from '../../testing/multipart.js';
import { createResident, createStaff } from '../../testing/staff-fixtures.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_DATABASES } from '../../testing/test-databases.js';
import { AuditLog } from '../audit/audit-log.entity.js';
import { Resident } from '../auth/resident.entity.js';
import { Concern } from '../concerns/concern.entity.js';
import { Notification } from '../notifications/notification.entity.js';
import { Category } from '../directory/category.entity.js';
import { Compound } from '../directory/compound.entity.js';
import { Department } from '../directory/department.entity.js';
import { NotificationDispatcher } from '../notifications/notification-dispatcher.service.js';
import { PhotoProcessingService } from '../uploads/photo-processing.service.js';
import { Photo } from '../uploads/photo.entity.js';
import { VisitQuestion } from '../visits/visit-question.entity.js';
import { VisitSignup } from '../visits/visit-signup.entity.js';
import { ConcernEvent } from '../concerns/concern-event.entity.js';
import { SubscribeConsent } from '../notifications/subscribe-consent.entity.js';

type Json = Record<string, unknown>;
type Signed = { id: number; authorization: string };

const errorOf = (body: Json) => (body as { error: { code: string; message: string } }).error;

describe.each(TEST_DATABASES)('the resident’s own data on %s', (kind) => {
  let sut: TestApp;
  let ds: DataSource;
  let dataDir: string;
  let dispatcherJob: NotificationDispatcher;
  let staff: Signed;
  let supervisor: Signed;
  let compoundId: number;
  let categoryId: number;
  let departmentId: number;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'manyi-me-'));
    sut = await startTestApp(kind, { MANYI_DATA_DIR: dataDir });
    ds = sut.app.get(DataSource);
    dispatcherJob = sut.app.get(NotificationDispatcher);
    await dispatcherJob.stop();
    staff = await createStaff(sut.app, 'dispatcher.me', 'dispatcher', 'xietu');
    supervisor = await createStaff(sut.app, 'supervisor.me', 'supervisor');
    compoundId = (await ds.getRepository(Compound).findOneByOrFail({ code: 'xietu-hengyi' })).id;
    categoryId = (await ds.getRepository(Category).findOneByOrFail({ code: 'shirong-laji' })).id;
    departmentId = (await ds.getRepository(Department).findOneByOrFail({ code: 'xietu-guanli' })).id;
  });
  afterAll(async () => {
    await sut?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const call = async (method: 'GET' | 'POST' | 'DELETE', url: string, who: Signed | null, payload?: Json) => {
    const res = await sut.app.inject({ method, url, headers: who ? { authorization: who.authorization } : {}, payload });
    return { status: res.statusCode, body: (res.body ? res.json() : null) as Json, headers: res.headers };
  };

  /** A visit to the test compound five days from now, with a lawyer taking questions. */
  const publishVisit = (editor: Signed, title: string, capacity: number, startsAt = new Date(Date.now() + 5 * 24 * 3600_000)) => {
    return call('POST', '/api/v1/admin/visits', editor, {
      title,
      compoundId,
      place: '恒益居民区活动室',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * 3600_000).toISOString(),
      participants: [{ name: '陈律师', role: 'lawyer', title: '社区法律顾问' }],
      topics: ['加装电梯'],
      capacity,
    });
  };
  const act = async (id: number, action: string, payload: Json = {}) => {
    const res = await call('POST', `/api/v1/admin/concerns/${id}/${action}`, staff, payload);
    if (res.status !== 200) throw new Error(`${action} → ${res.status} ${JSON.stringify(res.body)}`);
  };
  const uploadPhoto = async (who: Signed) => {
    const res = await sut.app.inject({ method: 'POST', url: '/api/v1/uploads', ...withAuth(photoUpload(await phoneJpeg(64, 48)), who) });
    expect(res.statusCode).toBe(201);
    return (res.json() as { id: number }).id;
  };
  const withAuth = (body: { payload: Buffer; headers: Record<string, string> }, who: Signed) => ({
    payload: body.payload,
    headers: { ...body.headers, authorization: who.authorization },
  });
  const photoFiles = async (ids: number[]) => {
    const rows = await ds.getRepository(Photo).findBy({ id: In(ids) });
    return rows.flatMap((p) => [join(dataDir, 'photos', p.storageKey), join(dataDir, 'photos', p.thumbnailKey)]);
  };

  /** A resident with a photographed, located concern with a phone, accepted and dispatched, its notification delivered. */
  const residentWithConcern = async (nickname: string, phone: string) => {
    const who = await createResident(sut.app, nickname);
    const photoIds = [await uploadPhoto(who), await uploadPhoto(who)];
    const submitted = await call('POST', '/api/v1/concerns', who, {
      categoryId,
      compoundId,
      title: `${nickname}反映垃圾房满溢`,
      description: '垃圾房连续三天没有清运，气味很大。',
      photoIds,
      latitude: 31.1925,
      longitude: 121.4567,
      address: '斜土路某弄3号楼旁',
      phone,
    });
    expect(submitted.status).toBe(201);
    const concernId = submitted.body.id as number;
    const code = submitted.body.code as string;
    await act(concernId, 'accept');
    await act(concernId, 'dispatch', { departmentId });
    await dispatcherJob.deliverPending();
    const notificationIds = (await ds.getRepository(Notification).findBy({ residentId: who.id })).map((n) => n.id);
    expect(notificationIds).toHaveLength(1);
    return { who, concernId, code, photoIds, notificationIds, nickname, phone };
  };
  type Someone = Awaited<ReturnType<typeof residentWithConcern>>;
  let alice: Someone;
  let bob: Someone;

  beforeAll(async () => {
    alice = await residentWithConcern('张阿姨', '13812341234');
    bob = await residentWithConcern('李师傅', '13998769876');
  });

  it('answers GET /me with the signed-in resident’s profile', async () => {
    const res = await call('GET', '/api/v1/me', alice.who);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: alice.who.id, nickname: '张阿姨', isPreview: true, wechatLinked: false, createdAt: expect.any(String) });
  });

  it('is for residents only: staff get 403 and nobody 401 on every route', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/me'],
      ['GET', '/api/v1/me/export'],
      ['DELETE', '/api/v1/me'],
    ] as const) {
      const asStaff = await call(method, url, staff);
      expect([asStaff.status, errorOf(asStaff.body).code]).toEqual([403, 'FORBIDDEN']);
      const anonymous = await call(method, url, null);
      expect([anonymous.status, errorOf(anonymous.body).code]).toEqual([401, 'UNAUTHENTICATED']);
    }
    expect(await ds.getRepository(Resident).countBy({ nickname: '已注销用户' })).toBe(0);
  });

  it('exports everything held about the resident — profile, concerns with the phone in full and the public timeline, photos, notifications — and audits it', async () => {
    const res = await call('GET', '/api/v1/me/export', alice.who);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="manyi-\d+\.json"$/);
    expect(res.headers['cache-control']).toBe('no-store');
    const data = res.body as unknown as ResidentExport;

    expect(data.resident).toMatchObject({ id: alice.who.id, nickname: '张阿姨', openid: null, unionid: null, isPreview: true });
    expect(data.concerns).toHaveLength(1);
    const [concern] = data.concerns;
    expect(concern).toMatchObject({
      id: alice.concernId,
      code: alice.code,
      status: 'dispatched',
      phone: '13812341234',
      photoIds: alice.photoIds,
      latitude: 31.1925,
      longitude: 121.4567,
      address: '斜土路某弄3号楼旁',
    });
    expect(concern!.timeline.map((e) => e.action)).toEqual(['submit', 'accept', 'dispatch']);
    expect(concern!.timeline.every((e) => !('internalText' in e))).toBe(true);
    expect(data.photos.map((p) => p.id)).toEqual(alice.photoIds);
    expect(data.photos[0]).toEqual({
      id: alice.photoIds[0],
      url: `/api/v1/uploads/${alice.photoIds[0]}`,
      thumbnailUrl: `/api/v1/uploads/${alice.photoIds[0]}/thumbnail`,
      width: expect.any(Number),
      height: expect.any(Number),
      mime: 'image/jpeg',
      bytes: expect.any(Number),
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      createdAt: expect.any(String),
    });
    expect(data.notifications.map((n) => n.id)).toEqual(alice.notificationIds);
    expect(data.notifications[0]).toMatchObject({ concernId: alice.concernId, kind: 'accepted', status: 'delivered' });

    const audit = await ds.getRepository(AuditLog).findBy({ action: 'resident.export', actorId: alice.who.id });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorKind: 'resident',
      targetType: 'resident',
      targetId: alice.who.id,
      detail: { concerns: 1, photos: 2, notifications: 1 },
    });
  });

  it('never puts another resident’s data in an export', async () => {
    const text = JSON.stringify((await call('GET', '/api/v1/me/export', alice.who)).body);
    for (const foreign of [bob.nickname, bob.phone, bob.code, '9876']) expect(text).not.toContain(foreign);
    const data = JSON.parse(text) as ResidentExport;
    expect(data.concerns.map((c) => c.id)).not.toContain(bob.concernId);
    expect(data.photos.map((p) => p.id).some((id) => bob.photoIds.includes(id))).toBe(false);
    expect(data.notifications.map((n) => n.id).some((id) => bob.notificationIds.includes(id))).toBe(false);
    // And the other way round: Bob's export is Bob's alone.
    const his = (await call('GET', '/api/v1/me/export', bob.who)).body as unknown as ResidentExport;
    expect(his.resident.id).toBe(bob.who.id);
    expect(his.concerns.map((c) => c.id)).toEqual([bob.concernId]);
    expect(JSON.stringify(his)).not.toContain(alice.phone);
  });

  it('deletes the account: de-identified concerns stay for staff and the rates, photos and notifications go, the token stops working', async () => {
    const carol = await residentWithConcern('王老师', '13700001111');
    const today = shanghaiDate(new Date());
    const ratesUrl = `/api/v1/admin/stats/rates?from=${today}&to=${today}&street=xietu`;
    const ratesBefore = (await call('GET', ratesUrl, supervisor)).body;
    // Alice's, Bob's and Carol's concerns, all dispatched today in Xietu.
    expect(ratesBefore.total).toMatchObject({ dispatched: 3 });
    const inboxStatus = async () =>
      ((await call('GET', '/api/v1/admin/concerns?street=xietu&limit=100', staff)).body.items as Json[]).find(
        (c) => c.id === carol.concernId,
      )?.status;
    expect(await inboxStatus()).toBe('dispatched');
    // Photos are re-encoded after their upload is answered: the files to be removed exist once that is done.
    await sut.app.get(PhotoProcessingService).idle();
    const files = await photoFiles(carol.photoIds);
    expect(files.every((f) => existsSync(f))).toBe(true);
    const bobFiles = await photoFiles(bob.photoIds);

    const res = await call('DELETE', '/api/v1/me', carol.who);
    expect(res.status).toBe(204);
    expect(res.body).toBeNull();

    const resident = await ds.getRepository(Resident).findOneByOrFail({ id: carol.who.id });
    expect(resident).toMatchObject({ nickname: '已注销用户', openid: null, unionid: null });
    expect(resident.deletedAt).toBeInstanceOf(Date);
    const concern = await ds.getRepository(Concern).findOneByOrFail({ id: carol.concernId });
    expect(concern).toMatchObject({
      residentId: carol.who.id,
      status: 'dispatched',
      leadDepartmentId: departmentId,
      phoneEncrypted: null,
      phoneMasked: null,
      latitude: null,
      longitude: null,
      address: null,
      photoIds: [],
    });
    expect(await ds.getRepository(Photo).findBy({ id: In(carol.photoIds) })).toEqual([]);
    expect(files.some((f) => existsSync(f))).toBe(false);
    expect(await ds.getRepository(Notification).countBy({ residentId: carol.who.id })).toBe(0);
    const audit = await ds.getRepository(AuditLog).findOneByOrFail({ action: 'resident.delete', actorId: carol.who.id });
    expect(audit).toMatchObject({
      actorKind: 'resident',
      targetType: 'resident',
      targetId: carol.who.id,
      detail: { concerns: 1, photos: 2, notifications: 1 },
    });

    // Staff still work it and count it; they see no phone, place or photos any more.
    expect(await inboxStatus()).toBe('dispatched');
    const detail = (await call('GET', `/api/v1/admin/concerns/${carol.concernId}`, staff)).body;
    expect(detail).toMatchObject({ status: 'dispatched', phone: null, address: null, latitude: null, photoIds: [] });
    expect(detail.timeline).toHaveLength(3);
    expect((await call('GET', ratesUrl, supervisor)).body).toEqual(ratesBefore);

    // Every session of the account has ended.
    for (const [method, url] of [
      ['GET', '/api/v1/me'],
      ['GET', '/api/v1/me/export'],
      ['GET', '/api/v1/me/notifications'],
      ['GET', '/api/v1/concerns/mine'],
      ['DELETE', '/api/v1/me'],
    ] as const) {
      const after = await call(method, url, carol.who);
      expect([after.status, errorOf(after.body).code]).toEqual([401, 'UNAUTHENTICATED']);
    }

    // Nobody else's data was touched.
    expect((await ds.getRepository(Concern).findOneByOrFail({ id: bob.concernId })).phoneMasked).toBe('139****9876');
    expect(bobFiles.every((f) => existsSync(f))).toBe(true);
    expect((await call('GET', '/api/v1/me', bob.who)).status).toBe(200);
  });

  it('exports the resident’s visit sign-ups, questions and message consents; deleting gives their place at a coming visit to the first waiting', async () => {
    const editor = await createStaff(sut.app, 'editor.me', 'editor', 'xietu');
    const startsAt = new Date(Date.now() + 5 * 24 * 3600_000);
    const published = await publishVisit(editor, '满意在徐汇 · 恒益居民区面对面', 1, startsAt);
    expect(published.status).toBe(201);
    const visitId = published.body.id as number;
    const dan = await createResident(sut.app, '周先生');
    const erin = await createResident(sut.app, '吴阿姨');
    expect((await call('POST', `/api/v1/visits/${visitId}/signups`, dan)).body).toMatchObject({ status: 'confirmed' });
    expect((await call('POST', `/api/v1/visits/${visitId}/signups`, erin)).body).toMatchObject({ status: 'waiting', position: 1 });
    const asked = await call('POST', `/api/v1/visits/${visitId}/questions`, dan, {
      addressedTo: 'lawyer',
      text: '加装电梯的费用怎么分摊？',
    });
    expect(asked.status).toBe(201);
    await ds.getRepository(SubscribeConsent).insert({ residentId: dan.id, templateId: 'tmpl-reply-published', remaining: 2 });

    const data = (await call('GET', '/api/v1/me/export', dan)).body as unknown as ResidentExport;
    expect(data.visitSignups).toEqual([
      expect.objectContaining({
        visitId,
        visitTitle: '满意在徐汇 · 恒益居民区面对面',
        visitStartsAt: startsAt.toISOString(),
        status: 'confirmed',
      }),
    ]);
    expect(data.visitQuestions).toEqual([expect.objectContaining({ visitId, addressedTo: 'lawyer', text: '加装电梯的费用怎么分摊？' })]);
    expect(data.subscribeConsents).toEqual([{ templateId: 'tmpl-reply-published', remaining: 2 }]);
    expect((await call('GET', '/api/v1/me/export', erin)).body).toMatchObject({ visitQuestions: [], subscribeConsents: [] });

    expect((await call('DELETE', '/api/v1/me', dan)).status).toBe(204);
    const signups = ds.getRepository(VisitSignup);
    expect(await signups.findOneByOrFail({ visitId, residentId: dan.id })).toMatchObject({ status: 'cancelled' });
    expect(await signups.findOneByOrFail({ visitId, residentId: erin.id })).toMatchObject({ status: 'confirmed' });
    expect(await ds.getRepository(Notification).countBy({ residentId: erin.id, visitId, kind: 'visit_promoted' })).toBe(1);
    expect(await ds.getRepository(SubscribeConsent).countBy({ residentId: dan.id })).toBe(0);
    const audit = await ds.getRepository(AuditLog).findOneByOrFail({ action: 'resident.delete', actorId: dan.id });
    expect(audit.detail).toMatchObject({ visitSignups: 1 });
  });

  it('masks phone numbers, ID numbers and the resident’s name in what they wrote, and removes a pending photo’s upload', async () => {
    const handler = await createStaff(sut.app, 'handler.me', 'handler', 'xietu-guanli');
    const editor = await createStaff(sut.app, 'editor.me.mask', 'editor', 'xietu');
    const fay = await createResident(sut.app, '赵大姐');
    const submitted = await call('POST', '/api/v1/concerns', fay, {
      categoryId,
      compoundId,
      title: '赵大姐：楼道堆物 138 1234 5678',
      description: '我是赵大姐，身份证31010419800101123X，座机(021)6123-4567，手机１３９１２３４５６７８，3号楼2单元楼道堆满杂物。',
    });
    expect(submitted.status).toBe(201);
    const concernId = submitted.body.id as number;
    await act(concernId, 'accept');
    await act(concernId, 'dispatch', { departmentId });
    const asHandler = async (action: string, payload: Json = {}) =>
      expect((await call('POST', `/api/v1/admin/concerns/${concernId}/${action}`, handler, payload)).status).toBe(200);
    await asHandler('sign');
    await asHandler('reply', { text: '已清理楼道堆物。', photoIds: [] });
    await act(concernId, 'approve-reply');
    const rated = await call('POST', `/api/v1/concerns/${concernId}/rating`, fay, {
      solved: true,
      satisfaction: 'satisfied',
      comment: '谢谢！有事再打13612345678找赵大姐',
    });
    expect(rated.status).toBe(200);
    const visit = await publishVisit(editor, '恒益居民区面对面', 10);
    expect(visit.status).toBe(201);
    const asked = await call('POST', `/api/v1/visits/${visit.body.id as number}/questions`, fay, {
      addressedTo: 'lawyer',
      text: '赵大姐想问加装电梯，电话 6123 4567',
    });
    expect(asked.status).toBe(201);
    // A pending photo whose processing job was lost (a Redis outage at upload): only its upload is stored.
    const processing = sut.app.get(PhotoProcessingService);
    await processing.idle();
    jest.spyOn(processing, 'enqueue').mockResolvedValueOnce(undefined);
    const pendingId = await uploadPhoto(fay);
    const pending = await ds.getRepository(Photo).findOneByOrFail({ id: pendingId });
    expect(pending.status).toBe('pending');
    const original = join(dataDir, 'photos', pending.originalKey!);
    expect(existsSync(original)).toBe(true);

    expect((await call('DELETE', '/api/v1/me', fay)).status).toBe(204);

    const concern = await ds.getRepository(Concern).findOneByOrFail({ id: concernId });
    expect(concern.title).toBe('***：楼道堆物 [电话]');
    expect(concern.description).toBe('我是***，身份证[证件号]，座机[电话]，手机[电话]，3号楼2单元楼道堆满杂物。');
    expect(concern.ratingComment).toBe('谢谢！有事再打[电话]找***');
    const rateEvent = await ds.getRepository(ConcernEvent).findOneByOrFail({ concernId, action: 'rate' });
    expect(rateEvent.publicText).toBe('谢谢！有事再打[电话]找***');
    expect((await ds.getRepository(VisitQuestion).findOneByOrFail({ residentId: fay.id })).text).toBe('***想问加装电梯，电话 [电话]');
    expect(existsSync(original)).toBe(false);
    // Staff's own words are theirs: the published reply is untouched.
    expect((await ds.getRepository(ConcernEvent).findOneByOrFail({ concernId, action: 'approve-reply' })).publicText).toBe(
      '已清理楼道堆物。',
    );
  });

  it('drops, rather than delivers, a notification written for a deleted account afterwards', async () => {
    const dave = await residentWithConcern('陈先生', '13611112222');
    expect((await call('DELETE', '/api/v1/me', dave.who)).status).toBe(204);
    // The concern goes on after the account is gone; its next message has nobody to reach.
    await ds.getRepository(Notification).insert({
      residentId: dave.who.id,
      concernId: dave.concernId,
      kind: 'reply_published',
      title: '您的诉求已有答复',
      body: '已处理',
      status: 'pending',
      attempts: 0,
    });
    expect(await dispatcherJob.deliverPending()).toMatchObject({ dropped: 1, delivered: 0 });
    expect(await ds.getRepository(Notification).countBy({ residentId: dave.who.id })).toBe(0);
  });
});
