import { shanghaiDate } from '@manyi/shared';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log.entity.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_DATABASES } from '../../testing/test-databases.js';
import { createResident, createStaff } from '../../testing/staff-fixtures.js';
import { Category } from '../directory/category.entity.js';
import { Compound } from '../directory/compound.entity.js';
import { Department } from '../directory/department.entity.js';
import { Notification } from '../notifications/notification.entity.js';
import { phoneJpeg } from '../../testing/images.js';
import { photoUpload } from '../../testing/multipart.js';

type Json = Record<string, unknown>;

describe.each(TEST_DATABASES)('the closed loop on %s', (kind) => {
  let sut: TestApp;
  let resident: { id: number; authorization: string };
  let dispatcher: { authorization: string };
  let handler: { authorization: string };
  let supervisor: { authorization: string };
  let compoundId: number;
  let categoryId: number;
  let guanliId: number;

  beforeAll(async () => {
    sut = await startTestApp(kind);
    resident = await createResident(sut.app, '李阿姨');
    dispatcher = await createStaff(sut.app, 'dispatcher.loop', 'dispatcher', 'xietu');
    handler = await createStaff(sut.app, 'handler.loop', 'handler', 'xietu-guanli');
    supervisor = await createStaff(sut.app, 'supervisor.loop', 'supervisor');
    const ds = sut.app.get(DataSource);
    compoundId = (await ds.getRepository(Compound).findOneByOrFail({ code: 'xietu-hengyi' })).id;
    categoryId = (await ds.getRepository(Category).findOneByOrFail({ code: 'shirong-laji' })).id;
    guanliId = (await ds.getRepository(Department).findOneByOrFail({ code: 'xietu-guanli' })).id;
  });
  afterAll(async () => {
    await sut?.close();
  });

  const call = async (method: 'GET' | 'POST', url: string, who: { authorization: string }, payload?: Json, headers: Json = {}) => {
    const res = await sut.app.inject({
      method,
      url,
      headers: { authorization: who.authorization, ...headers } as Record<string, string>,
      payload,
    });
    return { status: res.statusCode, body: res.json() as Json, headers: res.headers };
  };
  const act = async (who: { authorization: string }, id: number, action: string, payload: Json = {}) => {
    const res = await call('POST', `/api/v1/admin/concerns/${id}/${action}`, who, payload);
    if (res.status !== 200) throw new Error(`${action} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.status;
  };
  const rate = async (id: number, payload: Json) => (await call('POST', `/api/v1/concerns/${id}/rating`, resident, payload)).body.status;

  it('walks a concern from report to a satisfied rating, every step on the timeline, counted in the rates', async () => {
    const report = {
      categoryId,
      compoundId,
      title: '垃圾房满溢 🗑️',
      description: '恒益小区3号楼旁的垃圾房连续三天没有清运，气味很大。',
      latitude: 31.1925,
      longitude: 121.4567,
      address: '斜土路某弄3号楼旁',
      phone: '13812341234',
    };
    const first = await call('POST', '/api/v1/concerns', resident, report, { 'idempotency-key': 'submit-key-0001' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'submitted', code: expect.stringMatching(/^XH\d{8}-\d{4,}$/) });
    const retry = await call('POST', '/api/v1/concerns', resident, report, { 'idempotency-key': 'submit-key-0001' });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    const id = first.body.id as number;
    expect(((await call('GET', '/api/v1/concerns/mine', resident)).body.items as Json[]).filter((c) => c.id === id)).toHaveLength(1);

    const detailForStaff = (await call('GET', `/api/v1/admin/concerns/${id}`, dispatcher)).body;
    expect(detailForStaff.phone).toBe('138****1234');
    expect(detailForStaff.allowedActions).toEqual(expect.arrayContaining(['accept', 'reject', 'merge']));
    expect(detailForStaff.suggestedDepartmentId).toBe(guanliId);

    expect(await act(dispatcher, id, 'accept')).toBe('accepted');
    expect(await act(dispatcher, id, 'dispatch', { departmentId: guanliId })).toBe('dispatched');
    expect(await act(handler, id, 'return', { reason: 'insufficient_info', note: '需要具体楼号' })).toBe('returned');
    expect(await act(dispatcher, id, 'dispatch', { departmentId: guanliId })).toBe('dispatched');
    expect(await act(handler, id, 'sign')).toBe('in_progress');
    expect(await act(handler, id, 'extend', { workingDays: 2, reason: '需协调清运公司' })).toBe('in_progress');
    const beforeExtension = (await call('GET', `/api/v1/admin/concerns/${id}`, dispatcher)).body.resolveDueAt as string;
    expect(await act(dispatcher, id, 'approve-extension')).toBe('in_progress');
    const afterExtension = (await call('GET', `/api/v1/admin/concerns/${id}`, dispatcher)).body.resolveDueAt as string;
    expect(Date.parse(afterExtension)).toBeGreaterThan(Date.parse(beforeExtension));
    expect(await act(handler, id, 'reply', { text: '已联系清运公司，今日完成清运。' })).toBe('replied');
    expect(await act(dispatcher, id, 'send-back', { reason: '请补充后续的清运安排' })).toBe('in_progress');
    expect(await act(handler, id, 'reply', { text: '已清运，并约定每日上午清运一次。' })).toBe('replied');
    expect(await act(dispatcher, id, 'approve-reply')).toBe('awaiting_rating');
    expect(await rate(id, { solved: false, satisfaction: 'unsatisfied', comment: '第二天又满了' })).toBe('reopened');
    expect(await act(handler, id, 'reply', { text: '已增加为每日两次清运，并设专人巡查。' })).toBe('replied');
    expect(await act(dispatcher, id, 'approve-reply')).toBe('awaiting_rating');
    expect(await rate(id, { solved: true, satisfaction: 'satisfied', comment: '现在很干净' })).toBe('closed');

    const staffTimeline = (await call('GET', `/api/v1/admin/concerns/${id}`, supervisor)).body.timeline as Json[];
    expect(staffTimeline.map((e) => e.action)).toEqual([
      'submit',
      'accept',
      'dispatch',
      'return',
      'dispatch',
      'sign',
      'extend',
      'approve-extension',
      'reply',
      'send-back',
      'reply',
      'approve-reply',
      'rate',
      'reply',
      'approve-reply',
      'rate',
    ]);
    expect(staffTimeline.map((e) => e.toStatus).at(-1)).toBe('closed');

    // The resident sees the decisions and the published replies, never internal notes or unreviewed replies.
    const mine = (await call('GET', `/api/v1/concerns/${id}`, resident)).body;
    expect(mine.phone).toBe('13812341234');
    const publicTimeline = mine.timeline as Json[];
    expect(publicTimeline.map((e) => e.action)).not.toContain('send-back');
    expect(publicTimeline.map((e) => e.action)).not.toContain('reply');
    expect(publicTimeline.filter((e) => e.action === 'approve-reply').map((e) => e.publicText)).toEqual([
      '已清运，并约定每日上午清运一次。',
      '已增加为每日两次清运，并设专人巡查。',
    ]);
    expect(JSON.stringify(publicTimeline)).not.toContain('需要具体楼号');

    const today = shanghaiDate(new Date());
    const rates = (await call('GET', `/api/v1/admin/stats/rates?from=${today}&to=${today}&street=xietu`, supervisor)).body;
    expect(rates.total).toMatchObject({
      dispatched: 1,
      signedOnTime: 1,
      rated: 1,
      solved: 1,
      satisfied: 1,
      unsatisfied: 0,
      responseRate: 1,
      resolutionRate: 1,
      satisfactionRate: 1,
    });
    expect((rates.byDepartment as Json[]).find((r) => r.key === 'xietu-guanli')).toMatchObject({ dispatched: 1, rated: 1 });

    const ds = sut.app.get(DataSource);
    const notes = await ds.getRepository(Notification).find({ where: { concernId: id }, order: { id: 'ASC' } });
    expect(notes.map((n) => n.kind)).toEqual(['accepted', 'reply_published', 'reply_published', 'closed']);
    const audited = await ds.getRepository(AuditLog).find({ where: { targetType: 'concern', targetId: id } });
    expect(audited.length).toBe(staffTimeline.filter((e) => e.actorRole !== 'resident').length);
  });

  it('answers a retry with the first concern even when its category was disabled in between, and files it once', async () => {
    const ds = sut.app.get(DataSource);
    const report = { categoryId, compoundId, title: '路灯不亮', description: '恒益小区门口的路灯一周没亮了。' };
    const first = await call('POST', '/api/v1/concerns', resident, report, { 'idempotency-key': 'retry-after-disable-01' });
    expect(first.status).toBe(201);
    await ds.getRepository(Category).update({ id: categoryId }, { disabled: true });
    try {
      const retry = await call('POST', '/api/v1/concerns', resident, report, { 'idempotency-key': 'retry-after-disable-01' });
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      const fresh = await call('POST', '/api/v1/concerns', resident, report, { 'idempotency-key': 'retry-after-disable-02' });
      expect(fresh.status).toBe(404);
      expect((fresh.body.error as Json).code).toBe('CATEGORY_NOT_FOUND');
    } finally {
      await ds.getRepository(Category).update({ id: categoryId }, { disabled: false });
    }
    const mine = (await call('GET', '/api/v1/concerns/mine', resident)).body.items as Json[];
    expect(mine.filter((c) => c.title === report.title)).toHaveLength(1);
  });

  it("lets exactly those who may see a concern read its photos: the resident's report and the handler's evidence", async () => {
    const uploadAs = async (who: { authorization: string }) => {
      const body = photoUpload(await phoneJpeg(400, 300));
      const res = await sut.app.inject({
        method: 'POST',
        url: '/api/v1/uploads',
        payload: body.payload,
        headers: { ...body.headers, authorization: who.authorization },
      });
      expect(res.statusCode).toBe(201);
      return res.json() as { id: number; url: string };
    };
    const reportPhoto = await uploadAs(resident);
    const report = { categoryId, compoundId, title: '路灯不亮', description: '小区门口的路灯坏了一周。', photoIds: [reportPhoto.id] };
    const id = (await call('POST', '/api/v1/concerns', resident, report)).body.id as number;
    const otherStreet = await createStaff(sut.app, 'dispatcher.photo-fenglin', 'dispatcher', 'fenglin');
    const read = async (who: { authorization: string }, url: string) =>
      (await sut.app.inject({ method: 'GET', url, headers: { authorization: who.authorization } })).statusCode;

    expect(await read(dispatcher, reportPhoto.url)).toBe(200);
    expect(await read(supervisor, reportPhoto.url)).toBe(200);
    expect(await read(otherStreet, reportPhoto.url)).toBe(404);
    expect(await read(handler, reportPhoto.url)).toBe(404); // not dispatched to them yet

    await act(dispatcher, id, 'accept');
    await act(dispatcher, id, 'dispatch', { departmentId: guanliId });
    await act(handler, id, 'sign');
    expect(await read(handler, reportPhoto.url)).toBe(200);
    const evidence = await uploadAs(handler);
    expect(await read(resident, evidence.url)).toBe(404);
    await act(handler, id, 'reply', { text: '路灯已更换，恢复照明。', photoIds: [evidence.id] });
    await act(dispatcher, id, 'approve-reply');
    expect(await read(resident, evidence.url)).toBe(200);
    const published = ((await call('GET', `/api/v1/concerns/${id}`, resident)).body.timeline as Json[]).find(
      (e) => e.action === 'approve-reply',
    );
    expect(published).toMatchObject({ publicText: '路灯已更换，恢复照明。', photoIds: [evidence.id] });
  });
});
