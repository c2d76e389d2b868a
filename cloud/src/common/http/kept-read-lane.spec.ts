import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { CachedAnswer, PublicCache } from '../cache/public-cache.js';
import { KeptReadLane } from './kept-read-lane.js';

/* The lane in front of a handler that stands for Fastify: what it answers itself, and when it stops. */
describe('the kept-read lane', () => {
  const kept: CachedAnswer = { body: Buffer.from('{"items":[]}'), etag: 'W/"e1"', br: null, gzip: null };
  const cache = { getByUrl: (url: string) => (url === '/kept' ? kept : undefined) } as unknown as PublicCache;
  let lane: KeptReadLane;
  let server: Server;
  let base: string;
  const reachedFastify: string[] = [];

  beforeEach(async () => {
    reachedFastify.length = 0;
    lane = new KeptReadLane();
    server = lane.serverFactory(
      (request, response) => {
        reachedFastify.push(`${request.method} ${request.url}`);
        response.writeHead(503).end();
      },
      { keepAliveTimeout: 72_000, requestTimeout: 0, connectionTimeout: 0 },
    ) as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('gives the server the timeouts Fastify gives its own', () => {
    expect(server.keepAliveTimeout).toBe(72_000);
    expect(server.requestTimeout).toBe(0);
  });

  it('answers nothing before it is opened, then kept URLs only, with the security headers', async () => {
    expect((await fetch(`${base}/kept`)).status).toBe(503);
    lane.open(cache, { 'x-frame-options': 'DENY' });
    const answered = await fetch(`${base}/kept`);
    expect(answered.status).toBe(200);
    expect(answered.headers.get('x-frame-options')).toBe('DENY');
    expect(answered.headers.get('etag')).toBe('W/"e1"');
    expect(await answered.text()).toBe('{"items":[]}');
    expect((await fetch(`${base}/other`)).status).toBe(503);
    expect(reachedFastify).toEqual(['GET /kept', 'GET /other']);
  });

  it('leaves everything to Fastify once closed (while the app closes Fastify answers 503)', async () => {
    lane.open(cache, {});
    expect((await fetch(`${base}/kept`)).status).toBe(200);
    lane.close();
    expect((await fetch(`${base}/kept`)).status).toBe(503);
    expect(reachedFastify).toEqual(['GET /kept']);
  });
});
