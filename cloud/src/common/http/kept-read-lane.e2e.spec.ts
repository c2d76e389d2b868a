import { jest } from '@jest/globals';
import { brotliDecompressSync } from 'node:zlib';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_DATABASES } from '../../testing/test-databases.js';
import { PublicCache } from '../cache/public-cache.js';

/*
 * The kept-read lane answers a kept public read in front of Fastify (kept-read-lane.ts). Over a real
 * socket, its answers must be the route's own — status, headers, bytes, 304s and compression — and
 * whatever it does not reproduce must still reach Fastify: CORS, HEAD, a cleared answer.
 */
const H5_ORIGIN = 'https://h5.example.cn';

describe.each(TEST_DATABASES)('the kept-read lane on %s', (kind) => {
  let sut: TestApp;
  let base: string;
  let lookups: jest.SpiedFunction<PublicCache['getByUrl']>;

  beforeAll(async () => {
    sut = await startTestApp(kind);
    await sut.app.listen(0, '127.0.0.1');
    base = await sut.app.getUrl();
    lookups = jest.spyOn(sut.app.get(PublicCache), 'getByUrl');
  });
  afterAll(async () => {
    lookups?.mockRestore();
    await sut?.close();
  });

  /** What the lane answered: how many lookups found a kept answer during `request`. */
  async function answeredByLane<T>(request: () => Promise<T>): Promise<{ result: T; byLane: boolean }> {
    lookups.mockClear();
    const result = await request();
    return { result, byLane: lookups.mock.results.some((r) => r.type === 'return' && r.value !== undefined) };
  }

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });
  const headersOf = (res: Response) => {
    const all = Object.fromEntries(res.headers);
    // The clock's and the connection's own.
    delete all.date;
    delete all['keep-alive'];
    delete all.connection;
    return all;
  };

  it('answers a read its route has kept with the same status, headers and bytes the route sent', async () => {
    const first = await answeredByLane(() => get('/api/v1/categories'));
    expect(first.byLane).toBe(false);
    const fresh = { status: first.result.status, headers: headersOf(first.result), body: Buffer.from(await first.result.arrayBuffer()) };
    expect(fresh.status).toBe(200);
    expect(fresh.headers['x-frame-options']).toBe('DENY');

    const second = await answeredByLane(() => get('/api/v1/categories'));
    expect(second.byLane).toBe(true);
    expect({
      status: second.result.status,
      headers: headersOf(second.result),
      body: Buffer.from(await second.result.arrayBuffer()),
    }).toEqual(fresh);
  });

  it('answers 304 to a client holding the answer, and the compressed form it accepts, as Fastify does', async () => {
    await get('/api/v1/categories');
    const cases: Array<Record<string, string>> = [
      { 'if-none-match': '' },
      { 'accept-encoding': 'br' },
      { 'accept-encoding': 'gzip, deflate' },
    ];
    for (const headers of cases) {
      if ('if-none-match' in headers) headers['if-none-match'] = String((await get('/api/v1/categories')).headers.get('etag'));
      const lane = await answeredByLane(() => get('/api/v1/categories', headers));
      expect(lane.byLane).toBe(true);
      // The same request through Fastify (inject does not pass the server's listener, so not the lane).
      const viaFastify = await sut.app.inject({ method: 'GET', url: '/api/v1/categories', headers });
      const fastifyHeaders = { ...viaFastify.headers } as Record<string, unknown>;
      for (const name of ['date', 'keep-alive', 'connection']) delete fastifyHeaders[name];
      expect(lane.result.status).toBe(viaFastify.statusCode);
      expect(headersOf(lane.result)).toEqual(Object.fromEntries(Object.entries(fastifyHeaders).map(([k, v]) => [k, String(v)])));
    }
    // fetch undoes the compression itself; read the raw bytes to see that they are brotli of the body.
    const raw = await sut.app.inject({ method: 'GET', url: '/api/v1/categories', headers: { 'accept-encoding': 'br' } });
    expect(raw.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(raw.rawPayload).toString()).toBe((await sut.app.inject({ method: 'GET', url: '/api/v1/categories' })).body);
  });

  it('leaves a request with an Origin, and HEAD, to Fastify', async () => {
    await get('/api/v1/categories');
    const cors = await answeredByLane(() => get('/api/v1/categories', { origin: H5_ORIGIN }));
    expect(cors.byLane).toBe(false);
    expect(cors.result.status).toBe(200);
    const head = await answeredByLane(() => fetch(`${base}/api/v1/categories`, { method: 'HEAD' }));
    expect(head.byLane).toBe(false);
    expect(head.result.status).toBe(200);
  });

  it('stays shut where other origins are allowed: CORS adds its headers to every answer there', async () => {
    const withCors = await startTestApp(kind, { MANYI_CORS_ORIGINS: H5_ORIGIN });
    try {
      await withCors.app.listen(0, '127.0.0.1');
      const url = `${await withCors.app.getUrl()}/api/v1/categories`;
      const lane = jest.spyOn(withCors.app.get(PublicCache), 'getByUrl');
      const [fresh, kept] = [await fetch(url), await fetch(url)];
      expect(lane).not.toHaveBeenCalled();
      expect(headersOf(kept)).toEqual(headersOf(fresh));
      expect(kept.headers.get('vary')).toBe('Origin, Accept-Encoding');
    } finally {
      await withCors.close();
    }
  });

  it('stops answering a read once a write clears it, and answers again once the route has kept the new one', async () => {
    await get('/api/v1/categories');
    expect((await answeredByLane(() => get('/api/v1/categories'))).byLane).toBe(true);
    await sut.app.get(PublicCache).invalidate('directory');
    expect((await answeredByLane(() => get('/api/v1/categories'))).byLane).toBe(false);
    expect((await answeredByLane(() => get('/api/v1/categories'))).byLane).toBe(true);
  });

  it('answers nothing it was not asked to keep: another URL of the same route goes to the route', async () => {
    await get('/api/v1/categories');
    const other = await answeredByLane(() => get('/api/v1/categories?x=1'));
    expect(other.byLane).toBe(false);
    expect(other.result.status).toBe(200);
  });
});
