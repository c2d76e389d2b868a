import { shanghaiDate, type AuditEntryView, type Page, type StaffRole } from '@manyi/shared';
import { DataSource } from 'typeorm';
import { call, CJK, errorOf, staffSession, type Caller } from '../../testing/concern-fixtures.js';
import { createResident } from '../../testing/staff-fixtures.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_DATABASES } from '../../testing/test-databases.js';
import { AuditLog } from './audit-log.entity.js';

/*
 * 操作日志: district admins search the audit log by who, what, on what and when, newest first, a page
 * at a time; nobody else reads it.
 */
describe.each(TEST_DATABASES)('the audit log search on %s', (kind) => {
  let t: TestApp;
  let admin: Caller & { id: number };
  let other: Caller & { id: number };
  let streetId: number;
  const today = shanghaiDate(new Date());

  const search = async (qs: string) => {
    const res = await call(t.app, 'GET', `/api/v1/admin/audit?${qs}`, admin);
    if (res.status !== 200) throw new Error(`audit?${qs} → ${res.status} ${res.text}`);
    return res.body as unknown as Page<AuditEntryView>;
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await staffSession(t.app, 'admin.audit', 'admin');
    other = await staffSession(t.app, 'admin.other', 'admin');
    const street = await call(t.app, 'POST', '/api/v1/admin/directory/streets', admin, {
      code: 'auditjie',
      name: '审计街道',
      kind: 'street',
    });
    streetId = street.body.id as number;
    await call(t.app, 'PATCH', `/api/v1/admin/directory/streets/${streetId}`, admin, { name: '审计新街道' });
    await call(t.app, 'POST', `/api/v1/admin/directory/streets/${streetId}/disable`, other, {});
    await call(t.app, 'POST', '/api/v1/admin/staff', other, { username: 'supervisor.audited', displayName: '被审计', role: 'supervisor' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists the newest first with who did it by username', async () => {
    const sut = await search('');
    expect(sut.items.map((e) => [e.action, e.actorName])).toEqual([
      ['staff.create', 'admin.other'],
      ['directory.disable', 'admin.other'],
      ['directory.update', 'admin.audit'],
      ['directory.create', 'admin.audit'],
    ]);
    expect(sut.items[2]).toMatchObject({
      entity: 'street',
      entityId: streetId,
      detail: { before: { name: '审计街道' }, after: { name: '审计新街道' } },
    });
  });

  it('filters by actor, by action name or prefix, by entity and by day', async () => {
    expect((await search('actor=admin.other')).items.map((e) => e.action)).toEqual(['staff.create', 'directory.disable']);
    expect((await search('action=directory')).items.map((e) => e.action)).toEqual([
      'directory.disable',
      'directory.update',
      'directory.create',
    ]);
    expect((await search('action=directory.update')).items).toHaveLength(1);
    expect((await search('action=direct')).items).toHaveLength(0);
    expect((await search(`entity=street&entityId=${streetId}`)).items).toHaveLength(3);
    expect((await search(`from=${today}&to=${today}`)).items).toHaveLength(4);
    expect((await search('from=2020-01-01&to=2020-01-31')).items).toHaveLength(0);
    expect((await search('actor=nobody.here')).items).toHaveLength(0);
  });

  it('pages by keyset without gaps or repeats', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<AuditEntryView> = await search(`limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    const all = await t.app
      .get(DataSource)
      .getRepository(AuditLog)
      .find({ order: { id: 'DESC' } });
    expect(seen).toEqual(all.map((a) => a.id));
  });

  describe('refuses', () => {
    it.each([
      ['an action in capitals', 'action=Staff.Create', '操作类型无效'],
      ['a start after the end', 'from=2026-11-30&to=2026-11-01', '开始日期不能晚于结束日期'],
      ['a date that is not one', 'from=30/11/2026', '开始日期格式应为 YYYY-MM-DD'],
      ['a broken cursor', 'cursor=not-a-cursor', '分页参数无效'],
      ['an entity id that is not a number', 'entityId=abc', '对象编号无效'],
    ])('%s with 400 and a message', async (_name, qs, message) => {
      const res = await call(t.app, 'GET', `/api/v1/admin/audit?${qs}`, admin);
      expect(res.status).toBe(400);
      expect(errorOf(res)).toMatchObject({ code: 'VALIDATION_FAILED', message });
      expect(errorOf(res).message).toMatch(CJK);
    });

    it.each(['dispatcher', 'handler', 'supervisor', 'editor'] as const)('a %s with 403', async (role: StaffRole) => {
      const who = await staffSession(
        t.app,
        `${role}.audit-outsider`,
        role,
        role === 'handler' ? 'xietu-guanli' : role === 'supervisor' ? undefined : 'xietu',
      );
      const res = await call(t.app, 'GET', '/api/v1/admin/audit', who);
      expect([res.status, errorOf(res).code]).toEqual([403, 'FORBIDDEN']);
    });

    it('a resident with 403 and a caller without a token with 401', async () => {
      expect((await call(t.app, 'GET', '/api/v1/admin/audit', await createResident(t.app, '居民'))).status).toBe(403);
      expect((await call(t.app, 'GET', '/api/v1/admin/audit', null)).status).toBe(401);
    });
  });
});
