import { DataSource, In } from 'typeorm';
import { AuditLog } from '../audit/audit-log.entity.js';
import { RoutingRule } from '../directory/routing-rule.entity.js';
import { Concern } from './concern.entity.js';
import {
  call,
  concernAt,
  directoryIds,
  errorOf,
  snapshot,
  staffSession,
  type Caller,
  type DirectoryIds,
  type WalkCrew,
} from '../../testing/concern-fixtures.js';
import { createResident } from '../../testing/staff-fixtures.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_DATABASES } from '../../testing/test-databases.js';

/*
 * What the admin page's inbox needs besides the list: the saved views' counts with a change token it
 * polls, 批量派单 (each concern its own workflow step, reported one by one), and the possible
 * duplicates shown on the workbench — all in the caller's scope.
 */
describe.each(TEST_DATABASES)('the admin inbox routes on %s', (kind) => {
  let sut: TestApp;
  let ids: DirectoryIds;
  let crew: WalkCrew;
  let fenglinCrew: WalkCrew;
  let handlerPingan: Caller;
  let supervisor: Caller;

  beforeAll(async () => {
    sut = await startTestApp(kind);
    ids = await directoryIds(sut.app);
    const resident = await createResident(sut.app, '王老师');
    crew = {
      resident,
      dispatcher: await staffSession(sut.app, 'dispatcher.inbox', 'dispatcher', 'xietu'),
      handler: await staffSession(sut.app, 'handler.inbox', 'handler', 'xietu-guanli'),
      departmentId: ids.department('xietu-guanli'),
    };
    fenglinCrew = {
      resident,
      dispatcher: await staffSession(sut.app, 'dispatcher.inbox-fl', 'dispatcher', 'fenglin'),
      handler: await staffSession(sut.app, 'handler.inbox-fl', 'handler', 'fenglin-guanli'),
      departmentId: ids.department('fenglin-guanli'),
    };
    handlerPingan = await staffSession(sut.app, 'handler.inbox-pa', 'handler', 'xietu-pingan');
    supervisor = await staffSession(sut.app, 'supervisor.inbox', 'supervisor');
  });
  afterAll(async () => {
    await sut?.close();
  });

  const counts = async (who: Caller) => {
    const res = await call(sut.app, 'GET', '/api/v1/admin/concerns/counts', who);
    expect(res.status).toBe(200);
    return res.body as { total: number; byStatus: Record<string, number>; overdue: number; escalated: number; changeToken: string };
  };
  const statusOf = async (id: number) => (await call(sut.app, 'GET', `/api/v1/admin/concerns/${id}`, supervisor)).body.status;
  const bulk = (who: Caller, payload: unknown) => call(sut.app, 'POST', '/api/v1/admin/concerns/bulk-dispatch', who, payload);

  describe('GET /admin/concerns/counts', () => {
    it('counts the caller’s scope by status, and its token moves when a concern in scope changes or arrives, not otherwise', async () => {
      const before = await counts(crew.dispatcher);
      const handlerBefore = await counts(crew.handler);
      const fenglinBefore = await counts(fenglinCrew.dispatcher);
      expect(await counts(crew.dispatcher)).toEqual(before);

      const submitted = await concernAt(sut.app, 'submitted', crew);
      const arrived = await counts(crew.dispatcher);
      expect(arrived.total).toBe(before.total + 1);
      expect(arrived.byStatus.submitted).toBe((before.byStatus.submitted ?? 0) + 1);
      expect(arrived.changeToken).not.toBe(before.changeToken);
      // Another street's dispatcher and a handler see nothing new.
      expect(await counts(fenglinCrew.dispatcher)).toEqual(fenglinBefore);
      expect(await counts(crew.handler)).toEqual(handlerBefore);

      const accepted = await call(sut.app, 'POST', `/api/v1/admin/concerns/${submitted.id}/accept`, crew.dispatcher, {});
      expect(accepted.status).toBe(200);
      const after = await counts(crew.dispatcher);
      expect(after.total).toBe(arrived.total);
      expect(after.byStatus.submitted).toBe(arrived.byStatus.submitted! - 1);
      expect(after.byStatus.accepted).toBe((arrived.byStatus.accepted ?? 0) + 1);
      expect(after.changeToken).not.toBe(arrived.changeToken);

      // Dispatched to the handler's department: it enters their scope.
      await call(sut.app, 'POST', `/api/v1/admin/concerns/${submitted.id}/dispatch`, crew.dispatcher, { departmentId: crew.departmentId });
      const handlerAfter = await counts(crew.handler);
      expect(handlerAfter.total).toBe(handlerBefore.total + 1);
      expect(handlerAfter.byStatus.dispatched).toBe((handlerBefore.byStatus.dispatched ?? 0) + 1);
      expect(handlerAfter.changeToken).not.toBe(handlerBefore.changeToken);
    });

    it('counts overdue and escalated concerns, and the supervisor sees every street', async () => {
      const concern = await concernAt(sut.app, 'submitted', crew);
      const before = await counts(supervisor);
      await sut.app
        .get(DataSource)
        .getRepository(Concern)
        .update(concern.id, { dueAt: new Date(Date.now() - 60_000), escalated: true });
      const after = await counts(supervisor);
      expect(after.overdue).toBe(before.overdue + 1);
      expect(after.escalated).toBe(before.escalated + 1);
      const everyStreet = (await counts(crew.dispatcher)).total + (await counts(fenglinCrew.dispatcher)).total;
      expect(after.total).toBeGreaterThanOrEqual(everyStreet);
    });

    it('is refused to editors', async () => {
      const editor = await staffSession(sut.app, 'editor.inbox', 'editor', 'xietu');
      const res = await call(sut.app, 'GET', '/api/v1/admin/concerns/counts', editor);
      expect(res.status).toBe(403);
      expect(errorOf(res).code).toBe('FORBIDDEN');
    });
  });

  describe('POST /admin/concerns/bulk-dispatch', () => {
    it('dispatches each concern on its own: to the routing suggestion or the chosen department, and reports the rest by code', async () => {
      const suggested = await concernAt(sut.app, 'accepted', crew);
      const chosen = await concernAt(sut.app, 'accepted', crew);
      const notAccepted = await concernAt(sut.app, 'submitted', crew);
      const otherStreet = await concernAt(sut.app, 'accepted', fenglinCrew, { compound: await firstCompound('fenglin') });
      const pingan = ids.department('xietu-pingan');
      const auditBefore = await sut.app
        .get(DataSource)
        .getRepository(AuditLog)
        .count({ where: { action: 'concern.dispatch' } });

      const res = await bulk(crew.dispatcher, {
        items: [{ id: suggested.id }, { id: notAccepted.id }, { id: chosen.id, departmentId: pingan }, { id: otherStreet.id }],
      });
      expect(res.status).toBe(200);
      expect(res.body.results).toEqual([
        { id: suggested.id, ok: true, status: 'dispatched', departmentId: ids.department('xietu-guanli') },
        { id: notAccepted.id, ok: false, code: 'CONCERN_ACTION_NOT_ALLOWED', message: expect.stringMatching(/[\u4e00-\u9fff]/) },
        { id: chosen.id, ok: true, status: 'dispatched', departmentId: pingan },
        { id: otherStreet.id, ok: false, code: 'CONCERN_NOT_FOUND', message: '诉求不存在' },
      ]);

      // The successes are committed, each as a full dispatch step; the failures changed nothing.
      const detail = (await call(sut.app, 'GET', `/api/v1/admin/concerns/${suggested.id}`, crew.dispatcher)).body;
      expect(detail).toMatchObject({ status: 'dispatched', departmentId: ids.department('xietu-guanli'), dueKind: 'sign' });
      expect(detail.coHandlerIds).toEqual([ids.department('xietu-chengguan')]);
      expect((detail.timeline as { action: string }[]).map((e) => e.action)).toEqual(['submit', 'accept', 'dispatch']);
      expect((await call(sut.app, 'GET', `/api/v1/admin/concerns/${chosen.id}`, handlerPingan)).body.status).toBe('dispatched');
      expect(await statusOf(notAccepted.id)).toBe('submitted');
      expect(await statusOf(otherStreet.id)).toBe('accepted');
      const auditAfter = await sut.app
        .get(DataSource)
        .getRepository(AuditLog)
        .count({ where: { action: 'concern.dispatch' } });
      expect(auditAfter).toBe(auditBefore + 2);
    });

    it('reports a concern without a routing rule or with a department that does not serve its street', async () => {
      const concern = await concernAt(sut.app, 'accepted', crew);
      // 公交站点 and its parent 交通出行 lose their routing rule: nothing to suggest.
      await sut.app
        .get(DataSource)
        .getRepository(RoutingRule)
        .delete({ categoryId: In([ids.category('jiaotong'), ids.category('jiaotong-gongjiao')]) });
      const unrouted = await concernAt(sut.app, 'accepted', crew, { category: 'jiaotong-gongjiao' });
      const res = await bulk(crew.dispatcher, {
        items: [{ id: concern.id, departmentId: ids.department('fenglin-guanli') }, { id: unrouted.id }],
      });
      expect(res.status).toBe(200);
      expect(res.body.results).toEqual([
        { id: concern.id, ok: false, code: 'DEPARTMENT_NOT_FOUND', message: '部门不存在或不服务该街道' },
        { id: unrouted.id, ok: false, code: 'DEPARTMENT_NOT_FOUND', message: '没有匹配的派单规则，请为这条诉求选择部门' },
      ]);
      expect(await statusOf(concern.id)).toBe('accepted');
      expect(await statusOf(unrouted.id)).toBe('accepted');
    });

    it('refuses handlers, and a malformed list, changing nothing', async () => {
      const concern = await concernAt(sut.app, 'accepted', crew);
      const before = await snapshot(sut.app);
      const byHandler = await bulk(crew.handler, { items: [{ id: concern.id }] });
      expect(byHandler.status).toBe(403);
      for (const payload of [{}, { items: [] }, { items: [{ id: concern.id }, { id: concern.id }] }, { items: [{ id: 'x' }] }]) {
        const res = await bulk(crew.dispatcher, payload);
        expect(res.status).toBe(400);
        expect(errorOf(res).code).toBe('VALIDATION_FAILED');
      }
      const tooMany = await bulk(crew.dispatcher, { items: Array.from({ length: 51 }, (_, i) => ({ id: i + 1 })) });
      expect(tooMany.status).toBe(400);
      expect(JSON.stringify(tooMany.body)).toContain('一次最多派 50 条');
      expect(await snapshot(sut.app)).toEqual(before);
    });
  });

  describe('GET /admin/concerns/:id/duplicates', () => {
    it('lists other open concerns of the same compound and category in scope, newest first', async () => {
      const first = await concernAt(sut.app, 'submitted', crew, { compound: 'xietu-hengyi', category: 'wuye-tingche' });
      const second = await concernAt(sut.app, 'accepted', crew, { compound: 'xietu-hengyi', category: 'wuye-tingche' });
      await concernAt(sut.app, 'rejected', crew, { compound: 'xietu-hengyi', category: 'wuye-tingche' });
      await concernAt(sut.app, 'submitted', crew, { compound: 'xietu-hengyi', category: 'wuye-fuwu' });
      const third = await concernAt(sut.app, 'submitted', crew, { compound: 'xietu-hengyi', category: 'wuye-tingche', confidential: true });

      const res = await call(sut.app, 'GET', `/api/v1/admin/concerns/${first.id}/duplicates`, crew.dispatcher);
      expect(res.status).toBe(200);
      expect((res.body.items as { id: number }[]).map((c) => c.id)).toEqual([third.id, second.id]);
      expect((res.body.items as object[])[0]).toMatchObject({ code: third.code, title: third.title, status: 'submitted' });

      // Out of scope: the same answer as a concern that does not exist.
      const other = await call(sut.app, 'GET', `/api/v1/admin/concerns/${first.id}/duplicates`, fenglinCrew.dispatcher);
      expect(other.status).toBe(404);
      expect(errorOf(other).code).toBe('CONCERN_NOT_FOUND');
    });
  });

  async function firstCompound(street: string): Promise<string> {
    const res = await call(sut.app, 'GET', `/api/v1/streets/${street}/compounds`, null);
    return (res.body.items as { code: string }[])[0]!.code;
  }
});
