import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_DATABASES } from '../../testing/test-databases.js';
import { createStaff, TEST_PASSWORD } from '../../testing/staff-fixtures.js';
import { StaffAccount } from './staff-account.entity.js';

describe.each(TEST_DATABASES)('auth routes on %s', (kind) => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp(kind);
  });
  afterAll(async () => {
    await sut?.close();
  });

  const login = (username: string, password: string) =>
    sut.app.inject({ method: 'POST', url: '/api/v1/auth/staff/login', payload: { username, password } });

  it('signs a staff member in with the right password and answers with the role and scope, never the hash', async () => {
    await createStaff(sut.app, 'dispatcher.t1', 'dispatcher', 'xietu');
    const res = await login('Dispatcher.T1', TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { token: string; user: Record<string, unknown> };
    expect(body.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(body.user).toMatchObject({ username: 'dispatcher.t1', role: 'dispatcher' });
    expect(JSON.stringify(body)).not.toMatch(/argon2|passwordHash/);
  });

  it('answers a wrong password and an unknown user the same way', async () => {
    await createStaff(sut.app, 'handler.t2', 'handler', 'fangguanju');
    const wrong = await login('handler.t2', 'not-the-password');
    const unknown = await login('nobody.here', 'whatever');
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    expect((wrong.json() as { error: { code: string } }).error.code).toBe('INVALID_CREDENTIALS');
    expect((unknown.json() as { error: { code: string } }).error).toEqual((wrong.json() as { error: unknown }).error);
  });

  it('ends every session of a staff member whose password changed, and of a disabled account', async () => {
    const { authorization } = await createStaff(sut.app, 'supervisor.t4', 'supervisor');
    const probe = () => sut.app.inject({ method: 'GET', url: '/api/v1/admin/whoami', headers: { authorization } });
    expect((await probe()).statusCode).toBe(200);
    const repo = sut.app.get(DataSource).getRepository(StaffAccount);
    await repo.update({ username: 'supervisor.t4' }, { passwordChangedAt: new Date(Date.now() + 1000) });
    expect((await probe()).statusCode).toBe(401);

    const second = await createStaff(sut.app, 'supervisor.t5', 'supervisor');
    await repo.update({ username: 'supervisor.t5' }, { disabled: true });
    expect(
      (await sut.app.inject({ method: 'GET', url: '/api/v1/admin/whoami', headers: { authorization: second.authorization } })).statusCode,
    ).toBe(401);
  });

  it('refuses a missing, malformed or forged token with 401', async () => {
    for (const authorization of [undefined, 'Bearer', 'Basic abc', 'Bearer aaaaaaaaaaaa.bbbbbbbbbbbb.cccccccccccc']) {
      const res = await sut.app.inject({ method: 'GET', url: '/api/v1/admin/whoami', headers: authorization ? { authorization } : {} });
      expect(res.statusCode).toBe(401);
      expect((res.json() as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('lets a resident in through the preview login, but not into staff routes', async () => {
    const res = await sut.app.inject({ method: 'POST', url: '/api/v1/auth/preview/login', payload: { nickname: '张阿姨 🌸' } });
    expect(res.statusCode).toBe(200);
    const { token, resident } = res.json() as { token: string; resident: { nickname: string } };
    expect(resident.nickname).toBe('张阿姨 🌸');
    const staffRoute = await sut.app.inject({ method: 'GET', url: '/api/v1/admin/whoami', headers: { authorization: `Bearer ${token}` } });
    expect(staffRoute.statusCode).toBe(403);
  });

  it('rejects a login body of the wrong shape with 400 and a Chinese message', async () => {
    const res = await sut.app.inject({ method: 'POST', url: '/api/v1/auth/staff/login', payload: { username: 42 } });
    expect(res.statusCode).toBe(400);
    const error = (res.json() as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('answers the WeChat login with 503 until a WeChat AppID and client are configured', async () => {
    const res = await sut.app.inject({ method: 'POST', url: '/api/v1/auth/wechat/login', payload: { code: 'abc' } });
    expect(res.statusCode).toBe(503);
    expect((res.json() as { error: { code: string } }).error.code).toBe('WECHAT_NOT_CONFIGURED');
  });
});

describe('preview login with a WeChat AppID configured', () => {
  it('does not exist (404)', async () => {
    const app = await startTestApp('sqlite', { WECHAT_APPID: 'wx0123456789abcdef', WECHAT_SECRET: '0123456789abcdef0123456789abcdef' });
    try {
      const res = await app.app.inject({ method: 'POST', url: '/api/v1/auth/preview/login', payload: { nickname: 'x' } });
      expect(res.statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});

/*
 * A deployment on MySQL without WeChat used to let anyone mint resident accounts through the preview
 * login. Now it stays shut there unless MANYI_PREVIEW_LOGIN=1 says otherwise, and the mini-program is
 * told nobody can sign in yet.
 */
describe.each(TEST_DATABASES)('the preview login switched off on %s', (kind) => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp(kind, { MANYI_PREVIEW_LOGIN: '0' });
  });
  afterAll(async () => {
    await sut?.close();
  });

  it('refuses the preview and demo-resident logins with 404, creating no account', async () => {
    const residents = () => sut.app.get(DataSource).query('SELECT COUNT(*) AS n FROM resident');
    const before = Number((await residents())[0].n);

    const preview = await sut.app.inject({ method: 'POST', url: '/api/v1/auth/preview/login', payload: { nickname: '路人' } });
    const demo = await sut.app.inject({ method: 'POST', url: '/api/v1/auth/preview/demo-resident', payload: {} });

    expect([preview.statusCode, (preview.json() as { error: { code: string } }).error.code]).toEqual([404, 'PREVIEW_LOGIN_DISABLED']);
    expect([demo.statusCode, (demo.json() as { error: { code: string } }).error.code]).toEqual([404, 'PREVIEW_LOGIN_DISABLED']);
    expect(Number((await residents())[0].n)).toBe(before);
    const config = (await sut.app.inject({ method: 'GET', url: '/api/v1/client-config' })).json() as {
      login: string;
      demoResident: boolean;
    };
    expect(config).toMatchObject({ login: 'none', demoResident: false });
  });
});
