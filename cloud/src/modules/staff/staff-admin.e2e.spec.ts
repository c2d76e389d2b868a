import type { StaffAccountView, StaffPasswordView, StaffRole } from '@manyi/shared';
import { DataSource, Like, Not } from 'typeorm';
import { AuditLog } from '../audit/audit-log.entity.js';
import { StaffAccount } from '../auth/staff-account.entity.js';
import { call, CJK, directoryIds, errorOf, staffSession, type Caller } from '../../testing/concern-fixtures.js';
import { createResident } from '../../testing/staff-fixtures.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_DATABASES } from '../../testing/test-databases.js';

/*
 * 账号管理: a district admin creates staff accounts with a role and its scope, edits them, disables
 * and re-enables them, and resets passwords. Temporary passwords are shown once and work at once; a
 * reset or a disable ends the account's sessions; every change is in the audit log; nobody else may.
 */
describe.each(TEST_DATABASES)('staff account management on %s', (kind) => {
  let t: TestApp;
  let admin: Caller & { id: number };
  let xietuId: number;
  let fenglinId: number;

  const login = (username: string, password: string) => call(t.app, 'POST', '/api/v1/auth/staff/login', null, { username, password });
  const counts = async () => {
    const ds = t.app.get(DataSource);
    return { accounts: await ds.getRepository(StaffAccount).count(), audit: await ds.getRepository(AuditLog).count() };
  };
  const lastAudit = () =>
    t.app
      .get(DataSource)
      .getRepository(AuditLog)
      // Logins are audited too (auth.*); these tests look at the account changes.
      .findOneOrFail({ where: { action: Not(Like('auth.%')) }, order: { id: 'DESC' } });
  const create = async (body: Record<string, unknown>) => {
    const res = await call(t.app, 'POST', '/api/v1/admin/staff', admin, body);
    if (res.status !== 201) throw new Error(`create → ${res.status} ${res.text}`);
    return res.body as unknown as StaffPasswordView;
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await staffSession(t.app, 'admin.accounts', 'admin');
    const streets = (await call(t.app, 'GET', '/api/v1/streets', null)).body.items as Array<{ id: number; code: string }>;
    xietuId = streets.find((s) => s.code === 'xietu')!.id;
    fenglinId = streets.find((s) => s.code === 'fenglin')!.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates a dispatcher for a street with a temporary password that signs in once shown', async () => {
    const sut = await create({ username: 'Dispatcher.New-Xietu', displayName: '王晓燕', role: 'dispatcher', streetId: xietuId });
    expect(sut.account).toMatchObject({
      username: 'dispatcher.new-xietu',
      role: 'dispatcher',
      streetId: xietuId,
      departmentId: null,
      disabled: false,
    });
    expect(sut.temporaryPassword).toMatch(/^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)[A-Za-z0-9]{14}$/);
    expect(JSON.stringify(sut)).not.toContain('argon2');
    const signedIn = await login('dispatcher.new-xietu', sut.temporaryPassword);
    expect(signedIn.status).toBe(200);
    const audit = await lastAudit();
    expect(audit).toMatchObject({ actorId: admin.id, action: 'staff.create', targetType: 'staff_account', targetId: sut.account.id });
    expect(JSON.stringify(audit.detail)).not.toContain(sut.temporaryPassword);
  });

  it("gives a handler their department's street", async () => {
    const ids = await directoryIds(t.app);
    const sut = await create({
      username: 'handler.new-pingan',
      displayName: '李强',
      role: 'handler',
      departmentId: ids.department('xietu-pingan'),
    });
    expect(sut.account).toMatchObject({ role: 'handler', departmentId: ids.department('xietu-pingan'), streetId: xietuId });
  });

  it('lists accounts by name or role, a page at a time', async () => {
    const byName = await call(t.app, 'GET', `/api/v1/admin/staff?q=${encodeURIComponent('王晓')}`, admin);
    expect((byName.body.items as StaffAccountView[]).map((a) => a.username)).toEqual(['dispatcher.new-xietu']);
    // A wildcard typed into the search box is searched for, not expanded.
    expect((await call(t.app, 'GET', '/api/v1/admin/staff?q=%25', admin)).body.items).toEqual([]);
    const handlers = await call(t.app, 'GET', '/api/v1/admin/staff?role=handler', admin);
    expect((handlers.body.items as StaffAccountView[]).every((a) => a.role === 'handler')).toBe(true);
    const first = await call(t.app, 'GET', '/api/v1/admin/staff?limit=1', admin);
    const second = await call(t.app, 'GET', `/api/v1/admin/staff?limit=1&cursor=${String(first.body.nextCursor)}`, admin);
    const ids = [...(first.body.items as StaffAccountView[]), ...(second.body.items as StaffAccountView[])].map((a) => a.id);
    expect(new Set(ids).size).toBe(2);
  });

  it('resets a password: the old one and every session issued under it stop working, the new one works', async () => {
    const created = await create({ username: 'editor.reset', displayName: '赵敏', role: 'editor', streetId: xietuId });
    const session = await login('editor.reset', created.temporaryPassword);
    const token = { authorization: `Bearer ${String(session.body.token)}` };
    // A temporary password's session may only change it, but it is a session the reset must end.
    expect((await call(t.app, 'GET', '/api/v1/admin/whoami', token)).body).toMatchObject({ error: { code: 'PASSWORD_CHANGE_REQUIRED' } });

    const res = await call(t.app, 'POST', `/api/v1/admin/staff/${created.account.id}/reset-password`, admin, {});
    expect(res.status).toBe(200);
    const reset = res.body as unknown as StaffPasswordView;
    expect(reset.temporaryPassword).not.toBe(created.temporaryPassword);
    expect((await call(t.app, 'GET', '/api/v1/admin/whoami', token)).status).toBe(401);
    expect((await login('editor.reset', created.temporaryPassword)).status).toBe(401);
    expect((await login('editor.reset', reset.temporaryPassword)).status).toBe(200);
    expect(await lastAudit()).toMatchObject({ action: 'staff.reset-password', targetId: created.account.id });
  });

  it('disables an account, ending its sessions, and enables it again', async () => {
    const created = await create({ username: 'supervisor.off', displayName: '陈督办', role: 'supervisor' });
    const session = await login('supervisor.off', created.temporaryPassword);
    const token = { authorization: `Bearer ${String(session.body.token)}` };
    const off = await call(t.app, 'POST', `/api/v1/admin/staff/${created.account.id}/disable`, admin, {});
    expect(off.body).toMatchObject({ disabled: true });
    expect((await call(t.app, 'GET', '/api/v1/admin/whoami', token)).status).toBe(401);
    expect((await login('supervisor.off', created.temporaryPassword)).status).toBe(401);
    expect(await lastAudit()).toMatchObject({ action: 'staff.disable', targetId: created.account.id });
    await call(t.app, 'POST', `/api/v1/admin/staff/${created.account.id}/enable`, admin, {});
    expect((await login('supervisor.off', created.temporaryPassword)).status).toBe(200);
    expect(await lastAudit()).toMatchObject({ action: 'staff.enable' });
  });

  it('changes a role with its scope, which the account sees at once', async () => {
    const created = await create({ username: 'dispatcher.moving', displayName: '周洁', role: 'dispatcher', streetId: xietuId });
    const session = await login('dispatcher.moving', created.temporaryPassword);
    const changed = await call(
      t.app,
      'POST',
      '/api/v1/auth/staff/password',
      { authorization: `Bearer ${String(session.body.token)}` },
      {
        currentPassword: created.temporaryPassword,
        newPassword: 'Moving-Street-2026',
      },
    );
    const token = { authorization: `Bearer ${String(changed.body.token)}` };
    const res = await call(t.app, 'PATCH', `/api/v1/admin/staff/${created.account.id}`, admin, {
      role: 'dispatcher',
      streetId: fenglinId,
      departmentId: null,
    });
    expect(res.status).toBe(200);
    expect((await call(t.app, 'GET', '/api/v1/admin/whoami', token)).body).toMatchObject({ role: 'dispatcher', streetId: fenglinId });
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: 'staff.update', detail: { before: { streetId: xietuId }, after: { streetId: fenglinId } } });
  });

  describe('refuses', () => {
    it.each([
      [
        'a dispatcher without a street',
        { username: 'dispatcher.nowhere', displayName: '甲', role: 'dispatcher' },
        '该角色必须选择所属街道',
      ],
      ['a handler without a department', { username: 'handler.nowhere', displayName: '乙', role: 'handler' }, '部门经办人必须选择所属部门'],
      [
        'a supervisor with a street',
        { username: 'supervisor.street', displayName: '丙', role: 'supervisor', streetId: 1 },
        '该角色不属于某个街道',
      ],
      [
        'a username with spaces',
        { username: 'wang xiao', displayName: '丁', role: 'admin' },
        '用户名为 3 至 40 位小写字母、数字、点、横线或下划线，以字母开头',
      ],
      ['an unknown role', { username: 'boss.one', displayName: '戊', role: 'boss' }, '请选择角色'],
      ['an empty name', { username: 'admin.noname', displayName: '  ', role: 'admin' }, '请填写姓名'],
      [
        'a field it does not know',
        { username: 'admin.extra', displayName: '己', role: 'admin', password: 'x' },
        expect.stringMatching(CJK),
      ],
    ])('%s with 400 and changes nothing', async (_name, body, message) => {
      const before = await counts();
      const res = await call(t.app, 'POST', '/api/v1/admin/staff', admin, body);
      expect(res.status).toBe(400);
      expect(errorOf(res)).toMatchObject({ code: 'VALIDATION_FAILED', message });
      expect(await counts()).toEqual(before);
    });

    it('a username already taken with 409, and a disabled or unknown street with 400', async () => {
      const before = await counts();
      const taken = await call(t.app, 'POST', '/api/v1/admin/staff', admin, {
        username: 'admin.accounts',
        displayName: '重名',
        role: 'admin',
      });
      expect([taken.status, errorOf(taken).code]).toEqual([409, 'STAFF_USERNAME_TAKEN']);
      const nowhere = await call(t.app, 'POST', '/api/v1/admin/staff', admin, {
        username: 'dispatcher.ghost',
        displayName: '某',
        role: 'dispatcher',
        streetId: 99999,
      });
      expect([nowhere.status, errorOf(nowhere).code]).toEqual([400, 'DIRECTORY_REFERENCE_INVALID']);
      expect(await counts()).toEqual(before);
    });

    it('a role change without its scope with 400, and an admin disabling or demoting themselves with 409', async () => {
      const before = await counts();
      const partial = await call(t.app, 'PATCH', `/api/v1/admin/staff/${admin.id}`, admin, { role: 'supervisor' });
      expect(errorOf(partial)).toMatchObject({ code: 'VALIDATION_FAILED', message: '修改角色或范围时请同时提交角色、所属街道和所属部门' });
      const demote = await call(t.app, 'PATCH', `/api/v1/admin/staff/${admin.id}`, admin, {
        role: 'supervisor',
        streetId: null,
        departmentId: null,
      });
      expect([demote.status, errorOf(demote).code]).toEqual([409, 'STAFF_SELF_CHANGE']);
      const self = await call(t.app, 'POST', `/api/v1/admin/staff/${admin.id}/disable`, admin, {});
      expect([self.status, errorOf(self).code]).toEqual([409, 'STAFF_SELF_CHANGE']);
      expect(await counts()).toEqual(before);
    });

    it('an account that does not exist with 404', async () => {
      for (const [method, url] of [
        ['PATCH', '/api/v1/admin/staff/987654'],
        ['POST', '/api/v1/admin/staff/987654/disable'],
        ['POST', '/api/v1/admin/staff/987654/reset-password'],
      ] as const) {
        const res = await call(t.app, method, url, admin, method === 'PATCH' ? { displayName: '某' } : {});
        expect([url, res.status, errorOf(res).code]).toEqual([url, 404, 'STAFF_NOT_FOUND']);
      }
    });

    it.each(['dispatcher', 'handler', 'supervisor', 'editor'] as const)(
      'a %s on every route with 403, changing nothing',
      async (role: StaffRole) => {
        const who = await staffSession(
          t.app,
          `${role}.outsider`,
          role,
          role === 'handler' ? 'xietu-guanli' : role === 'supervisor' ? undefined : 'xietu',
        );
        const before = await counts();
        for (const [method, url, body] of [
          ['GET', '/api/v1/admin/staff', undefined],
          ['POST', '/api/v1/admin/staff', { username: 'admin.sneaky', displayName: '某', role: 'admin' }],
          ['PATCH', `/api/v1/admin/staff/${admin.id}`, { displayName: '改名' }],
          ['POST', `/api/v1/admin/staff/${admin.id}/disable`, {}],
          ['POST', `/api/v1/admin/staff/${admin.id}/enable`, {}],
          ['POST', `/api/v1/admin/staff/${admin.id}/reset-password`, {}],
        ] as const) {
          const res = await call(t.app, method, url, who, body);
          expect([method, url, res.status, errorOf(res).code]).toEqual([method, url, 403, 'FORBIDDEN']);
        }
        expect(await counts()).toEqual(before);
      },
    );

    it('a resident with 403 and a caller without a token with 401', async () => {
      const resident = await createResident(t.app, '居民');
      expect((await call(t.app, 'GET', '/api/v1/admin/staff', resident)).status).toBe(403);
      expect((await call(t.app, 'POST', `/api/v1/admin/staff/${admin.id}/reset-password`, null, {})).status).toBe(401);
    });
  });
});
