import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_DATABASES } from '../../testing/test-databases.js';
import { createStaff } from '../../testing/staff-fixtures.js';
import { NewsSearchToken } from './news-search-token.entity.js';

type Json = Record<string, unknown>;

/** Articles of one street, some in traditional characters, with symbols that LIKE would treat as wildcards. */
const ARTICLES = {
  traditional: { title: '滿意在徐匯：長橋街道走訪居民', body: ['居民們反映樓道照明問題，街道當場記錄。'] },
  simplified: { title: '长桥街道开展垃圾分类宣传', body: ['志愿者在小区门口讲解分类方法，满意度调查显示居民普遍认可。'] },
  percent: { title: '社区团购折扣100%真实', body: ['本次活动名额_有限_，先到先得。'] },
  plain: { title: '长桥街道 100 元补贴 WiFi 覆盖社区食堂', body: ['食堂新增无线网络。'] },
} as const;
type Key = keyof typeof ARTICLES;

describe.each(TEST_DATABASES)('news search on %s', (kind) => {
  let sut: TestApp;
  let editor: { authorization: string };
  const ids = {} as Record<Key, number>;

  beforeAll(async () => {
    sut = await startTestApp(kind);
    editor = await createStaff(sut.app, 'editor.search', 'editor', 'changqiao');
    for (const [key, article] of Object.entries(ARTICLES) as Array<[Key, (typeof ARTICLES)[Key]]>) {
      const created = await post('/api/v1/admin/news', {
        title: article.title,
        body: article.body.map((text) => ({ type: 'paragraph', text })),
      });
      await post(`/api/v1/admin/news/${String(created.id)}/publish`, {});
      ids[key] = created.id as number;
    }
    // A draft is never found by residents.
    await post('/api/v1/admin/news', { title: '草稿：滿意在徐匯', body: [{ type: 'paragraph', text: '未发布。' }] });
  });
  afterAll(async () => {
    await sut?.close();
  });

  async function post(url: string, payload: Json): Promise<Json> {
    const res = await sut.app.inject({ method: 'POST', url, headers: { authorization: editor.authorization }, payload });
    if (res.statusCode >= 300) throw new Error(`${url} → ${res.statusCode} ${res.body}`);
    return res.json() as Json;
  }
  const search = async (q: string, extra = '') => {
    const res = await sut.app.inject({ method: 'GET', url: `/api/v1/news?street=changqiao&q=${encodeURIComponent(q)}${extra}` });
    expect(res.statusCode).toBe(200);
    return (res.json() as { items: Json[] }).items.map((i) => i.id);
  };
  const found = (...keys: Key[]) => keys.map((k) => ids[k]).sort((a, b) => b - a);

  it('finds an article written in traditional characters with a simplified query', async () => {
    expect(await search('满意在徐汇')).toEqual(found('traditional'));
  });

  it('finds an article written in simplified characters with a traditional query', async () => {
    expect(await search('滿意度調查')).toEqual(found('simplified'));
  });

  it('finds words inside Chinese written without spaces, in the title or the body', async () => {
    expect(await search('楼道照明问题')).toEqual(found('traditional'));
    expect(await search('讲解分类方法')).toEqual(found('simplified'));
    expect(await search('长桥街道')).toEqual(found('plain', 'simplified', 'traditional'));
  });

  it('needs every word of a query with spaces', async () => {
    expect(await search('长桥 垃圾')).toEqual(found('simplified'));
  });

  it('needs the characters next to each other, not merely present', async () => {
    expect(await search('徐汇走访')).toEqual([]);
  });

  it('finds nothing for words no article has', async () => {
    expect(await search('火星基地')).toEqual([]);
  });

  it('takes % and _ literally', async () => {
    expect(await search('100%')).toEqual(found('percent'));
    expect(await search('%')).toEqual(found('percent'));
    expect(await search('_')).toEqual(found('percent'));
    expect(await search('名额_有限')).toEqual(found('percent'));
    expect(await search('100')).toEqual(found('plain', 'percent'));
  });

  it('finds single characters, and ignores case and full-width forms', async () => {
    expect(await search('匯')).toEqual(found('traditional'));
    expect(await search('ＷＩＦＩ')).toEqual(found('plain'));
  });

  it('takes a query of only spaces for no query', async () => {
    expect(await search('\u3000 ')).toEqual(found('plain', 'percent', 'simplified', 'traditional'));
  });

  it('pages through results with the cursor', async () => {
    const first = await sut.app.inject({ method: 'GET', url: `/api/v1/news?street=changqiao&q=${encodeURIComponent('长桥')}&limit=2` });
    const page = first.json() as { items: Json[]; nextCursor: string };
    const second = await sut.app.inject({
      method: 'GET',
      url: `/api/v1/news?street=changqiao&q=${encodeURIComponent('长桥')}&limit=2&cursor=${page.nextCursor}`,
    });
    const rest = second.json() as { items: Json[]; nextCursor: string | null };
    expect([...page.items, ...rest.items].map((i) => i.id)).toEqual(found('plain', 'simplified', 'traditional'));
    expect(rest.nextCursor).toBeNull();
  });

  it('follows edits: new words are found, old ones no longer', async () => {
    const created = await post('/api/v1/admin/news', { title: '长桥街道秋季运动会', body: [{ type: 'paragraph', text: '拔河比赛。' }] });
    await post(`/api/v1/admin/news/${String(created.id)}/publish`, {});
    expect(await search('拔河')).toEqual([created.id]);

    const res = await sut.app.inject({
      method: 'PATCH',
      url: `/api/v1/admin/news/${String(created.id)}`,
      headers: { authorization: editor.authorization },
      payload: { body: [{ type: 'paragraph', text: '跳繩比賽。' }] },
    });
    expect(res.statusCode).toBe(200);
    expect(await search('拔河')).toEqual([]);
    expect(await search('跳绳')).toEqual([created.id]);
  });

  it('searches in the staff list too, drafts included', async () => {
    const res = await sut.app.inject({
      method: 'GET',
      url: `/api/v1/admin/news?q=${encodeURIComponent('滿意在徐匯')}`,
      headers: { authorization: editor.authorization },
    });
    expect((res.json() as { items: Json[] }).items.map((i) => i.title)).toEqual(['草稿：滿意在徐匯', ARTICLES.traditional.title]);
  });

  it('stores bigrams as exact code points, so case- or accent-folding collations cannot merge them', async () => {
    const created = await post('/api/v1/admin/news', { title: 'Café cafe CAFÉ 𠮷野家', body: [{ type: 'paragraph', text: 'ée ee ÉE。' }] });
    const tokens = await sut.app
      .get(DataSource)
      .getRepository(NewsSearchToken)
      .findBy({ articleId: created.id as number });
    expect(tokens.map((t) => t.token).sort()).toEqual(['af', 'ca', 'fe', 'fé', 'ee', 'ée', '𠮷野', '野家'].sort());
  });
});

describe.each(TEST_DATABASES)('news search with demo content on %s', (kind) => {
  let sut: TestApp;

  // Demo mode seeds the whole demo district at start-up: as long as the seeder's own test allows for it.
  beforeAll(async () => {
    sut = await startTestApp(kind, { MANYI_DEMO: '1' });
  }, 120_000);
  afterAll(async () => {
    await sut?.close();
  });

  it('indexes articles written without the service (demo content) when it starts', async () => {
    const res = await sut.app.inject({ method: 'GET', url: `/api/v1/news?q=${encodeURIComponent('長者午餐')}` });
    const items = (res.json() as { items: Json[] }).items;
    expect(items).toEqual([expect.objectContaining({ streetCode: 'fenglin', isDemo: true, title: expect.stringContaining('长者午餐') })]);
  });
});
