import { DataSource } from 'typeorm';
import type { CallbackQueueView, ConcernDetailView, EscalationsView, RatesView, StaffAlertView } from '@manyi/shared';
import { shanghaiDate } from '@manyi/shared';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_DATABASES } from '../../testing/test-databases.js';
import { createResident, createStaff } from '../../testing/staff-fixtures.js';
import { AuditLog } from '../audit/audit-log.entity.js';
import { Category } from '../directory/category.entity.js';
import { Compound } from '../directory/compound.entity.js';
import { Department } from '../directory/department.entity.js';
import { ConcernFollowUpService } from './concern-follow-up.service.js';
import { ConcernSweepService } from './concern-sweep.service.js';
import { Concern } from './concern.entity.js';

type Json = Record<string, unknown>;
const CJK = /[\u4e00-\u9fff]/;
const DAY_MS = 24 * 60 * 60 * 1000;

/*
 * 双先联、双回访 (issue 19): the handler's first contact after signing, the street's callback once the
 * reply is published — a reached callback is the rating (channel 回访) and reopens the concern as an app
 * rating would; three unreached calls close it as 未回访 — the 回访 queue, the 督办 list, and the rates.
 * A concern from a channel without the app is never closed unrated by a clock: its 回访期 is chased once.
 */
describe.each(TEST_DATABASES)('contact and callback on %s', (kind) => {
  let t: TestApp;
  let ds: DataSource;
  let resident: { id: number; authorization: string };
  let dispatcher: { authorization: string };
  let otherDispatcher: { authorization: string };
  let handler: { authorization: string };
  let supervisor: { authorization: string };
  let editor: { authorization: string };
  let compoundId: number;
  let categoryId: number;
  let departmentId: number;

  beforeAll(async () => {
    t = await startTestApp(kind);
    ds = t.app.get(DataSource);
    resident = await createResident(t.app, '王老伯');
    dispatcher = await createStaff(t.app, 'dispatcher.followup', 'dispatcher', 'xietu');
    otherDispatcher = await createStaff(t.app, 'dispatcher.followup.fenglin', 'dispatcher', 'fenglin');
    handler = await createStaff(t.app, 'handler.followup', 'handler', 'xietu-guanli');
    supervisor = await createStaff(t.app, 'supervisor.followup', 'supervisor');
    editor = await createStaff(t.app, 'editor.followup', 'editor', 'xietu');
    compoundId = (await ds.getRepository(Compound).findOneByOrFail({ code: 'xietu-hengyi' })).id;
    categoryId = (await ds.getRepository(Category).findOneByOrFail({ code: 'shirong-laji' })).id;
    departmentId = (await ds.getRepository(Department).findOneByOrFail({ code: 'xietu-guanli' })).id;
  });
  afterAll(() => t?.close());

  const call = async (method: 'GET' | 'POST', url: string, who: { authorization: string }, payload?: Json) => {
    const res = await t.app.inject({ method, url, headers: { authorization: who.authorization }, payload });
    return { status: res.statusCode, body: res.json() as Json };
  };
  const act = async (who: { authorization: string }, id: number, action: string, payload: Json = {}) => {
    const res = await call('POST', `/api/v1/admin/concerns/${id}/${action}`, who, payload);
    if (res.status !== 200) throw new Error(`${action} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.status;
  };
  const detail = async (id: number) => (await call('GET', `/api/v1/admin/concerns/${id}`, supervisor)).body as unknown as ConcernDetailView;
  const concern = (id: number) => ds.getRepository(Concern).findOneByOrFail({ id });
  const errorOf = (res: { body: Json }) => res.body.error as { code: string; message: string };

  /** A concern reported in the mini-program (or, given a source, filed as staff would by phone), signed by the handler. */
  async function signed(title: string, source?: 'phone'): Promise<number> {
    const res = await call('POST', '/api/v1/concerns', resident, {
      categoryId,
      compoundId,
      title,
      description: '楼道里的垃圾三天没人清运，气味很大。',
    });
    const id = res.body.id as number;
    // A 代录's source, before any step has counted the concern anywhere.
    if (source) await ds.getRepository(Concern).update({ id }, { source });
    await act(dispatcher, id, 'accept');
    await act(dispatcher, id, 'dispatch', { departmentId, coHandlerIds: [] });
    await act(handler, id, 'sign');
    return id;
  }
  async function replied(id: number, text = '已安排保洁公司清运并加密清运频次。') {
    await act(handler, id, 'reply', { text, photoIds: [] });
    return act(dispatcher, id, 'approve-reply');
  }

  it('walks sign → contact → reply → no rating → callback unsatisfied → reopen → reply → callback satisfied → closed, counted once with the channel', async () => {
    const today = shanghaiDate(new Date());
    const ratesBefore = (await call('GET', `/api/v1/admin/stats/rates?from=${today}&to=${today}`, supervisor)).body as unknown as RatesView;
    const id = await signed('回访走一遍');
    // The contact clock runs first after signing.
    expect(await concern(id)).toMatchObject({ dueKind: 'contact' });

    await act(handler, id, 'contact', { method: 'phone', contactedAt: new Date().toISOString(), note: '电话联系王老伯，约定明早查看' });
    expect(await concern(id)).toMatchObject({ dueKind: 'resolve' });
    // The second 先联 before the reply is allowed too.
    await act(handler, id, 'contact', { method: 'visit', contactedAt: new Date().toISOString() });
    const residentTimeline = (await call('GET', `/api/v1/concerns/${id}`, resident)).body.timeline as Json[];
    expect(residentTimeline.filter((e) => e.action === 'contact').map((e) => e.publicText)).toEqual([
      '经办人已与您联系',
      '经办人已与您联系',
    ]);
    expect(JSON.stringify(residentTimeline)).not.toContain('约定明早查看');

    expect(await replied(id)).toBe('awaiting_rating');
    // No rating in the app; the street calls back and the resident is not satisfied: reopened, like an app rating.
    expect(
      await act(dispatcher, id, 'callback', { reached: true, solved: false, satisfaction: 'unsatisfied', words: '垃圾还是没清干净' }),
    ).toBe('reopened');
    expect(await concern(id)).toMatchObject({ reopenCount: 1, ratingChannel: 'callback', satisfaction: 'unsatisfied' });
    // Reopened: contact again before the new reply, then the reply and a satisfied callback close it.
    await act(handler, id, 'contact', { method: 'phone', contactedAt: new Date().toISOString() });
    expect(await replied(id, '已全面清理并安排每日两次清运。')).toBe('awaiting_rating');
    expect(await act(supervisor, id, 'callback', { reached: true, solved: true, satisfaction: 'satisfied' })).toBe('closed');
    // The resident's own rating now is refused: the callback was the rating.
    const late = await call('POST', `/api/v1/concerns/${id}/rating`, resident, { solved: true, satisfaction: 'satisfied' });
    expect(late.status).toBe(409);

    const d = await detail(id);
    expect(d.contacts?.map((c) => c.method)).toEqual(['phone', 'visit', 'phone']);
    expect(d.callbacks?.map((c) => [c.reached, c.satisfaction, c.counted])).toEqual([
      [true, 'unsatisfied', true],
      [true, 'satisfied', true],
    ]);
    expect(d.ratingChannel).toBe('callback');

    // Counted once (the latest rating), with its channel; closed after a reopen: not a one-time resolution.
    const after = (await call('GET', `/api/v1/admin/stats/rates?from=${today}&to=${today}`, supervisor)).body as unknown as RatesView;
    const delta = (k: 'rated' | 'ratedByCallback' | 'satisfied' | 'closed' | 'closedFirstTime' | 'closedRated' | 'closedOnTime') =>
      after.total[k] - ratesBefore.total[k];
    expect([delta('rated'), delta('ratedByCallback'), delta('satisfied')]).toEqual([1, 1, 1]);
    expect([delta('closed'), delta('closedFirstTime'), delta('closedRated'), delta('closedOnTime')]).toEqual([1, 0, 1, 1]);
    expect(after.total.oneTimeResolutionRate).not.toBeNull();
    expect(after.byChannel.find((r) => r.key === 'miniapp')).toMatchObject({ closed: expect.any(Number) });
    expect(after.byCategory.find((r) => r.key === 'shirong-laji')?.closed).toBeGreaterThanOrEqual(1);
  });

  it('counts the resident’s own rating when both exist: a callback after it is kept on record only', async () => {
    const id = await signed('两种评价');
    await replied(id);
    const rated = await call('POST', `/api/v1/concerns/${id}/rating`, resident, { solved: true, satisfaction: 'basic' });
    expect(rated.body.status).toBe('closed');
    expect(
      await act(dispatcher, id, 'callback', { reached: true, solved: false, satisfaction: 'unsatisfied', words: '其实不太满意' }),
    ).toBe('closed');
    expect(await concern(id)).toMatchObject({ status: 'closed', ratingChannel: 'app', satisfaction: 'basic', reopenCount: 0 });
    expect((await detail(id)).callbacks?.map((c) => c.counted)).toEqual([false]);
  });

  it('puts a phone concern in the 回访 queue as soon as its reply is published, and an app one after the set days', async () => {
    const phone = await signed('电话来的', 'phone');
    const app = await signed('小程序来的');
    await replied(phone);
    await replied(app);
    const ids = (view: CallbackQueueView) => view.items.map((i) => i.id);
    const queue = (await call('GET', '/api/v1/admin/callbacks', dispatcher)).body as unknown as CallbackQueueView;
    expect(ids(queue)).toContain(phone);
    expect(ids(queue)).not.toContain(app);
    expect(queue.items.find((i) => i.id === phone)).toMatchObject({ reason: 'no_app', attempts: 0, maxAttempts: 3 });
    const later = await t.app
      .get(ConcernFollowUpService)
      .queue(
        { kind: 'staff', staffId: 0, username: 's', role: 'supervisor', streetId: null, departmentId: null },
        { limit: 100 },
        new Date(Date.now() + 4 * DAY_MS),
      );
    expect(later.items.find((i) => i.id === app)).toMatchObject({ reason: 'unrated' });
    // Another street's dispatcher sees none of them.
    const other = (await call('GET', '/api/v1/admin/callbacks', otherDispatcher)).body as unknown as CallbackQueueView;
    expect(ids(other)).not.toContain(phone);
  });

  it('closes a concern as 未回访 after three unreached calls, counted apart and unrated', async () => {
    const id = await signed('联系不上', 'phone');
    await replied(id);
    expect(await act(dispatcher, id, 'callback', { reached: false })).toBe('awaiting_rating');
    expect(await act(dispatcher, id, 'callback', { reached: false, words: '无人接听' })).toBe('awaiting_rating');
    expect((await concern(id)).unreachedCallbacks).toBe(2);
    expect(await act(dispatcher, id, 'callback', { reached: false })).toBe('closed');
    expect(await concern(id)).toMatchObject({ status: 'closed', callbackUnreached: true, ratedAt: null, ratingChannel: null });
    const queue = (await call('GET', '/api/v1/admin/callbacks', dispatcher)).body as unknown as CallbackQueueView;
    expect(queue.items.map((i) => i.id)).not.toContain(id);
    const today = shanghaiDate(new Date());
    const rates = (await call('GET', `/api/v1/admin/stats/rates?from=${today}&to=${today}`, supervisor)).body as unknown as RatesView;
    expect(rates.total.closedUnreached).toBeGreaterThanOrEqual(1);
  });

  it('chases a passed contact deadline once with the sweep, as the other deadlines', async () => {
    const id = await signed('没有先联系');
    const due = (await concern(id)).dueAt!;
    const sweeper = t.app.get(ConcernSweepService);
    await sweeper.sweep(new Date(due.getTime() + 60_000));
    await sweeper.sweep(new Date(due.getTime() + 120_000));
    const chases = (await detail(id)).timeline.filter((e) => e.action === 'chase');
    expect(chases).toHaveLength(1);
    expect(chases[0]!.data).toMatchObject({ dueKind: 'contact' });
  });

  describe('after the reply is published', () => {
    const SUPERVISOR_ACTOR = { kind: 'staff', staffId: 0, username: 's', role: 'supervisor', streetId: null, departmentId: null } as const;
    const queueAt = (now: Date) => t.app.get(ConcernFollowUpService).queue(SUPERVISOR_ACTOR, { limit: 100 }, now);
    const alertsOf = async (who: { authorization: string }, id: number) =>
      ((await call('GET', '/api/v1/admin/alerts?limit=100', who)).body.items as unknown as StaffAlertView[])
        .filter((a) => a.concernId === id)
        .map((a) => a.kind);

    it('waits for a phone concern’s 回访 when its 回访期 passes: chased once, overdue in the queue, and a reached callback is its rating', async () => {
      const id = await signed('电话反映，居民不用小程序', 'phone');
      await replied(id);
      const published = await concern(id);
      // The street's 回访期 instead of the resident's rating window, as long (ratingWindowDays).
      expect(published.dueKind).toBe('callback');
      expect(published.dueAt!.getTime() - published.dueFrom!.getTime()).toBe(7 * DAY_MS);
      expect((await queueAt(new Date())).items.find((i) => i.id === id)).toMatchObject({ reason: 'no_app', overdue: false });

      const due = published.dueAt!;
      const sweeper = t.app.get(ConcernSweepService);
      await sweeper.sweep(new Date(due.getTime() + 60_000));
      await sweeper.sweep(new Date(due.getTime() + 120_000));

      expect(await concern(id)).toMatchObject({ status: 'awaiting_rating', escalated: true, ratedAt: null, closedAt: null });
      const timeline = (await detail(id)).timeline;
      expect(timeline.filter((e) => e.action === 'expire-rating')).toHaveLength(0);
      const chases = timeline.filter((e) => e.action === 'chase-callback');
      expect(chases).toHaveLength(1);
      expect(chases[0]).toMatchObject({ actorRole: 'system', toStatus: 'awaiting_rating', data: { dueKind: 'callback' } });
      // The street's dispatchers hold the 回访; they and the supervisors are told, once.
      expect(await alertsOf(dispatcher, id)).toEqual(['deadline_passed']);
      expect(await alertsOf(supervisor, id)).toEqual(['deadline_passed']);
      expect(await alertsOf(otherDispatcher, id)).toEqual([]);
      expect((await queueAt(new Date(due.getTime() + 120_000))).items.find((i) => i.id === id)).toMatchObject({
        reason: 'no_app',
        overdue: true,
      });

      // The call reaches the resident at last: it is the rating, channel 回访.
      expect(await act(dispatcher, id, 'callback', { reached: true, solved: true, satisfaction: 'basic' })).toBe('closed');
      expect(await concern(id)).toMatchObject({ status: 'closed', ratingChannel: 'callback', satisfaction: 'basic', dueAt: null });
      expect((await detail(id)).callbacks?.map((c) => c.counted)).toEqual([true]);
    });

    it('closes an overdue phone concern only at the last unreached attempt, as 未回访', async () => {
      const id = await signed('电话联系不上', 'phone');
      await replied(id);
      const due = (await concern(id)).dueAt!;
      await t.app.get(ConcernSweepService).sweep(new Date(due.getTime() + 60_000));
      expect(await act(dispatcher, id, 'callback', { reached: false })).toBe('awaiting_rating');
      expect(await act(dispatcher, id, 'callback', { reached: false })).toBe('awaiting_rating');
      // A later sweep leaves it alone: chased once for that 回访期.
      await t.app.get(ConcernSweepService).sweep(new Date(due.getTime() + 2 * DAY_MS));
      expect(await concern(id)).toMatchObject({ status: 'awaiting_rating', unreachedCallbacks: 2 });
      expect(await act(dispatcher, id, 'callback', { reached: false })).toBe('closed');
      expect(await concern(id)).toMatchObject({ status: 'closed', callbackUnreached: true, ratedAt: null });
      expect((await detail(id)).timeline.filter((e) => e.action === 'chase-callback')).toHaveLength(1);
    });

    it('still closes an app concern unrated when its 7-day rating window passes', async () => {
      const id = await signed('小程序反映，居民没评价');
      await replied(id);
      const published = await concern(id);
      expect(published.dueKind).toBe('rating');
      expect(published.dueAt!.getTime() - published.dueFrom!.getTime()).toBe(7 * DAY_MS);
      await t.app.get(ConcernSweepService).sweep(new Date(published.dueAt!.getTime() + 60_000));

      expect(await concern(id)).toMatchObject({ status: 'closed', ratedAt: null, callbackUnreached: false });
      const timeline = (await detail(id)).timeline;
      expect(timeline.filter((e) => e.action === 'expire-rating')).toHaveLength(1);
      expect(timeline.filter((e) => e.action === 'chase' || e.action === 'chase-callback')).toHaveLength(0);
      expect(await alertsOf(dispatcher, id)).toEqual([]);
    });
  });

  it('lists a concern returned three times on the 督办 list with the reason', async () => {
    const res = await call('POST', '/api/v1/concerns', resident, {
      categoryId,
      compoundId,
      title: '三次退单',
      description: '三次退单的诉求描述文字。',
    });
    const id = res.body.id as number;
    await act(dispatcher, id, 'accept');
    for (let i = 0; i < 3; i++) {
      await act(dispatcher, id, 'dispatch', { departmentId, coHandlerIds: [] });
      await act(handler, id, 'return', { reason: 'not_our_remit', note: '不属于本部门职责范围' });
    }
    const list = (await call('GET', '/api/v1/admin/escalations', supervisor)).body as unknown as EscalationsView;
    expect(list.items.find((i) => i.id === id)).toMatchObject({ reasons: ['returned'], returnCount: 3 });
  });

  describe('refuses, with a Chinese message and nothing changed', () => {
    it('a contact before signing, from another role, or with bad input', async () => {
      const res = await call('POST', '/api/v1/concerns', resident, {
        categoryId,
        compoundId,
        title: '未签收',
        description: '还没有签收的诉求描述。',
      });
      const id = res.body.id as number;
      const version = (await concern(id)).version;
      const cases: Array<[{ authorization: string }, Json, number]> = [
        [handler, { method: 'phone', contactedAt: new Date().toISOString() }, 404],
        [dispatcher, { method: 'phone', contactedAt: new Date().toISOString() }, 403],
        [dispatcher, { method: 'fax', contactedAt: new Date().toISOString() }, 400],
        [dispatcher, { method: 'phone', contactedAt: 'yesterday' }, 400],
      ];
      for (const [who, payload, status] of cases) {
        const r = await call('POST', `/api/v1/admin/concerns/${id}/contact`, who, payload);
        expect({ payload, status: r.status }).toEqual({ payload, status });
        expect(errorOf(r).message).toMatch(CJK);
      }
      expect((await concern(id)).version).toBe(version);
    });

    it('a contact dated in the future or before the signing', async () => {
      const id = await signed('时间不对');
      const version = (await concern(id)).version;
      for (const when of [new Date(Date.now() + DAY_MS), new Date(Date.now() - 30 * DAY_MS)]) {
        const r = await call('POST', `/api/v1/admin/concerns/${id}/contact`, handler, { method: 'phone', contactedAt: when.toISOString() });
        expect(r.status).toBe(400);
        expect(errorOf(r).message).toMatch(CJK);
      }
      expect((await concern(id)).version).toBe(version);
    });

    it('a callback by a handler, another street’s dispatcher, before the reply, or with answers missing', async () => {
      const id = await signed('回访拒绝');
      const audits = await ds.getRepository(AuditLog).count();
      const cases: Array<[{ authorization: string }, Json, number]> = [
        [dispatcher, { reached: true, solved: true, satisfaction: 'satisfied' }, 409],
        [handler, { reached: false }, 403],
        [otherDispatcher, { reached: false }, 404],
        [dispatcher, { reached: true }, 400],
        [dispatcher, { reached: false, satisfaction: 'satisfied' }, 400],
        [dispatcher, { reached: 'yes' }, 400],
      ];
      for (const [who, payload, status] of cases) {
        const r = await call('POST', `/api/v1/admin/concerns/${id}/callback`, who, payload);
        expect({ payload, status: r.status }).toEqual({ payload, status });
        expect(errorOf(r).message).toMatch(CJK);
      }
      expect(await ds.getRepository(AuditLog).count()).toBe(audits);
      expect(await concern(id)).toMatchObject({ status: 'in_progress', unreachedCallbacks: 0 });
    });

    it('the queue and the 督办 list to roles outside them, and bad queries', async () => {
      for (const [url, who, status] of [
        ['/api/v1/admin/callbacks', handler, 403],
        ['/api/v1/admin/callbacks', editor, 403],
        ['/api/v1/admin/escalations', dispatcher, 403],
        ['/api/v1/admin/callbacks?reason=late', dispatcher, 400],
        ['/api/v1/admin/callbacks?limit=0', dispatcher, 400],
        ['/api/v1/admin/escalations?reason=x', supervisor, 400],
        ['/api/v1/admin/escalations?cursor=!!', supervisor, 400],
      ] as const) {
        const r = await call('GET', url, who);
        expect({ url, status: r.status }).toEqual({ url, status });
        expect(errorOf(r).message).toMatch(CJK);
      }
    });
  });
});
