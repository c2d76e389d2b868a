import { DataSource } from 'typeorm';
import { fillReplyTemplate, type KnowledgeListView, type ReplyTemplateView } from '@manyi/shared';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_DATABASES } from '../../testing/test-databases.js';
import { createStaff } from '../../testing/staff-fixtures.js';
import { AuditLog } from '../audit/audit-log.entity.js';
import { Category } from '../directory/category.entity.js';
import { KnowledgeEntry } from './knowledge-entry.entity.js';
import { ReplyTemplate } from './reply-template.entity.js';

type Json = Record<string, unknown>;
const CJK = /[\u4e00-\u9fff]/;

/*
 * 答复模板 and 政策知识库 (issue 19): read by whoever writes replies, edited by supervisors and the editor
 * role, every change audited; the knowledge base found by the news search's normaliser, so a query in
 * traditional characters finds a simplified entry and the other way round.
 */
describe.each(TEST_DATABASES)('reply templates and the knowledge base on %s', (kind) => {
  let t: TestApp;
  let ds: DataSource;
  let supervisor: { authorization: string };
  let editor: { authorization: string };
  let handler: { authorization: string };
  let dispatcher: { authorization: string };
  let admin: { authorization: string };
  let categoryId: number;

  beforeAll(async () => {
    t = await startTestApp(kind);
    ds = t.app.get(DataSource);
    supervisor = await createStaff(t.app, 'supervisor.knowledge', 'supervisor');
    editor = await createStaff(t.app, 'editor.knowledge', 'editor', 'xietu');
    handler = await createStaff(t.app, 'handler.knowledge', 'handler', 'xietu-guanli');
    dispatcher = await createStaff(t.app, 'dispatcher.knowledge', 'dispatcher', 'xietu');
    admin = await createStaff(t.app, 'admin.knowledge', 'admin');
    categoryId = (await ds.getRepository(Category).findOneByOrFail({ code: 'shirong-laji' })).id;
  });
  afterAll(() => t?.close());

  const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, who: { authorization: string }, payload?: Json) => {
    const res = await t.app.inject({ method, url, headers: { authorization: who.authorization }, payload });
    return { status: res.statusCode, body: (res.body ? res.json() : null) as Json };
  };
  const audits = (action: string) => ds.getRepository(AuditLog).countBy({ action });

  it('gives a handler a category’s templates, filled from the concern’s values', async () => {
    const created = await call('POST', '/api/v1/admin/reply-templates', supervisor, {
      categoryId,
      kind: 'reply',
      title: '垃圾清运',
      text: '您反映的{小区}垃圾问题，{部门}已于{今天}安排清运。',
    });
    expect(created.status).toBe(201);
    await call('POST', '/api/v1/admin/reply-templates', editor, {
      categoryId: null,
      kind: 'rejection',
      title: '非本区',
      text: '{小区}不属于徐汇区。',
    });
    const list = (await call('GET', `/api/v1/admin/reply-templates?categoryId=${categoryId}&kind=reply`, handler)).body as unknown as {
      items: ReplyTemplateView[];
    };
    expect(list.items.map((i) => i.title)).toEqual(['垃圾清运']);
    expect(list.items[0]).toMatchObject({ categoryName: expect.stringMatching(CJK), updatedBy: expect.any(String) });
    const filled = fillReplyTemplate(list.items[0]!.text, { compound: '恒益小区', department: '管理办', today: '2026-12-07' });
    expect(filled).toEqual({ text: '您反映的恒益小区垃圾问题，管理办已于2026-12-07安排清运。', missing: [] });
    const both = (await call('GET', `/api/v1/admin/reply-templates?categoryId=${categoryId}`, dispatcher)).body.items as Json[];
    expect(both.map((i) => i.title).sort()).toEqual(['垃圾清运', '非本区'].sort());
    expect(await audits('knowledge.template.create')).toBe(2);
  });

  it('edits and deletes a template, each change audited', async () => {
    const created = (
      await call('POST', '/api/v1/admin/reply-templates', supervisor, { categoryId, kind: 'reply', title: '旧', text: '旧的答复内容' })
    ).body;
    const id = created.id as number;
    const updated = await call('PUT', `/api/v1/admin/reply-templates/${id}`, supervisor, {
      categoryId,
      kind: 'reply',
      title: '新',
      text: '新的答复内容',
    });
    expect(updated.body).toMatchObject({ title: '新', text: '新的答复内容' });
    expect((await call('DELETE', `/api/v1/admin/reply-templates/${id}`, supervisor)).status).toBe(204);
    expect(await ds.getRepository(ReplyTemplate).existsBy({ id })).toBe(false);
    expect([await audits('knowledge.template.update'), await audits('knowledge.template.delete')]).toEqual([1, 1]);
  });

  it('finds an entry in simplified by a traditional query and the other way round, and hides expired ones unless asked', async () => {
    const entry = {
      title: '垃圾分类管理条例',
      text: '居民区应当设置可回收物、有害垃圾、湿垃圾和干垃圾的收集容器。',
      source: '上海市人大',
      validUntil: null,
    };
    expect((await call('POST', '/api/v1/admin/knowledge', editor, entry)).status).toBe(201);
    await call('POST', '/api/v1/admin/knowledge', supervisor, {
      title: '舊版停車規定',
      text: '小區停車收費標準已廢止。',
      source: '區交通委',
      validUntil: '2020-12-31',
    });
    const search = async (q: string, extra = '') =>
      (
        (await call('GET', `/api/v1/admin/knowledge?q=${encodeURIComponent(q)}${extra}`, handler)).body as unknown as KnowledgeListView
      ).items.map((i) => i.title);
    expect(await search('垃圾分類')).toEqual(['垃圾分类管理条例']);
    expect(await search('湿垃圾 容器')).toEqual(['垃圾分类管理条例']);
    expect(await search('停车')).toEqual([]);
    expect(await search('停车', '&expired=true')).toEqual(['舊版停車規定']);
    expect(await search('物业维修基金')).toEqual([]);
    expect(await audits('knowledge.entry.create')).toBe(2);
  });

  it('updates the search with the entry', async () => {
    const id = (
      await call('POST', '/api/v1/admin/knowledge', supervisor, {
        title: '加装电梯',
        text: '既有多层住宅加装电梯的补贴办法。',
        source: '区住建委',
        validUntil: '2099-12-31',
      })
    ).body.id as number;
    await call('PUT', `/api/v1/admin/knowledge/${id}`, supervisor, {
      title: '加装电梯',
      text: '老旧小区加装电梯的补贴办法。',
      source: '区住建委',
      validUntil: null,
    });
    const items = ((await call('GET', '/api/v1/admin/knowledge?q=老旧小区', dispatcher)).body as unknown as KnowledgeListView).items;
    expect(items.map((i) => i.id)).toEqual([id]);
    expect(((await call('GET', '/api/v1/admin/knowledge?q=多层住宅', dispatcher)).body as unknown as KnowledgeListView).items).toEqual([]);
    expect((await call('DELETE', `/api/v1/admin/knowledge/${id}`, supervisor)).status).toBe(204);
    expect(((await call('GET', '/api/v1/admin/knowledge?q=老旧小区', dispatcher)).body as unknown as KnowledgeListView).items).toEqual([]);
  });

  it('refuses editing to readers and the admin, reading to the admin, and bad input — with a Chinese message and nothing changed', async () => {
    const templates = await ds.getRepository(ReplyTemplate).count();
    const entries = await ds.getRepository(KnowledgeEntry).count();
    const auditRows = await ds.getRepository(AuditLog).count();
    const good = { categoryId, kind: 'reply', title: '模板', text: '答复内容' };
    const cases: Array<['GET' | 'POST' | 'PUT' | 'DELETE', string, { authorization: string }, Json | undefined, number]> = [
      ['POST', '/api/v1/admin/reply-templates', handler, good, 403],
      ['POST', '/api/v1/admin/reply-templates', dispatcher, good, 403],
      ['GET', '/api/v1/admin/reply-templates', admin, undefined, 403],
      ['POST', '/api/v1/admin/knowledge', handler, { title: '标题', text: '正文内容', source: '来源', validUntil: null }, 403],
      ['GET', '/api/v1/admin/knowledge', admin, undefined, 403],
      ['POST', '/api/v1/admin/reply-templates', supervisor, { ...good, text: '请联系{联系人}' }, 400],
      ['POST', '/api/v1/admin/reply-templates', supervisor, { ...good, kind: 'other' }, 400],
      ['POST', '/api/v1/admin/reply-templates', supervisor, { ...good, categoryId: 999999 }, 404],
      ['PUT', '/api/v1/admin/reply-templates/999999', supervisor, good, 404],
      ['DELETE', '/api/v1/admin/knowledge/abc', supervisor, undefined, 400],
      ['POST', '/api/v1/admin/knowledge', supervisor, { title: '标题', text: '正文内容', source: '来源', validUntil: '2026-13-45' }, 400],
      ['POST', '/api/v1/admin/knowledge', supervisor, { title: '标', text: '正文内容', source: '来源', validUntil: null }, 400],
      ['GET', `/api/v1/admin/knowledge?q=${'长'.repeat(51)}`, handler, undefined, 400],
    ];
    for (const [method, url, who, payload, status] of cases) {
      const res = await call(method, url, who, payload);
      expect({ method, url, status: res.status }).toEqual({ method, url, status });
      expect((res.body.error as { message: string }).message).toMatch(CJK);
    }
    expect([await ds.getRepository(ReplyTemplate).count(), await ds.getRepository(KnowledgeEntry).count()]).toEqual([templates, entries]);
    expect(await ds.getRepository(AuditLog).count()).toBe(auditRows);
  });
});
