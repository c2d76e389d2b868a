import { DataSource } from 'typeorm';
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
  submitConcern,
  staffSession,
  type Caller,
  type DirectoryIds,
  type Json,
  type Stage,
  type WalkCrew,
} from '../../testing/concern-fixtures.js';
import { createResident } from '../../testing/staff-fixtures.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_DATABASES } from '../../testing/test-databases.js';
import { ConcernSweepService } from './concern-sweep.service.js';
import { Concern } from './concern.entity.js';
import { Notification } from '../notifications/notification.entity.js';

/** The business rules of the lifecycle (docs/concerns.md "The lifecycle", issue 3), through the API. */
describe.each(TEST_DATABASES)('concern rules on %s', (kind) => {
  let sut: TestApp;
  let ids: DirectoryIds;
  let residentA: Caller;
  let residentB: Caller;
  let dispatcher: Caller & { id: number };
  let dispatcher2: Caller;
  let dispatcherFenglin: Caller;
  let handler: Caller;
  let handlerFenglin: Caller;
  let supervisor: Caller;
  let editor: Caller;
  let xietu: WalkCrew;
  let xietuB: WalkCrew;
  let fenglin: WalkCrew;

  beforeAll(async () => {
    sut = await startTestApp(kind);
    ids = await directoryIds(sut.app);
    residentA = await createResident(sut.app, '王阿姨');
    residentB = await createResident(sut.app, '张先生');
    dispatcher = await staffSession(sut.app, 'dispatcher.xietu', 'dispatcher', 'xietu');
    dispatcher2 = await staffSession(sut.app, 'dispatcher2.xietu', 'dispatcher', 'xietu');
    dispatcherFenglin = await staffSession(sut.app, 'dispatcher.fenglin', 'dispatcher', 'fenglin');
    handler = await staffSession(sut.app, 'handler.xietu-guanli', 'handler', 'xietu-guanli');
    handlerFenglin = await staffSession(sut.app, 'handler.fenglin-guanli', 'handler', 'fenglin-guanli');
    supervisor = await staffSession(sut.app, 'supervisor', 'supervisor');
    editor = await staffSession(sut.app, 'editor.xietu', 'editor', 'xietu');
    xietu = { resident: residentA, dispatcher, handler, departmentId: ids.department('xietu-guanli') };
    xietuB = { ...xietu, resident: residentB };
    fenglin = {
      resident: residentB,
      dispatcher: dispatcherFenglin,
      handler: handlerFenglin,
      departmentId: ids.department('fenglin-guanli'),
    };
  });
  afterAll(async () => {
    await sut?.close();
  });

  const act = (who: Caller, id: number, action: string, body: Json = {}) =>
    call(sut.app, 'POST', `/api/v1/admin/concerns/${id}/${action}`, who, body);
  const residentDetail = async (who: Caller, id: number) => (await call(sut.app, 'GET', `/api/v1/concerns/${id}`, who)).body;
  const staffDetail = async (who: Caller, id: number) => (await call(sut.app, 'GET', `/api/v1/admin/concerns/${id}`, who)).body;
  const inboxIds = async (who: Caller, query: string) => {
    const res = await call(sut.app, 'GET', `/api/v1/admin/concerns?limit=100&${query}`, who);
    expect(res.status).toBe(200);
    return (res.body.items as Json[]).map((c) => c.id as number);
  };
  const notificationsOf = (concernId: number) =>
    sut.app
      .get(DataSource)
      .getRepository(Notification)
      .find({ where: { concernId }, order: { id: 'ASC' } });
  /** A refusal: the status and code asked for, a Chinese message, and nothing written anywhere. */
  const expectRefused = async (request: () => Promise<{ status: number; body: Json }>, status: number, code: string) => {
    const before = await snapshot(sut.app);
    const res = await request();
    expect({ status: res.status, code: errorOf(res as never).code }).toEqual({ status, code });
    expect(errorOf(res as never).message).toMatch(CJK);
    expect(await snapshot(sut.app)).toEqual(before);
    return errorOf(res as never).message;
  };

  describe('withdraw', () => {
    it.each(['submitted', 'accepted', 'dispatched', 'returned', 'in_progress'] as const)(
      'lets the resident withdraw a %s concern: the clock stops and the timeline says so',
      async (stage) => {
        const c = await concernAt(sut.app, stage, xietu);

        const res = await call(sut.app, 'POST', `/api/v1/concerns/${c.id}/withdraw`, residentA);

        expect(res.status).toBe(200);
        expect(res.body).toEqual({ id: c.id, code: c.code, status: 'withdrawn' });
        const detail = await residentDetail(residentA, c.id);
        expect(detail).toMatchObject({ status: 'withdrawn', dueAt: null });
        expect((detail.timeline as Json[]).at(-1)).toMatchObject({ action: 'withdraw', toStatus: 'withdrawn', actorRole: 'resident' });
      },
    );

    it.each(['replied', 'awaiting_rating', 'reopened', 'closed'] as const)(
      'refuses to withdraw a %s concern (after the reply) with 409 saying why',
      async (stage) => {
        const c = await concernAt(sut.app, stage, xietu);

        const message = await expectRefused(
          () => call(sut.app, 'POST', `/api/v1/concerns/${c.id}/withdraw`, residentA),
          409,
          'CONCERN_ACTION_NOT_ALLOWED',
        );

        expect(message).toContain('不能撤销');
        expect((await concernRow(sut.app, c.id)).status).toBe(stage);
      },
    );
  });

  it('shows the reason of a rejection on the resident’s timeline and notifies them', async () => {
    const c = await submitConcern(sut.app, residentA);
    const reason = '该问题属于小区业主自治事项，请联系业委会。';

    const res = await act(dispatcher, c.id, 'reject', { reason });

    expect(res.status).toBe(200);
    expect(res.body.status).toBe('rejected');
    const detail = await residentDetail(residentA, c.id);
    expect(detail).toMatchObject({ status: 'rejected', dueAt: null });
    expect((detail.timeline as Json[]).at(-1)).toMatchObject({ action: 'reject', publicText: reason });
    const notes = await notificationsOf(c.id);
    expect(notes.map((n) => n.kind)).toEqual(['rejected']);
    expect(notes[0]!.body).toContain(reason);
    // A rejected concern is final: no accepting it afterwards.
    await expectRefused(() => act(dispatcher, c.id, 'accept'), 409, 'CONCERN_ACTION_NOT_ALLOWED');
  });

  describe('merge', () => {
    it('merges a duplicate into a concern of the same street; its resident sees the master’s code', async () => {
      const master = await submitConcern(sut.app, residentA);
      const duplicate = await submitConcern(sut.app, residentB);

      const res = await act(dispatcher, duplicate.id, 'merge', { intoId: master.id });

      expect(res.status).toBe(200);
      expect(res.body.status).toBe('merged');
      const detail = await residentDetail(residentB, duplicate.id);
      expect(detail).toMatchObject({ status: 'merged', mergedIntoId: master.id, dueAt: null });
      expect((detail.timeline as Json[]).at(-1)).toMatchObject({ action: 'merge', publicText: expect.stringContaining(master.code) });
      // The master goes on as before.
      expect((await concernRow(sut.app, master.id)).status).toBe('submitted');
    });

    it('refuses a merge into another street’s concern, into itself or into a finished one, changing nothing', async () => {
      const c = await submitConcern(sut.app, residentA);
      const elsewhere = await submitConcern(sut.app, residentB, { compound: 'fenglin-shuangfeng' });
      const finished = await concernAt(sut.app, 'withdrawn', xietuB);

      await expectRefused(() => act(dispatcher, c.id, 'merge', { intoId: elsewhere.id }), 409, 'MERGE_TARGET_INVALID');
      // The supervisor sees both streets, and still may not merge across them.
      await expectRefused(() => act(supervisor, c.id, 'merge', { intoId: elsewhere.id }), 409, 'MERGE_TARGET_INVALID');
      await expectRefused(() => act(dispatcher, c.id, 'merge', { intoId: c.id }), 409, 'MERGE_TARGET_INVALID');
      await expectRefused(() => act(dispatcher, c.id, 'merge', { intoId: finished.id }), 409, 'MERGE_TARGET_INVALID');
      await expectRefused(() => act(dispatcher, c.id, 'merge', { intoId: 987_654_321 }), 409, 'MERGE_TARGET_INVALID');
    });
  });

  it('escalates on the third return, and the escalated filter shows it', async () => {
    const c = await concernAt(sut.app, 'dispatched', xietu);
    const calm = await concernAt(sut.app, 'dispatched', xietu);
    const returnIt = async () => {
      const res = await act(handler, c.id, 'return', { reason: 'not_our_remit', note: '不属于社区管理办职责' });
      expect(res.status).toBe(200);
      return (await concernRow(sut.app, c.id)).escalated;
    };
    const dispatchIt = async () => expect((await act(dispatcher, c.id, 'dispatch', { departmentId: xietu.departmentId })).status).toBe(200);

    expect(await returnIt()).toBe(false);
    await dispatchIt();
    expect(await returnIt()).toBe(false);
    expect(await inboxIds(supervisor, 'escalated=true')).not.toContain(c.id);
    await dispatchIt();
    expect(await returnIt()).toBe(true);

    const detail = await staffDetail(dispatcher, c.id);
    expect(detail).toMatchObject({ status: 'returned', escalated: true, returnCount: 3 });
    for (const who of [supervisor, dispatcher]) {
      expect(await inboxIds(who, 'escalated=true')).toContain(c.id);
      expect(await inboxIds(who, 'escalated=true')).not.toContain(calm.id);
      expect(await inboxIds(who, 'escalated=false')).not.toContain(c.id);
    }
  });

  it('closes on a second unsatisfied rating with the concern escalated to the supervisor', async () => {
    const c = await concernAt(sut.app, 'reopened', xietu);
    expect((await concernRow(sut.app, c.id)).escalated).toBe(false);
    expect((await act(handler, c.id, 'reply', { text: '已再次督促物业清理，并安排每日巡查。' })).status).toBe(200);
    expect((await act(dispatcher, c.id, 'approve-reply')).status).toBe(200);

    const res = await call(sut.app, 'POST', `/api/v1/concerns/${c.id}/rating`, residentA, {
      solved: false,
      satisfaction: 'unsatisfied',
      comment: '还是老样子',
    });

    expect(res.status).toBe(200);
    expect(res.body.status).toBe('closed');
    expect(await residentDetail(residentA, c.id)).toMatchObject({
      status: 'closed',
      solved: false,
      satisfaction: 'unsatisfied',
      escalated: true,
    });
    expect(await inboxIds(supervisor, 'escalated=true')).toContain(c.id);
    expect((await notificationsOf(c.id)).map((n) => n.kind).at(-1)).toBe('closed');
  });

  describe('extensions', () => {
    it('refuses an extension of 4 working days (at most 3) and one of 0, changing nothing', async () => {
      const c = await concernAt(sut.app, 'in_progress', xietu);

      for (const workingDays of [4, 0, -1])
        await expectRefused(() => act(handler, c.id, 'extend', { workingDays, reason: '需要更多时间' }), 400, 'EXTENSION_TOO_LONG');

      expect((await staffDetail(dispatcher, c.id)).pendingExtensionDays).toBeNull();
    });

    it('refuses to approve an extension nobody asked for with 409', async () => {
      const c = await concernAt(sut.app, 'in_progress', xietu);

      await expectRefused(() => act(dispatcher, c.id, 'approve-extension'), 409, 'NO_PENDING_EXTENSION');
    });

    it('refuses an extension asked for, or approved, after the due date', async () => {
      const late = await concernAt(sut.app, 'in_progress', xietu);
      const pending = await concernAt(sut.app, 'extension_pending', xietu);
      const repo = sut.app.get(DataSource).getRepository(Concern);
      const past = new Date(Date.now() - 60 * 60 * 1000);
      await repo.update({ id: late.id }, { resolveDueAt: past, dueAt: past });
      await repo.update({ id: pending.id }, { resolveDueAt: past, dueAt: past });

      await expectRefused(() => act(handler, late.id, 'extend', { workingDays: 2, reason: '需要协调' }), 409, 'EXTENSION_TOO_LATE');
      await expectRefused(() => act(dispatcher, pending.id, 'approve-extension'), 409, 'EXTENSION_TOO_LATE');
      expect((await concernRow(sut.app, pending.id)).resolveDueAt?.getTime()).toBe(past.getTime());
    });
  });

  it('lets exactly one of two dispatchers acting at once win; the other gets 409 and writes nothing', async () => {
    const master = await submitConcern(sut.app, residentB);
    // Three races of the same action, then two different actions that exclude each other.
    const races: Array<[string, Json, string, Json]> = [
      ['accept', {}, 'accept', {}],
      ['accept', {}, 'accept', {}],
      ['accept', {}, 'accept', {}],
      ['reject', { reason: '不属于受理范围' }, 'merge', { intoId: master.id }],
    ];
    for (const [actionA, bodyA, actionB, bodyB] of races) {
      const c = await submitConcern(sut.app, residentA);
      const versionBefore = (await concernRow(sut.app, c.id)).version;

      const [a, b] = await Promise.all([act(dispatcher, c.id, actionA, bodyA), act(dispatcher2, c.id, actionB, bodyB)]);

      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const [winner, loser] = a.status === 200 ? [actionA, b] : [actionB, a];
      expect(['CONCERN_CHANGED', 'CONCERN_ACTION_NOT_ALLOWED']).toContain(errorOf(loser).code);
      expect(errorOf(loser).message).toMatch(CJK);
      expect((await eventsOf(sut.app, c.id)).map((e) => e.action)).toEqual(['submit', winner]);
      expect((await concernRow(sut.app, c.id)).version).toBe(versionBefore + 1);
      expect(await notificationsOf(c.id)).toHaveLength(winner === 'merge' ? 0 : 1);
    }
  });

  it('lists open, non-confidential concerns of the same compound and category as possible duplicates, never a confidential one', async () => {
    const here = { compound: 'xietu-rihuiercun', category: 'wuye-tingche' };
    const open = await submitConcern(sut.app, residentA, here);
    const inProgress = await concernAt(sut.app, 'in_progress', xietuB, here);
    const awaiting = await concernAt(sut.app, 'awaiting_rating', xietuB, here);
    const confidential = await submitConcern(sut.app, residentB, { ...here, confidential: true });
    const confidentialInProgress = await concernAt(sut.app, 'in_progress', xietu, { ...here, confidential: true });
    const withdrawn = await concernAt(sut.app, 'withdrawn', xietu, here);
    const closed = await concernAt(sut.app, 'closed', xietu, here);
    const rejected = await concernAt(sut.app, 'rejected', xietu, here);
    const otherCompound = await submitConcern(sut.app, residentA, { ...here, compound: 'xietu-hengyi' });
    const otherCategory = await submitConcern(sut.app, residentA, { ...here, category: 'wuye-fuwu' });

    const res = await call(
      sut.app,
      'GET',
      `/api/v1/concerns/duplicates?compoundId=${ids.compound(here.compound)}&categoryId=${ids.category(here.category)}`,
      residentB,
    );

    expect(res.status).toBe(200);
    const items = res.body.items as Json[];
    expect(items.map((i) => i.id).sort()).toEqual([open.id, inProgress.id, awaiting.id].sort());
    for (const never of [confidential, confidentialInProgress, withdrawn, closed, rejected, otherCompound, otherCategory])
      expect(items.map((i) => i.id)).not.toContain(never.id);
    // A public summary: nothing that identifies the resident.
    for (const item of items) expect(Object.keys(item).sort()).toEqual(['code', 'createdAt', 'id', 'status', 'title']);
    expect((await call(sut.app, 'GET', `/api/v1/concerns/duplicates?compoundId=1&categoryId=1`, dispatcher)).status).toBe(403);
  });

  it('searches the inbox by code and words, taking % and _ literally', async () => {
    const percent = await submitConcern(sut.app, residentA, { title: '物业费上涨100%不合理' });
    const underscore = await submitConcern(sut.app, residentA, { title: '门禁密码a_b泄露' });
    const plain = await submitConcern(sut.app, residentA, { title: '物业费上涨1000元' });
    const marks = await submitConcern(sut.app, residentA, { title: '路牌写着C:\\东安路!' });

    expect(await inboxIds(dispatcher, `q=${encodeURIComponent(percent.code)}`)).toEqual([percent.id]);
    expect(await inboxIds(dispatcher, `q=${encodeURIComponent('100%')}`)).toEqual([percent.id]);
    expect(await inboxIds(dispatcher, `q=${encodeURIComponent('a_b')}`)).toEqual([underscore.id]);
    expect((await inboxIds(dispatcher, `q=${encodeURIComponent('物业费上涨')}`)).sort()).toEqual([percent.id, plain.id].sort());
    expect(await inboxIds(dispatcher, `q=${encodeURIComponent('C:\\东安路!')}`)).toEqual([marks.id]);
    expect(await inboxIds(dispatcher, `q=${encodeURIComponent('!')}`)).toEqual([marks.id]);
    // Another street's dispatcher finds none of them.
    expect(await inboxIds(dispatcherFenglin, `q=${encodeURIComponent('物业费上涨')}`)).toEqual([]);
  });

  it('pages the inbox by keyset: every concern in scope exactly once, most urgent first', async () => {
    const stages: Stage[] = [
      'submitted',
      'accepted',
      'dispatched',
      'in_progress',
      'replied',
      'awaiting_rating',
      'closed',
      'withdrawn',
      'submitted',
    ];
    const made: number[] = [];
    for (const stage of stages) made.push((await concernAt(sut.app, stage, fenglin, { compound: 'fenglin-shuangfeng' })).id);
    // Two concerns on the very same deadline: the id breaks the tie, and a page boundary between them loses neither.
    const repo = sut.app.get(DataSource).getRepository(Concern);
    const tie = new Date(Date.now() + 3 * 24 * 60 * 60 * 1000);
    await repo.update({ id: made[0]! }, { dueAt: tie });
    await repo.update({ id: made[8]! }, { dueAt: tie });

    const seen: Json[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/v1/admin/concerns?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await call(sut.app, 'GET', url, dispatcherFenglin);
      expect(res.status).toBe(200);
      const items = res.body.items as Json[];
      expect(items.length).toBeLessThanOrEqual(2);
      seen.push(...items);
      cursor = res.body.nextCursor as string | null;
      pages++;
    } while (cursor && pages < 50);

    const rows = await repo.find({ where: { streetId: (await concernRow(sut.app, made[0]!)).streetId } });
    const dueOf = (r: { dueAt: Date | null }) => (r.dueAt ? r.dueAt.getTime() : Number.POSITIVE_INFINITY);
    const expected = rows.sort((a, b) => dueOf(a) - dueOf(b) || a.id - b.id).map((r) => r.id);
    expect(seen.map((c) => c.id)).toEqual(expected);
    expect(new Set(seen.map((c) => c.id)).size).toBe(seen.length);
    for (const id of made) expect(seen.map((c) => c.id)).toContain(id);
    expect(pages).toBe(Math.ceil(expected.length / 2));
    // Deadlines never go backwards, and concerns without one come last.
    const dues = seen.map((c) => (c.dueAt ? Date.parse(c.dueAt as string) : Number.POSITIVE_INFINITY));
    expect([...dues].sort((a, b) => a - b)).toEqual(dues);
  });

  it('reveals the full phone number only on request, and writes each reveal to the audit log', async () => {
    const c = await submitConcern(sut.app, residentA, { phone: '13812345678' });
    const audit = sut.app.get(DataSource).getRepository(AuditLog);
    const reveals = () => audit.find({ where: { action: 'concern.reveal-phone', targetId: c.id } });

    expect((await staffDetail(dispatcher, c.id)).phone).toBe('138****5678');
    expect(await reveals()).toHaveLength(0);

    const res = await call(sut.app, 'POST', `/api/v1/admin/concerns/${c.id}/reveal-phone`, dispatcher);

    expect(res.status).toBe(200);
    // A resident's own report has no name taken down by staff (代录).
    expect(res.body).toEqual({ phone: '13812345678', contactName: null });
    const rows = await reveals();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorKind: 'staff', actorId: dispatcher.id, targetType: 'concern', targetId: c.id });
    // Refused reveals write nothing.
    await expectRefused(
      () => call(sut.app, 'POST', `/api/v1/admin/concerns/${c.id}/reveal-phone`, dispatcherFenglin),
      404,
      'CONCERN_NOT_FOUND',
    );
    await expectRefused(() => call(sut.app, 'POST', `/api/v1/admin/concerns/${c.id}/reveal-phone`, editor), 403, 'FORBIDDEN');
    await call(sut.app, 'POST', `/api/v1/admin/concerns/${c.id}/reveal-phone`, supervisor);
    expect(await reveals()).toHaveLength(2);
  });

  // Last: the sweep reaches every concern of this database.
  it('chases each passed deadline exactly once, puts it on the escalated list, and closes an unrated concern after 7 days', async () => {
    const overdue = await concernAt(sut.app, 'dispatched', xietu);
    const unrated = await concernAt(sut.app, 'awaiting_rating', xietu);
    const sweeper = sut.app.get(ConcernSweepService);
    const later = new Date(Date.now() + 30 * 24 * 3600 * 1000);
    const chases = async (id: number) => (await eventsOf(sut.app, id)).filter((e) => e.action === 'chase');

    const first = await sweeper.sweep(later);
    const second = await sweeper.sweep(later);

    expect(first.chased).toBeGreaterThan(0);
    expect(first.expired).toBeGreaterThan(0);
    expect(second).toEqual({ chased: 0, expired: 0 });
    const chased = await chases(overdue.id);
    expect(chased).toHaveLength(1);
    expect(chased[0]).toMatchObject({ actorRole: 'system', fromStatus: 'dispatched', toStatus: 'dispatched' });
    expect(await concernRow(sut.app, overdue.id)).toMatchObject({ status: 'dispatched', escalated: true });
    expect(await inboxIds(supervisor, 'escalated=true')).toContain(overdue.id);
    // The chase is internal: the resident's timeline does not show it.
    expect(((await residentDetail(residentA, overdue.id)).timeline as Json[]).map((e) => e.action)).not.toContain('chase');

    expect(await concernRow(sut.app, unrated.id)).toMatchObject({
      status: 'closed',
      solved: null,
      satisfaction: null,
      ratedAt: null,
      dueAt: null,
    });
    expect((await eventsOf(sut.app, unrated.id)).at(-1)).toMatchObject({
      action: 'expire-rating',
      actorRole: 'system',
      toStatus: 'closed',
    });
    expect((await notificationsOf(unrated.id)).map((n) => n.kind).at(-1)).toBe('closed');
    expect(await chases(unrated.id)).toHaveLength(0);

    // A new deadline may be chased again, once.
    expect((await act(handler, overdue.id, 'sign')).status).toBe(200);
    await sweeper.sweep(later);
    await sweeper.sweep(later);
    expect(await chases(overdue.id)).toHaveLength(2);
  });
});
