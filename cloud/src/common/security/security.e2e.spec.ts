import { DataSource } from 'typeorm';
import { call, errorOf, submitConcern, type Caller } from '../../testing/concern-fixtures.js';
import { createResident } from '../../testing/staff-fixtures.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_DATABASES } from '../../testing/test-databases.js';
import { Concern } from '../../modules/concerns/concern.entity.js';

/*
 * The protections in front of every route (docs/security.md "How it works"). Each test names the
 * protection it checks and fails when that protection is taken away.
 */

const ADMIN_ORIGIN = 'https://admin.manyi.example';
const H5_ORIGIN = 'https://h5.manyi.example';

describe.each(TEST_DATABASES)('security basics on %s', (kind) => {
  let sut: TestApp;
  let resident: Caller;

  beforeAll(async () => {
    sut = await startTestApp(kind, {
      MANYI_CORS_ORIGINS: `${ADMIN_ORIGIN},${H5_ORIGIN}`,
      MANYI_RATE_LIMIT_LOGIN: '3',
      MANYI_RATE_LIMIT_SUBMIT: '2',
    });
    // Signing in counts against the login limit of the default inject address; this one is the test's own.
    const res = await sut.app.inject({
      method: 'POST',
      url: '/api/v1/auth/preview/login',
      payload: { nickname: '居民甲' },
      remoteAddress: '10.0.0.1',
    });
    resident = { authorization: `Bearer ${(res.json() as { token: string }).token}` };
  });
  afterAll(() => sut?.close());

  it('sends security headers with every answer: a content security policy, no framing, no type sniffing', async () => {
    // The feed twice: the second answer is the kept one, sent from a hook before Nest.
    for (const url of ['/api/v1/health', '/api/v1/no-such-route', '/api/v1/news', '/api/v1/news']) {
      const res = await call(sut.app, 'GET', url, null);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('lets only the configured admin and h5 origins call the API from a browser', async () => {
    for (const origin of [ADMIN_ORIGIN, H5_ORIGIN]) {
      const preflight = await sut.app.inject({
        method: 'OPTIONS',
        url: '/api/v1/concerns',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
      expect(preflight.statusCode).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe(origin);
      expect(String(preflight.headers['access-control-allow-headers']).toLowerCase()).toContain('idempotency-key');
    }
    for (const origin of ['https://evil.example', 'null', `${ADMIN_ORIGIN}.evil.example`]) {
      const simple = await sut.app.inject({ method: 'GET', url: '/api/v1/health', headers: { origin } });
      expect(simple.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await sut.app.inject({
        method: 'OPTIONS',
        url: '/api/v1/concerns',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('gives a kept public read the CORS headers of a fresh one, and varies both by Origin: an allowed origin reads the feed, another does not', async () => {
    // The first GET keeps the answer; the second is sent from the kept bytes before Nest.
    for (const origin of [H5_ORIGIN, H5_ORIGIN, 'https://evil.example', 'https://evil.example']) {
      const res = await sut.app.inject({ method: 'GET', url: '/api/v1/news?limit=3', headers: { origin } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe(origin === H5_ORIGIN ? origin : undefined);
      // Both, so a shared cache never hands one origin's answer to another, nor a compressed one to a client that cannot read it.
      expect(String(res.headers.vary).toLowerCase()).toMatch(/origin.*accept-encoding/);
    }
  });

  it('refuses a body over 1 MB with 413 before any route reads it', async () => {
    const big = JSON.stringify({ nickname: 'x'.repeat(1024 * 1024 + 10) });
    const res = await call(sut.app, 'POST', '/api/v1/concerns', resident, big, { headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(413);
    expect(errorOf(res).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses JSON nested deeper than any route takes with 400, changing nothing', async () => {
    const before = await sut.app.get(DataSource).getRepository(Concern).count();
    // Deep enough that walking it recursively (as schema validation does) would exhaust the stack.
    const depth = 200_000;
    const deep = `{"categoryId":1,"compoundId":1,"title":"楼道堆物","description":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    const res = await call(sut.app, 'POST', '/api/v1/concerns', resident, deep, { headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(errorOf(res).message).toContain('层级过深');
    expect(await sut.app.get(DataSource).getRepository(Concern).count()).toBe(before);
  });

  it('limits logins per client address and answers 429 in the error envelope with Retry-After', async () => {
    const login = (remoteAddress: string) =>
      sut.app.inject({
        method: 'POST',
        url: '/api/v1/auth/staff/login',
        payload: { username: 'nobody', password: 'wrong-password' },
        remoteAddress,
      });
    for (let i = 0; i < 3; i++) expect((await login('10.0.1.1')).statusCode).toBe(401);
    const limited = await login('10.0.1.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toEqual({ error: { code: 'RATE_LIMITED', message: '操作过于频繁，请稍后再试' } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // The preview login shares the login budget of the address.
    const preview = await sut.app.inject({
      method: 'POST',
      url: '/api/v1/auth/preview/login',
      payload: { nickname: '居民乙' },
      remoteAddress: '10.0.1.1',
    });
    expect(preview.statusCode).toBe(429);
    // Another address is not affected.
    expect((await login('10.0.1.2')).statusCode).toBe(401);
    // A client that is not a trusted proxy cannot pick a fresh address with X-Forwarded-For.
    const spoofed = await sut.app.inject({
      method: 'POST',
      url: '/api/v1/auth/staff/login',
      payload: { username: 'nobody', password: 'wrong-password' },
      remoteAddress: '10.0.1.1',
      headers: { 'x-forwarded-for': '198.51.100.9' },
    });
    expect(spoofed.statusCode).toBe(429);
  });

  it('limits concern submits per resident, whichever address they come from, refusing without a write', async () => {
    const submitter = await createResident(sut.app, '居民乙');
    await submitConcern(sut.app, submitter, {}, { headers: { 'x-forwarded-for': '10.0.2.1' } });
    await submitConcern(sut.app, submitter, {}, { headers: { 'x-forwarded-for': '10.0.2.2' } });
    const repo = sut.app.get(DataSource).getRepository(Concern);
    const before = await repo.count();
    const res = await call(sut.app, 'POST', '/api/v1/concerns', submitter, { title: 'x' }, { headers: { 'x-forwarded-for': '10.0.2.3' } });
    expect(res.status).toBe(429);
    expect(errorOf(res).code).toBe('RATE_LIMITED');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(await repo.count()).toBe(before);
    // Another resident still reports.
    const other = await createResident(sut.app, '居民丙');
    await expect(submitConcern(sut.app, other)).resolves.toMatchObject({ status: 'submitted' });
  });

  it('answers a database failure with the plain 500 envelope: no stack trace, no SQL, no table names', async () => {
    const reader = await createResident(sut.app, '居民丁');
    // Break the schema under the running service (this is the last test of the file).
    await sut.app.get(DataSource).query('ALTER TABLE notification RENAME TO notification_gone');
    const res = await call(sut.app, 'GET', '/api/v1/me/notifications', reader);
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: 'INTERNAL', message: '服务暂时出现问题，请稍后再试' } });
    expect(res.text).not.toMatch(/notification|SELECT|SQL|QueryFailed|\bat \w|\.ts:\d|\.js:\d/i);
  });
});
