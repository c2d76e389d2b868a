import { DataSource } from 'typeorm';
import type { CoHandlerView, ConcernDetailView, RatesView, StaffAlertView } from '@manyi/shared';
import { shanghaiDate } from '@manyi/shared';
import { AuditLog } from '../audit/audit-log.entity.js';
import {
  CJK,
  call,
  concernAt,
  concernRow,
  directoryIds,
  errorOf,
  eventsOf,
  snapshot,
  staffSession,
  type Caller,
  type DirectoryIds,
  type Json,
  type WalkCrew,
} from '../../testing/concern-fixtures.js';
import { phoneJpeg } from '../../testing/images.js';
import { photoUpload } from '../../testing/multipart.js';
import { createResident } from '../../testing/staff-fixtures.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_DATABASES } from '../../testing/test-databases.js';
import { ConcernCoHandler } from './concern-co-handler.entity.js';
import { ConcernSweepService } from './concern-sweep.service.js';

/*
 * 协办 (issue 18): a concern dispatched to a lead department and a co-handling department. The
 * co-handler finds it in 待协办, signs for it, adds its part or declines; the lead cannot reply while a
 * part is outstanding unless the dispatcher waives it; the co-handler's own sign-for deadline is chased
 * by the sweep; the department rates count its work.
 */
describe.each(TEST_DATABASES)('co-handling (协办) on %s', (kind) => {
  let sut: TestApp;
  let ids: DirectoryIds;
  let resident: Caller;
  let dispatcher: Caller & { id: number };
  let dispatcherFenglin: Caller;
  let lead: Caller;
  let coHandler: Caller & { id: number };
  let otherHandler: Caller;
  let supervisor: Caller;
  let crew: WalkCrew;
  let chengguan: number;

  beforeAll(async () => {
    sut = await startTestApp(kind);
    ids = await directoryIds(sut.app);
    resident = await createResident(sut.app, '李阿婆');
    dispatcher = await staffSession(sut.app, 'dispatcher.xietu', 'dispatcher', 'xietu');
    dispatcherFenglin = await staffSession(sut.app, 'dispatcher.fenglin', 'dispatcher', 'fenglin');
    lead = await staffSession(sut.app, 'handler.xietu-guanli', 'handler', 'xietu-guanli');
    coHandler = await staffSession(sut.app, 'handler.xietu-chengguan', 'handler', 'xietu-chengguan');
    otherHandler = await staffSession(sut.app, 'handler.xietu-pingan', 'handler', 'xietu-pingan');
    supervisor = await staffSession(sut.app, 'supervisor', 'supervisor');
    crew = { resident, dispatcher, handler: lead, departmentId: ids.department('xietu-guanli') };
    chengguan = ids.department('xietu-chengguan');
  });
  afterAll(async () => {
    await sut?.close();
  });

  const act = (who: Caller, id: number, action: string, body: Json = {}) =>
    call(sut.app, 'POST', `/api/v1/admin/concerns/${id}/${action}`, who, body);
  const detail = async (who: Caller, id: number) => {
    const res = await call(sut.app, 'GET', `/api/v1/admin/concerns/${id}`, who);
    expect(res.status).toBe(200);
    return res.body as unknown as ConcernDetailView;
  };
  const coRow = async (who: Caller, id: number): Promise<CoHandlerView> =>
    (await detail(who, id)).coHandlers!.find((h) => h.departmentId === chengguan)!;
  const toDo = async (who: Caller) => {
    const res = await call(sut.app, 'GET', '/api/v1/admin/concerns?coHandling=true&limit=100', who);
    expect(res.status).toBe(200);
    return (res.body.items as Json[]).map((c) => c.id as number);
  };
  /** Reported, accepted and dispatched to 社区管理办 with 城管 co-handling; the lead has signed. */
  const coHandled = async () => {
    const concern = await concernAt(sut.app, 'accepted', crew);
    const dispatched = await act(dispatcher, concern.id, 'dispatch', { departmentId: crew.departmentId, coHandlerIds: [chengguan] });
    expect(dispatched.status).toBe(200);
    expect((await act(lead, concern.id, 'sign')).status).toBe(200);
    return concern.id;
  };
  const upload = async (who: Caller) => {
    const form = photoUpload(await phoneJpeg(400, 300));
    const res = await sut.app.inject({
      method: 'POST',
      url: '/api/v1/uploads',
      headers: { authorization: who.authorization, ...form.headers },
      payload: form.payload,
    });
    expect(res.statusCode).toBe(201);
    return (res.json() as { id: number }).id;
  };
  const reply = (id: number) => act(lead, id, 'reply', { text: '已联系物业和城管清理楼道堆物，并张贴了提示。' });

  it('shows the co-handler the concern in 待协办, readable but not its to act on as lead; another department sees nothing', async () => {
    const id = await coHandled();

    expect(await toDo(coHandler)).toContain(id);
    expect(await toDo(lead)).not.toContain(id);
    expect((await call(sut.app, 'GET', '/api/v1/admin/concerns/counts', coHandler)).body.coHandling).toBeGreaterThanOrEqual(1);
    // The dispatcher's 待协办: concerns of the street whose co-handling is outstanding.
    expect(await toDo(dispatcher)).toContain(id);
    expect(await toDo(dispatcherFenglin)).not.toContain(id);

    const seen = await detail(coHandler, id);
    expect(seen.coHandlerIds).toEqual([chengguan]);
    expect(seen.allowedActions).toEqual([]);
    expect(seen.coHandlers).toEqual([
      expect.objectContaining({ departmentId: chengguan, status: 'pending', actions: ['co-handler-sign', 'co-handler-decline'] }),
    ]);
    // The lead sees the co-handler, with nothing to do on its row; the dispatcher may waive it.
    expect((await coRow(lead, id)).actions).toEqual([]);
    expect((await coRow(dispatcher, id)).actions).toEqual(['waive-co-handler']);

    // A handler of a third department: the same 404 as for a concern that does not exist.
    const refused = await call(sut.app, 'GET', `/api/v1/admin/concerns/${id}`, otherHandler);
    expect([refused.status, errorOf(refused).code]).toEqual([404, 'CONCERN_NOT_FOUND']);
    expect(errorOf(await act(otherHandler, id, 'co-handler-sign'))).toMatchObject({ code: 'CONCERN_NOT_FOUND' });
    // The co-handler cannot act as the lead.
    expect((await act(coHandler, id, 'reply', { text: '城管已处理完毕，请居民放心。' })).status).toBe(404);
  });

  it('refuses co-handling steps by the wrong role, by the lead, out of order, and bad input — changing nothing', async () => {
    const id = await coHandled();
    const before = await snapshot(sut.app);

    const asDispatcher = await act(dispatcher, id, 'co-handler-sign');
    expect([asDispatcher.status, errorOf(asDispatcher).code]).toEqual([403, 'FORBIDDEN']);
    const asLead = await act(lead, id, 'co-handler-sign');
    expect([asLead.status, errorOf(asLead).code, errorOf(asLead).message]).toEqual([
      409,
      'NOT_A_CO_HANDLER',
      '您的部门不是此诉求的协办部门',
    ]);
    const partFirst = await act(coHandler, id, 'co-handler-part', { text: '城管已到现场处置。', visibility: 'internal' });
    expect([partFirst.status, errorOf(partFirst).code]).toEqual([409, 'CO_HANDLER_ACTION_NOT_ALLOWED']);
    expect(errorOf(partFirst).message).toContain('待签收');
    const short = await act(coHandler, id, 'co-handler-decline', { reason: '否' });
    expect([short.status, errorOf(short).code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(errorOf(short).message).toMatch(CJK);
    const noVisibility = await act(coHandler, id, 'co-handler-part', { text: '城管已到现场处置完毕。' });
    expect(errorOf(noVisibility).message).toMatch(CJK);
    const unknown = await act(dispatcher, id, 'waive-co-handler', { departmentId: ids.department('xietu-pingan'), reason: '无需协办' });
    expect([unknown.status, errorOf(unknown).code]).toEqual([409, 'NOT_A_CO_HANDLER']);
    expect(errorOf(unknown).message).toContain('不是此诉求的协办部门');
    const otherStreet = await act(dispatcherFenglin, id, 'waive-co-handler', { departmentId: chengguan, reason: '无需协办' });
    expect(otherStreet.status).toBe(404);
    const coWaives = await act(coHandler, id, 'waive-co-handler', { departmentId: chengguan, reason: '无需协办' });
    expect(coWaives.status).toBe(403);

    expect(await snapshot(sut.app)).toEqual(before);
  });

  it('blocks the lead’s reply, naming the department, until the co-handler signs and adds its part; the part’s photo goes out with the reply', async () => {
    const id = await coHandled();

    const blocked = await reply(id);
    expect([blocked.status, errorOf(blocked).code]).toEqual([409, 'CO_HANDLER_PART_OUTSTANDING']);
    expect(errorOf(blocked).message).toContain('「城管斜土中队」');
    expect(errorOf(blocked).message).toContain('待签收');
    expect((await concernRow(sut.app, id)).status).toBe('in_progress');

    expect((await act(coHandler, id, 'co-handler-sign')).status).toBe(200);
    expect(await coRow(lead, id)).toMatchObject({ status: 'signed', signedAt: expect.any(String) });
    expect(errorOf(await reply(id)).message).toContain('已签收');

    const photoId = await upload(coHandler);
    const part = await act(coHandler, id, 'co-handler-part', {
      text: '城管中队已到现场，责令清理堆物。',
      photoIds: [photoId],
      visibility: 'reply',
    });
    expect(part.status).toBe(200);
    expect(await toDo(coHandler)).not.toContain(id);
    // The lead reads the part, and its photo.
    expect(await coRow(lead, id)).toMatchObject({
      status: 'submitted',
      partText: '城管中队已到现场，责令清理堆物。',
      partVisibility: 'reply',
      partPhotoIds: [photoId],
    });
    expect((await call(sut.app, 'GET', `/api/v1/uploads/${photoId}/thumbnail`, lead)).status).toBe(200);

    expect((await reply(id)).status).toBe(200);
    expect((await act(dispatcher, id, 'approve-reply')).status).toBe(200);
    const published = (await call(sut.app, 'GET', `/api/v1/concerns/${id}`, resident)).body as unknown as ConcernDetailView;
    expect(published.timeline.find((e) => e.action === 'approve-reply')?.photoIds).toEqual([photoId]);
    expect((await call(sut.app, 'GET', `/api/v1/uploads/${photoId}`, resident)).status).toBe(200);

    // Each step is on the staff timeline, none on the resident's; each is audited.
    const actions = (await eventsOf(sut.app, id)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['co-handler-sign', 'co-handler-part']));
    expect(published.timeline.map((e) => e.action)).not.toContain('co-handler-part');
    const audited = await sut.app.get(DataSource).getRepository(AuditLog).findBy({ targetType: 'concern', targetId: id });
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['concern.co-handler-sign', 'concern.co-handler-part']));
  });

  it('lets the co-handler decline with a reason the dispatcher is alerted to; the reply waits until the dispatcher waives it (audited)', async () => {
    const id = await coHandled();

    expect((await act(coHandler, id, 'co-handler-decline', { reason: '占道堆物不属于城管职责范围' })).status).toBe(200);
    expect(await coRow(dispatcher, id)).toMatchObject({
      status: 'declined',
      declineReason: '占道堆物不属于城管职责范围',
      actions: ['waive-co-handler'],
    });
    const alerts = (await call(sut.app, 'GET', '/api/v1/admin/alerts', dispatcher)).body.items as StaffAlertView[];
    expect(alerts.find((a) => a.concernId === id && a.kind === 'co_handling_declined')?.body).toContain('占道堆物不属于城管职责范围');
    expect(errorOf(await reply(id)).message).toContain('已拒绝');

    const waived = await act(dispatcher, id, 'waive-co-handler', { departmentId: chengguan, reason: '经核实无需城管协办' });
    expect(waived.status).toBe(200);
    expect(await coRow(lead, id)).toMatchObject({
      status: 'waived',
      waiveReason: '经核实无需城管协办',
      declineReason: '占道堆物不属于城管职责范围',
    });
    const record = await sut.app
      .get(DataSource)
      .getRepository(AuditLog)
      .findOneByOrFail({ targetType: 'concern', targetId: id, action: 'concern.waive-co-handler' });
    expect(record.detail).toMatchObject({
      departmentId: chengguan,
      reason: '经核实无需城管协办',
      coHandler: { from: 'declined', to: 'waived' },
    });
    expect((await reply(id)).status).toBe(200);
    // A waived co-handler cannot be waived again, nor act any more.
    expect((await act(dispatcher, id, 'waive-co-handler', { departmentId: chengguan, reason: '重复免除' })).status).toBe(409);
  });

  it('a supervisor waives too; a re-dispatch without the co-handler releases it, and it no longer sees the concern', async () => {
    const concern = await concernAt(sut.app, 'accepted', crew);
    const id = concern.id;
    expect((await act(dispatcher, id, 'dispatch', { departmentId: crew.departmentId, coHandlerIds: [chengguan] })).status).toBe(200);
    expect((await act(supervisor, id, 'waive-co-handler', { departmentId: chengguan, reason: '督办决定由主办部门单独办理' })).status).toBe(
      200,
    );
    expect((await act(dispatcher, id, 'dispatch', { departmentId: crew.departmentId, coHandlerIds: [chengguan] })).status).toBe(200);
    // Named again after a waiver: asked again.
    expect(await coRow(dispatcher, id)).toMatchObject({ status: 'pending', waiveReason: null });

    expect((await act(dispatcher, id, 'dispatch', { departmentId: crew.departmentId, coHandlerIds: [] })).status).toBe(200);
    expect((await detail(dispatcher, id)).coHandlers).toEqual([]);
    expect((await call(sut.app, 'GET', `/api/v1/admin/concerns/${id}`, coHandler)).status).toBe(404);
    expect(await toDo(coHandler)).not.toContain(id);
  });

  it('chases a co-handler’s passed sign-for deadline once, puts the concern on the 督办 list and alerts the co-handler and the supervisors', async () => {
    const id = await coHandled();
    const row = await sut.app.get(DataSource).getRepository(ConcernCoHandler).findOneByOrFail({ concernId: id, departmentId: chengguan });
    const sweeper = sut.app.get(ConcernSweepService);
    const after = new Date(row.signDueAt.getTime() + 60_000);
    const chases = async () => (await eventsOf(sut.app, id)).filter((e) => e.action === 'chase' && e.actorRole === 'system');

    // Within the hour before it: the co-handler is told the deadline approaches, once.
    await sweeper.warnApproaching(new Date(row.signDueAt.getTime() - 30 * 60_000));
    await sweeper.warnApproaching(new Date(row.signDueAt.getTime() - 20 * 60_000));
    const coAlerts = async (kind: string) =>
      ((await call(sut.app, 'GET', '/api/v1/admin/alerts?limit=100', coHandler)).body.items as StaffAlertView[]).filter(
        (a) => a.concernId === id && a.kind === kind,
      );
    expect(await coAlerts('deadline_approaching')).toHaveLength(1);

    await sweeper.sweep(after);
    await sweeper.sweep(after);
    const chased = await chases();
    expect(chased.filter((e) => (e.data as Json | null)?.coHandlerDepartmentId === chengguan)).toHaveLength(1);
    expect(chased.at(-1)?.internalText).toContain('协办签收时限');
    expect(await concernRow(sut.app, id)).toMatchObject({ status: 'in_progress', escalated: true });
    expect(await coAlerts('deadline_passed')).toHaveLength(1);
    const supervisorAlerts = (await call(sut.app, 'GET', '/api/v1/admin/alerts?limit=100', supervisor)).body.items as StaffAlertView[];
    expect(supervisorAlerts.some((a) => a.concernId === id && a.kind === 'deadline_passed')).toBe(true);

    // A co-handler that signed in time is not chased.
    const signedInTime = await coHandled();
    expect((await act(coHandler, signedInTime, 'co-handler-sign')).status).toBe(200);
    await sweeper.sweep(after);
    expect((await eventsOf(sut.app, signedInTime)).filter((e) => (e.data as Json | null)?.coHandlerDepartmentId === chengguan)).toEqual([]);
  });

  it('counts each department’s co-handling in the rates: asked, signed on time, parts, declines and waivers', async () => {
    const today = shanghaiDate(new Date());
    const rates = async (who: Caller) => {
      const res = await call(sut.app, 'GET', `/api/v1/admin/stats/rates?from=${today}&to=${today}`, who);
      expect(res.status).toBe(200);
      return (res.body as unknown as RatesView).coHandling.find((r) => r.key === 'xietu-chengguan');
    };
    const before = (await rates(supervisor)) ?? { asked: 0, signedOnTime: 0, submitted: 0, declined: 0, waived: 0 };
    const id = await coHandled();
    expect((await act(coHandler, id, 'co-handler-sign')).status).toBe(200);
    expect((await act(coHandler, id, 'co-handler-part', { text: '城管已协助清理完毕。', visibility: 'internal' })).status).toBe(200);

    const now = await rates(supervisor);
    expect(now).toMatchObject({
      asked: before.asked + 1,
      signedOnTime: before.signedOnTime + 1,
      submitted: before.submitted + 1,
      declined: before.declined,
    });
    expect(now!.signRate).toBeCloseTo(now!.signedOnTime / now!.asked, 3);
    // The co-handling department sees its own; a handler of another department sees none of it.
    expect(await rates(coHandler)).toEqual(now);
    expect(await rates(otherHandler)).toBeUndefined();
    expect(await rates(dispatcherFenglin)).toBeUndefined();
  });
});
