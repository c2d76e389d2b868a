import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { DataSource } from 'typeorm';
import { Street } from '../../modules/directory/street.entity.js';
import { NewsArticle } from '../../modules/news/news-article.entity.js';
import { createStaff } from '../../testing/staff-fixtures.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_DATABASES } from '../../testing/test-databases.js';

type Json = Record<string, unknown>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(TEST_DATABASES)('public reads answered from the cache on %s', (kind) => {
  let sut: TestApp;
  let editor: { authorization: string };
  let admin: { authorization: string };

  beforeAll(async () => {
    sut = await startTestApp(kind);
    editor = await createStaff(sut.app, 'editor.cache', 'editor', 'hunan');
    admin = await createStaff(sut.app, 'admin.cache', 'admin');
  });
  afterAll(async () => {
    await sut?.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) => sut.app.inject({ method: 'GET', url, headers });
  const send = async (method: 'POST' | 'PATCH', url: string, who: { authorization: string }, payload: Json, expected: number) => {
    const res = await sut.app.inject({ method, url, headers: who, payload });
    if (res.statusCode !== expected) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body}`);
    return res.json<Json>();
  };
  const publishArticle = async (title: string, publishedAt?: Date) => {
    const draft = await send('POST', '/api/v1/admin/news', editor, { title, body: [{ type: 'paragraph', text: '正文。' }] }, 201);
    return send('POST', `/api/v1/admin/news/${String(draft.id)}/publish`, editor, publishedAt ? { publishedAt } : {}, 200);
  };
  const titles = async () => {
    const res = await get('/api/v1/news?street=hunan');
    expect(res.statusCode).toBe(200);
    return res.json<{ items: Json[] }>().items.map((i) => i.title);
  };
  /** An article written straight into the database, as nothing in the service would: no invalidation. */
  const insertBehindTheServicesBack = async (title: string) => {
    const db = sut.app.get(DataSource);
    const street = await db.getRepository(Street).findOneByOrFail({ code: 'hunan' });
    await db.getRepository(NewsArticle).insert({
      streetId: street.id,
      title,
      body: [{ type: 'paragraph', text: '正文。' }],
      source: null,
      status: 'published',
      publishedAt: new Date(Date.now() - 1000),
      isDemo: false,
      searchText: title,
    });
  };

  it('answers a repeated feed read from memory, and shows a publish through the service on the next read', async () => {
    await publishArticle('湖南路街道梧桐落叶清扫安排');
    expect(await titles()).toContain('湖南路街道梧桐落叶清扫安排');

    // Proof that the second read did not go to the database: a row written behind the service's back is not in it.
    await insertBehindTheServicesBack('绕过服务写入的资讯');
    expect(await titles()).not.toContain('绕过服务写入的资讯');

    // A publish through the service clears the cached pages before it is acknowledged.
    await publishArticle('湖南路街道冬季消防演练通知');
    const after = await titles();
    expect(after).toContain('湖南路街道冬季消防演练通知');
    expect(after).toContain('绕过服务写入的资讯');
  });

  it('clears the cached article and feed when an editor takes an article back', async () => {
    const article = await publishArticle('即将撤回的资讯');
    expect((await get(`/api/v1/news/${String(article.id)}`)).statusCode).toBe(200);
    expect(await titles()).toContain('即将撤回的资讯');

    await send('POST', `/api/v1/admin/news/${String(article.id)}/unpublish`, editor, {}, 200);
    expect((await get(`/api/v1/news/${String(article.id)}`)).statusCode).toBe(404);
    expect(await titles()).not.toContain('即将撤回的资讯');
  });

  it('answers If-None-Match with an empty 304 while the page is unchanged, and with the new page after a publish', async () => {
    const first = await get('/api/v1/news?street=hunan&limit=5');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers['cache-control']).toBe('no-cache');
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');

    const again = await get('/api/v1/news?street=hunan&limit=5', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');

    await publishArticle('湖南路街道新的一期简报');
    const changed = await get('/api/v1/news?street=hunan&limit=5', { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.json<{ items: Json[] }>().items[0]!.title).toBe('湖南路街道新的一期简报');
  });

  it('shows a scheduled article when its time comes, although the feed was cached before', async () => {
    await publishArticle('定时发布的资讯', new Date(Date.now() + 1500));
    expect(await titles()).not.toContain('定时发布的资讯');
    await sleep(1700);
    expect(await titles()).toContain('定时发布的资讯');
  });

  it('shows a renamed street in the street list and the news feed at once', async () => {
    const streets = async () => (await get('/api/v1/streets')).json<{ items: Json[] }>().items;
    const hunan = (await streets()).find((s) => s.code === 'hunan')!;
    const feedStreetNames = async () =>
      new Set((await get('/api/v1/news?street=hunan')).json<{ items: Json[] }>().items.map((i) => i.streetName));
    expect(await feedStreetNames()).toEqual(new Set([hunan.name]));

    await send('PATCH', `/api/v1/admin/directory/streets/${String(hunan.id)}`, admin, { name: '湖南路街道（更名测试）' }, 200);
    expect((await streets()).find((s) => s.code === 'hunan')!.name).toBe('湖南路街道（更名测试）');
    expect(await feedStreetNames()).toEqual(new Set(['湖南路街道（更名测试）']));
  });

  it('sends the kept answer compressed as the phone accepts (brotli first, then gzip), the same JSON once unpacked', async () => {
    const plain = await get('/api/v1/categories');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(1024);

    const br = await get('/api/v1/categories', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toContain('Accept-Encoding');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);

    const gzip = await get('/api/v1/categories', { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(plain.body);

    // A short answer goes as it is, whatever the phone accepts.
    const streets = await get('/api/v1/streets/hunan/compounds', { 'accept-encoding': 'br' });
    expect(streets.rawPayload.length).toBeLessThan(1024);
    expect(streets.headers['content-encoding']).toBeUndefined();
  });

  it('never keeps a refused read: a bad query is refused every time, with its message', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await get('/api/v1/news?limit=abc');
      expect(res.statusCode).toBe(400);
      expect(res.headers.etag).toBeUndefined();
    }
  });
});
