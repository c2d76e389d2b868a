import type { StaffAlertKind, StaffAlertPage } from '@manyi/shared';
import { DataSource } from 'typeorm';
import { StaffAccount } from '../auth/staff-account.entity.js';
import {
  CJK,
  call,
  concernAt,
  directoryIds,
  errorOf,
  staffSession,
  submitConcern,
  type Caller,
  type DirectoryIds,
  type Json,
  type WalkCrew,
} from '../../testing/concern-fixtures.js';
import { createResident } from '../../testing/staff-fixtures.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_DATABASES } from '../../testing/test-databases.js';
import { Concern } from '../concerns/concern.entity.js';
import { ConcernSweepService } from '../concerns/concern-sweep.service.js';

/*
 * 工作提醒 (issue 18): each event alerts the people STAFF_ALERT_RULES names — the lead department's
 * handlers, a co-handling department's, the street's dispatchers, the supervisors — and nobody else;
 * each staff member reads their own, newest first, and marks them read.
 */
describe.each(TEST_DATABASES)('staff alerts on %s', (kind) => {
  let sut: TestApp;
  let ids: DirectoryIds;
  let resident: Caller;
  let dispatcher: Caller & { id: number };
  let dispatcher2: Caller;
  let dispatcherFenglin: Caller;
  let lead: Caller;
  let lead2: Caller & { id: number };
  let coHandler: Caller;
  let otherHandler: Caller;
  let supervisor: Caller;
  let editor: Caller;
  let crew: WalkCrew;
  let chengguan: number;

  beforeAll(async () => {
    sut = await startTestApp(kind);
    ids = await directoryIds(sut.app);
    resident = await createResident(sut.app, '陈老伯');
    dispatcher = await staffSession(sut.app, 'dispatcher.xietu', 'dispatcher', 'xietu');
    dispatcher2 = await staffSession(sut.app, 'dispatcher2.xietu', 'dispatcher', 'xietu');
    dispatcherFenglin = await staffSession(sut.app, 'dispatcher.fenglin', 'dispatcher', 'fenglin');
    lead = await staffSession(sut.app, 'handler.xietu-guanli', 'handler', 'xietu-guanli');
    lead2 = await staffSession(sut.app, 'handler2.xietu-guanli', 'handler', 'xietu-guanli');
    coHandler = await staffSession(sut.app, 'handler.xietu-chengguan', 'handler', 'xietu-chengguan');
    otherHandler = await staffSession(sut.app, 'handler.xietu-pingan', 'handler', 'xietu-pingan');
    supervisor = await staffSession(sut.app, 'supervisor', 'supervisor');
    editor = await staffSession(sut.app, 'editor.xietu', 'editor', 'xietu');
    crew = { resident, dispatcher, handler: lead, departmentId: ids.department('xietu-guanli') };
    chengguan = ids.department('xietu-chengguan');
  });
  afterAll(async () => {
    await sut?.close();
  });

  const act = async (who: Caller, id: number, action: string, body: Json = {}) => {
    const res = await call(sut.app, 'POST', `/api/v1/admin/concerns/${id}/${action}`, who, body);
    expect([action, res.status]).toEqual([action, 200]);
  };
  const alerts = async (who: Caller, query = 'limit=100') => {
    const res = await call(sut.app, 'GET', `/api/v1/admin/alerts?${query}`, who);
    expect(res.status).toBe(200);
    return res.body as unknown as StaffAlertPage;
  };
  /** The kinds of alert `who` has about concern `id`, oldest first. */
  const kindsOf = async (who: Caller, id: number): Promise<StaffAlertKind[]> =>
    (await alerts(who)).items
      .filter((a) => a.concernId === id)
      .map((a) => a.kind)
      .reverse();
  const everyone = () => ({ dispatcher, dispatcher2, dispatcherFenglin, lead, lead2, coHandler, otherHandler, supervisor });
  /** Who got which kinds about concern `id`. */
  const received = async (id: number) =>
    Object.fromEntries(await Promise.all(Object.entries(everyone()).map(async ([name, who]) => [name, await kindsOf(who, id)] as const)));

  it('tells the lead department of a dispatch and the co-handling department of its ask, but not the dispatcher who did it nor anyone else', async () => {
    const { id } = await concernAt(sut.app, 'accepted', crew);
    await act(dispatcher, id, 'dispatch', { departmentId: crew.departmentId, coHandlerIds: [chengguan] });

    expect(await received(id)).toEqual({
      dispatcher: [],
      dispatcher2: [],
      dispatcherFenglin: [],
      lead: ['dispatched'],
      lead2: ['dispatched'],
      coHandler: ['co_handling_asked'],
      otherHandler: [],
      supervisor: [],
    });
    const [alert] = (await alerts(lead)).items.filter((a) => a.concernId === id);
    expect(alert!.title).toContain('【新派单】');
    expect(alert!.body).toMatch(/签收期限 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(alert!.readAt).toBeNull();

    // The co-handler's part tells the lead; its decline on another concern tells the street's dispatchers.
    await act(coHandler, id, 'co-handler-sign');
    await act(coHandler, id, 'co-handler-part', { text: '城管已配合清理。', visibility: 'internal' });
    expect(await kindsOf(lead, id)).toEqual(['dispatched', 'co_handler_part']);
    const declined = (await concernAt(sut.app, 'accepted', crew)).id;
    await act(dispatcher, declined, 'dispatch', { departmentId: crew.departmentId, coHandlerIds: [chengguan] });
    await act(coHandler, declined, 'co-handler-decline', { reason: '不属于城管职责' });
    expect(await kindsOf(dispatcher, declined)).toEqual(['co_handling_declined']);
    expect(await kindsOf(dispatcher2, declined)).toEqual(['co_handling_declined']);
    expect(await kindsOf(dispatcherFenglin, declined)).toEqual([]);
  });

  it('sends a chase to whoever holds the concern: the department after dispatch, the street before it', async () => {
    const withDepartment = (await concernAt(sut.app, 'dispatched', crew)).id;
    await act(supervisor, withDepartment, 'chase', { text: '请今天内签收' });
    expect(await kindsOf(lead, withDepartment)).toEqual(['dispatched', 'chased']);
    expect((await alerts(lead)).items.find((a) => a.concernId === withDepartment && a.kind === 'chased')?.body).toBe('请今天内签收');
    expect(await kindsOf(dispatcher, withDepartment)).toEqual([]);

    const withStreet = (await submitConcern(sut.app, resident)).id;
    await act(supervisor, withStreet, 'chase');
    expect(await received(withStreet)).toMatchObject({ dispatcher: ['chased'], dispatcher2: ['chased'], lead: [], supervisor: [] });
  });

  it('tells the lead department of a reply sent back and of an extension approved', async () => {
    const sentBack = (await concernAt(sut.app, 'replied', crew)).id;
    await act(dispatcher, sentBack, 'send-back', { reason: '请补充整改照片' });
    const back = (await alerts(lead)).items.find((a) => a.concernId === sentBack && a.kind === 'sent_back');
    expect(back?.body).toBe('退回理由：请补充整改照片');
    expect(await kindsOf(otherHandler, sentBack)).toEqual([]);

    const extended = (await concernAt(sut.app, 'extension_pending', crew)).id;
    await act(dispatcher, extended, 'approve-extension');
    const decided = (await alerts(lead2)).items.find((a) => a.concernId === extended && a.kind === 'extension_decided');
    expect(decided?.body).toMatch(/^已批准延期 2 个工作日，办结期限改为 /);
  });

  it('warns the holder of an approaching deadline once, and a passed one alerts the holder and the supervisors', async () => {
    const signing = (await concernAt(sut.app, 'dispatched', crew)).id;
    const triage = (await submitConcern(sut.app, resident)).id;
    const repo = sut.app.get(DataSource).getRepository(Concern);
    const sweeper = sut.app.get(ConcernSweepService);
    const signDue = (await repo.findOneByOrFail({ id: signing })).dueAt!;
    const triageDue = (await repo.findOneByOrFail({ id: triage })).dueAt!;

    // Half an hour before each: inside the hour's warning.
    await sweeper.warnApproaching(new Date(signDue.getTime() - 30 * 60_000));
    await sweeper.warnApproaching(new Date(triageDue.getTime() - 30 * 60_000));
    await sweeper.warnApproaching(new Date(triageDue.getTime() - 20 * 60_000));
    expect(await kindsOf(lead, signing)).toEqual(['dispatched', 'deadline_approaching']);
    expect(await kindsOf(dispatcher, signing)).toEqual([]);
    expect(await kindsOf(dispatcher, triage)).toEqual(['deadline_approaching']);
    expect((await alerts(dispatcher)).items.find((a) => a.concernId === triage)?.body).toMatch(/^受理期限 .* 即将到期$/);

    await sweeper.sweep(new Date(Math.max(signDue.getTime(), triageDue.getTime()) + 60_000));
    expect(await kindsOf(lead, signing)).toEqual(['dispatched', 'deadline_approaching', 'deadline_passed']);
    expect(await kindsOf(supervisor, signing)).toEqual(['deadline_passed']);
    expect(await kindsOf(dispatcher, triage)).toEqual(['deadline_approaching', 'deadline_passed']);
    expect(await kindsOf(supervisor, triage)).toEqual(['deadline_passed']);
    expect(await kindsOf(lead, triage)).toEqual([]);
  });

  it('alerts no disabled account', async () => {
    const account = await sut.app.get(DataSource).getRepository(StaffAccount).findOneByOrFail({ id: lead2.id });
    await sut.app.get(DataSource).getRepository(StaffAccount).update({ id: account.id }, { disabled: true });
    try {
      const { id } = await concernAt(sut.app, 'dispatched', crew);
      const rows = await sut.app.get(DataSource).query('SELECT staff_id FROM staff_alert WHERE concern_id = ?', [id]);
      expect(rows.map((r: { staff_id: number }) => Number(r.staff_id))).not.toContain(lead2.id);
      expect(rows).not.toHaveLength(0);
    } finally {
      await sut.app.get(DataSource).getRepository(StaffAccount).update({ id: account.id }, { disabled: false });
    }
  });

  it('lists the caller’s own alerts newest first, keyset paged, with the unread count; marks some or all read', async () => {
    const first = await alerts(otherHandler);
    expect(first).toEqual({ items: [], nextCursor: null, unread: 0 });
    for (let i = 0; i < 3; i++) {
      const { id } = await concernAt(sut.app, 'accepted', crew);
      await act(dispatcher, id, 'dispatch', { departmentId: ids.department('xietu-pingan') });
    }
    const page1 = await alerts(otherHandler, 'limit=2');
    expect(page1.items).toHaveLength(2);
    expect(page1.unread).toBe(3);
    expect(page1.items[0]!.id).toBeGreaterThan(page1.items[1]!.id);
    const page2 = await alerts(otherHandler, `limit=2&cursor=${page1.nextCursor}`);
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    expect(page2.items[0]!.id).toBeLessThan(page1.items[1]!.id);

    // Someone else's alert id is left alone, as if unknown.
    const leadsOwn = (await alerts(lead)).items[0]!;
    const read = await call(sut.app, 'POST', '/api/v1/admin/alerts/read', otherHandler, { ids: [page1.items[0]!.id, leadsOwn.id] });
    expect(read.body).toEqual({ unread: 2 });
    expect((await alerts(lead)).items[0]!.readAt).toBeNull();
    expect((await alerts(otherHandler, 'unread=true')).items.map((a) => a.id)).toEqual([page1.items[1]!.id, page2.items[0]!.id]);
    const readAt = (await alerts(otherHandler)).items[0]!.readAt;
    expect(readAt).not.toBeNull();
    // Marking again keeps the first time.
    await call(sut.app, 'POST', '/api/v1/admin/alerts/read', otherHandler, { ids: [page1.items[0]!.id] });
    expect((await alerts(otherHandler)).items[0]!.readAt).toBe(readAt);

    expect((await call(sut.app, 'POST', '/api/v1/admin/alerts/read', otherHandler, { all: true })).body).toEqual({ unread: 0 });
    expect((await alerts(otherHandler)).unread).toBe(0);
  });

  it('refuses bad input with a Chinese message, and the roles that receive no alerts', async () => {
    for (const body of [{}, { ids: [] }, { ids: ['x'] }, { all: false }, { ids: [1], all: true }]) {
      const res = await call(sut.app, 'POST', '/api/v1/admin/alerts/read', lead, body);
      expect([res.status, errorOf(res).code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(errorOf(res).message).toMatch(CJK);
    }
    expect((await call(sut.app, 'GET', '/api/v1/admin/alerts?cursor=@@', lead)).status).toBe(400);
    expect((await call(sut.app, 'GET', '/api/v1/admin/alerts', editor)).status).toBe(403);
    expect((await call(sut.app, 'GET', '/api/v1/admin/alerts', resident)).status).toBe(403);
    expect((await call(sut.app, 'GET', '/api/v1/admin/alerts', null)).status).toBe(401);
  });
});
