import { DIRECTORY_KINDS, type AdminCategoryView, type AdminRoutingRuleView, type StaffRole } from '@manyi/shared';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log.entity.js';
import {
  call,
  CJK,
  directoryIds,
  errorOf,
  staffSession,
  submitConcern,
  type Caller,
  type DirectoryIds,
} from '../../testing/concern-fixtures.js';
import { createResident } from '../../testing/staff-fixtures.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_DATABASES } from '../../testing/test-databases.js';
import { Category } from './category.entity.js';
import { Compound } from './compound.entity.js';
import { Department } from './department.entity.js';
import { RoutingRule } from './routing-rule.entity.js';
import { Street } from './street.entity.js';

/*
 * 目录管理: a district admin lists, creates, edits, disables and re-enables streets, compounds,
 * departments, categories and routing rules. Disabling takes an item out of residents' pickers and out
 * of routing without deleting it; every write is audited; bad input and other roles change nothing.
 */
describe.each(TEST_DATABASES)('directory management on %s', (kind) => {
  let t: TestApp;
  let admin: Caller & { id: number };
  let ids: DirectoryIds;
  let xietuId: number;

  const url = (path: string) => `/api/v1/admin/directory/${path}`;
  const lastAudit = () =>
    t.app
      .get(DataSource)
      .getRepository(AuditLog)
      .findOneOrFail({ where: {}, order: { id: 'DESC' } });
  /** Every directory row and the audit log's length: what a refused request must leave as it was. */
  const snapshot = async () => {
    const ds = t.app.get(DataSource);
    const [streets, compounds, departments, categories, rules, audit] = await Promise.all([
      ds.getRepository(Street).find({ order: { id: 'ASC' } }),
      ds.getRepository(Compound).find({ order: { id: 'ASC' } }),
      ds.getRepository(Department).find({ order: { id: 'ASC' } }),
      ds.getRepository(Category).find({ order: { id: 'ASC' } }),
      ds.getRepository(RoutingRule).find({ order: { id: 'ASC' } }),
      ds.getRepository(AuditLog).count(),
    ]);
    return JSON.stringify({ streets, compounds, departments, categories, rules, audit });
  };
  const publicCodes = async (path: string) =>
    ((await call(t.app, 'GET', `/api/v1/${path}`, null)).body.items as Array<{ code: string }>).map((i) => i.code);

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await staffSession(t.app, 'admin.directory', 'admin');
    ids = await directoryIds(t.app);
    xietuId = (await t.app.get(DataSource).getRepository(Street).findOneByOrFail({ code: 'xietu' })).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each(DIRECTORY_KINDS)('lists every %s with whether it is disabled', async (kind) => {
    const res = await call(t.app, 'GET', url(kind), admin);
    expect(res.status).toBe(200);
    const items = res.body.items as Array<{ id: number; disabled: boolean }>;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.disabled === false)).toBe(true);
  });

  it('creates a street that residents then see, audited', async () => {
    const res = await call(t.app, 'POST', url('streets'), admin, { code: 'xinqiao', name: '新桥街道', kind: 'street', sortOrder: 20 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ code: 'xinqiao', name: '新桥街道', disabled: false });
    expect(await publicCodes('streets')).toContain('xinqiao');
    expect(await lastAudit()).toMatchObject({ actorId: admin.id, action: 'directory.create', targetType: 'street', targetId: res.body.id });
  });

  it('creates and renames a compound, recording the name before and after', async () => {
    const created = await call(t.app, 'POST', url('compounds'), admin, { code: 'xietu-xinyuan', name: '新苑', streetId: xietuId });
    expect(created.status).toBe(201);
    const renamed = await call(t.app, 'PATCH', url(`compounds/${String(created.body.id)}`), admin, { name: '新苑小区' });
    expect(renamed.body).toMatchObject({ code: 'xietu-xinyuan', name: '新苑小区' });
    expect(await publicCodes('streets/xietu/compounds')).toContain('xietu-xinyuan');
    expect(await lastAudit()).toMatchObject({
      action: 'directory.update',
      detail: { before: { name: '新苑' }, after: { name: '新苑小区' } },
    });
  });

  it('disables a category that concerns refer to: gone from the picker and from new reports, kept on the old ones', async () => {
    const resident = await createResident(t.app, '目录居民');
    const earlier = await submitConcern(t.app, resident, { category: 'shirong-laji' });
    const res = await call(t.app, 'POST', url(`categories/${ids.category('shirong-laji')}/disable`), admin, {});
    expect(res.body).toMatchObject({ disabled: true });
    expect(await lastAudit()).toMatchObject({
      action: 'directory.disable',
      targetType: 'category',
      targetId: ids.category('shirong-laji'),
    });

    const tree = JSON.stringify((await call(t.app, 'GET', '/api/v1/categories', null)).body);
    expect(tree).not.toContain('shirong-laji');
    const refused = await call(t.app, 'POST', '/api/v1/concerns', resident, {
      categoryId: ids.category('shirong-laji'),
      compoundId: ids.compound('xietu-hengyi'),
      title: '垃圾桶满了没人清',
      description: '小区门口垃圾桶已经两天没有清运，气味很大。',
    });
    expect([refused.status, errorOf(refused).code]).toEqual([404, 'CATEGORY_NOT_FOUND']);
    expect((await call(t.app, 'GET', `/api/v1/concerns/${earlier.id}`, resident)).body).toMatchObject({
      categoryId: ids.category('shirong-laji'),
    });

    await call(t.app, 'POST', url(`categories/${ids.category('shirong-laji')}/enable`), admin, {});
    expect(JSON.stringify((await call(t.app, 'GET', '/api/v1/categories', null)).body)).toContain('shirong-laji');
  });

  it('adds a category under a group with its request type', async () => {
    const group = ((await call(t.app, 'GET', url('categories'), admin)).body.items as AdminCategoryView[]).find(
      (c) => c.parentId === null,
    )!;
    const res = await call(t.app, 'POST', url('categories'), admin, {
      code: 'shirong-gongce',
      name: '公厕保洁',
      parentId: group.id,
      requestType: 'help',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ parentId: group.id, requestType: 'help' });
  });

  it('suggests the department of a new routing rule for a compound, and stops when the rule is disabled', async () => {
    const dispatcher = await staffSession(t.app, 'dispatcher.directory', 'dispatcher', 'xietu');
    const resident = await createResident(t.app, '派单居民');
    const concern = await submitConcern(t.app, resident, { compound: 'xietu-hengyi', category: 'shirong-laji' });
    const suggested = async () => (await call(t.app, 'GET', `/api/v1/admin/concerns/${concern.id}`, dispatcher)).body.suggestedDepartmentId;
    const before = await suggested();
    expect(before).not.toBe(ids.department('xietu-pingan'));

    const rule = await call(t.app, 'POST', url('routing-rules'), admin, {
      categoryId: ids.category('shirong-laji'),
      streetId: xietuId,
      compoundId: ids.compound('xietu-hengyi'),
      leadDepartmentId: ids.department('xietu-pingan'),
      coHandlerIds: [ids.department('xietu-guanli')],
    });
    expect(rule.status).toBe(201);
    expect(await suggested()).toBe(ids.department('xietu-pingan'));

    await call(t.app, 'POST', url(`routing-rules/${(rule.body as unknown as AdminRoutingRuleView).id}/disable`), admin, {});
    expect(await suggested()).toBe(before);
  });

  it('takes a disabled department out of dispatch, and gives it back when enabled', async () => {
    const dispatcher = await staffSession(t.app, 'dispatcher.dept-off', 'dispatcher', 'xietu');
    const resident = await createResident(t.app, '派单居民二');
    const concern = await submitConcern(t.app, resident, { compound: 'xietu-hengyi' });
    expect((await call(t.app, 'POST', `/api/v1/admin/concerns/${concern.id}/accept`, dispatcher, {})).status).toBe(200);
    const pingan = ids.department('xietu-pingan');
    await call(t.app, 'POST', url(`departments/${pingan}/disable`), admin, {});
    expect((await call(t.app, 'GET', '/api/v1/departments', null)).body.items).not.toContainEqual(expect.objectContaining({ id: pingan }));
    const refused = await call(t.app, 'POST', `/api/v1/admin/concerns/${concern.id}/dispatch`, dispatcher, { departmentId: pingan });
    expect([refused.status, errorOf(refused).code]).toEqual([404, 'DEPARTMENT_NOT_FOUND']);
    await call(t.app, 'POST', url(`departments/${pingan}/enable`), admin, {});
    expect((await call(t.app, 'POST', `/api/v1/admin/concerns/${concern.id}/dispatch`, dispatcher, { departmentId: pingan })).status).toBe(
      200,
    );
  });

  describe('refuses', () => {
    it.each([
      ['a code in capitals', 'streets', { code: 'XinQiao', name: '新桥', kind: 'street' }, '街道代码无效'],
      ['a street without a name', 'streets', { code: 'nameless', kind: 'street' }, '街道名称必须是文字'],
      [
        'a street office without its street',
        'departments',
        { code: 'xietu-new', name: '新科室', kind: 'street_office' },
        '街道科室必须选择所属街道',
      ],
      [
        'a sub-category without a request type',
        'categories',
        { code: 'shirong-new', name: '新类别', parentId: 1 },
        '下级类别必须选择诉求性质',
      ],
      [
        'a rule with a compound but no street',
        'routing-rules',
        { categoryId: 1, compoundId: 1, leadDepartmentId: 1 },
        '指定居民区时必须同时指定街道',
      ],
      [
        'a rule whose co-handler is its lead',
        'routing-rules',
        { categoryId: 1, leadDepartmentId: 2, coHandlerIds: [2] },
        '协办部门不能重复，也不能与主办部门相同',
      ],
      ['a field it does not know', 'compounds', { code: 'xietu-x', name: '某', streetId: 1, deleted: true }, expect.stringMatching(CJK)],
    ])('%s with 400 and changes nothing', async (_name, kind, body, message) => {
      const before = await snapshot();
      const res = await call(t.app, 'POST', url(kind), admin, body);
      expect(res.status).toBe(400);
      expect(errorOf(res)).toMatchObject({ code: 'VALIDATION_FAILED', message });
      expect(await snapshot()).toBe(before);
    });

    it('a code already used with 409, and references that are missing, disabled or out of place with 400', async () => {
      const before = await snapshot();
      const taken = await call(t.app, 'POST', url('streets'), admin, { code: 'xietu', name: '斜土', kind: 'street' });
      expect([taken.status, errorOf(taken).code]).toEqual([409, 'DIRECTORY_CODE_TAKEN']);
      const missing = await call(t.app, 'POST', url('compounds'), admin, { code: 'nowhere-a', name: '无名', streetId: 99999 });
      expect([missing.status, errorOf(missing).code, errorOf(missing).message]).toEqual([
        400,
        'DIRECTORY_REFERENCE_INVALID',
        '所属街道不存在或已停用',
      ]);
      const underLeaf = await call(t.app, 'POST', url('categories'), admin, {
        code: 'under-leaf',
        name: '叶下',
        parentId: ids.category('shirong-laji'),
        requestType: 'help',
      });
      expect([underLeaf.status, errorOf(underLeaf).message]).toEqual([400, '上级类别必须是一级分组']);
      const elsewhere = await call(t.app, 'POST', url('routing-rules'), admin, {
        categoryId: ids.category('shirong-laji'),
        streetId: xietuId,
        compoundId: ids.compound('fenglin-shuangfeng'),
        leadDepartmentId: ids.department('xietu-guanli'),
      });
      expect([elsewhere.status, errorOf(elsewhere).code]).toEqual([400, 'DIRECTORY_REFERENCE_INVALID']);
      expect(await snapshot()).toBe(before);

      await call(t.app, 'POST', url(`streets/${xietuId}/disable`), admin, {});
      const disabled = await call(t.app, 'POST', url('compounds'), admin, { code: 'xietu-later', name: '后来', streetId: xietuId });
      expect([disabled.status, errorOf(disabled).code]).toEqual([400, 'DIRECTORY_REFERENCE_INVALID']);
      expect(await publicCodes('streets')).not.toContain('xietu');
      await call(t.app, 'POST', url(`streets/${xietuId}/enable`), admin, {});
    });

    it('an unknown kind with 400 and an unknown item with 404', async () => {
      const kindRes = await call(t.app, 'GET', url('parks'), admin);
      expect([kindRes.status, errorOf(kindRes).message]).toEqual([400, '目录类型无效']);
      const item = await call(t.app, 'PATCH', url('streets/987654'), admin, { name: '无' });
      expect([item.status, errorOf(item).code]).toEqual([404, 'DIRECTORY_ITEM_NOT_FOUND']);
    });

    it.each(['dispatcher', 'handler', 'supervisor', 'editor'] as const)(
      'a %s on every route with 403, changing nothing',
      async (role: StaffRole) => {
        const who = await staffSession(
          t.app,
          `${role}.dir-outsider`,
          role,
          role === 'handler' ? 'xietu-guanli' : role === 'supervisor' ? undefined : 'xietu',
        );
        const before = await snapshot();
        for (const [method, path, body] of [
          ['GET', 'streets', undefined],
          ['POST', 'streets', { code: 'sneaky', name: '偷建', kind: 'street' }],
          ['PATCH', `streets/${xietuId}`, { name: '改名' }],
          ['POST', `streets/${xietuId}/disable`, {}],
          ['POST', `streets/${xietuId}/enable`, {}],
        ] as const) {
          const res = await call(t.app, method, url(path), who, body);
          expect([method, path, res.status, errorOf(res).code]).toEqual([method, path, 403, 'FORBIDDEN']);
        }
        expect(await snapshot()).toBe(before);
      },
    );

    it('a resident with 403 and a caller without a token with 401', async () => {
      const resident = await createResident(t.app, '居民');
      expect((await call(t.app, 'GET', url('streets'), resident)).status).toBe(403);
      expect((await call(t.app, 'POST', url('streets'), null, { code: 'anon', name: '匿名', kind: 'street' })).status).toBe(401);
    });
  });
});
