import { gunzipSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { DataSource } from 'typeorm';
import { Resident } from '../../modules/auth/resident.entity.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_DATABASES } from '../../testing/test-databases.js';

describe.each(TEST_DATABASES)('compressed answers on %s', (kind) => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp(kind);
  });
  afterAll(async () => {
    await sut?.close();
  });

  it('compresses an answer of 1 KB or more for a client that accepts it, and sends it plain to one that does not', async () => {
    const plain = await sut.app.inject({ method: 'GET', url: '/api/docs/openapi.json' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(1024);

    const gzip = await sut.app.inject({ method: 'GET', url: '/api/docs/openapi.json', headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(plain.body);

    const br = await sut.app.inject({ method: 'GET', url: '/api/docs/openapi.json', headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
  });

  it('sends a short answer as it is', async () => {
    const res = await sut.app.inject({ method: 'GET', url: '/api/v1/health', headers: { 'accept-encoding': 'gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
  });

  it('refuses a compressed request body with 415 and the error envelope, and creates nothing', async () => {
    const residents = sut.app.get(DataSource).getRepository(Resident);
    const before = await residents.count();
    const res = await sut.app.inject({
      method: 'POST',
      url: '/api/v1/auth/preview/login',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: gzipSync(JSON.stringify({ nickname: '压缩的请求' })),
    });
    expect(res.statusCode).toBe(415);
    process.stdout.write(`compressed request body → ${res.statusCode} ${res.body}\n`);
    expect(res.json()).toEqual({ error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }) });
    expect(await residents.count()).toBe(before);
  });
});
