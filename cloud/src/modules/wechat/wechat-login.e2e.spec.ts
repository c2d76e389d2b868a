import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FakeWechatServer } from '../../testing/fake-wechat-server.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_DATABASES } from '../../testing/test-databases.js';
import { Resident } from '../auth/resident.entity.js';

type Json = Record<string, unknown>;
const errorCode = (body: Json) => (body as { error: { code: string } }).error.code;

describe.each(TEST_DATABASES)('WeChat login, phone number and access token on %s', (kind) => {
  let fake: FakeWechatServer;
  let sut: TestApp;

  beforeAll(async () => {
    fake = await FakeWechatServer.start();
    sut = await startTestApp(kind, fake.env({ WECHAT_TEMPLATE_REPLY: 'tpl-reply', WECHAT_TEMPLATE_PROGRESS: 'tpl-progress' }));
  });

  afterAll(async () => {
    await sut?.close();
    await fake?.stop();
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  const post = async (url: string, payload: Json, authorization?: string) => {
    const res = await sut.app.inject({ method: 'POST', url, payload, headers: authorization ? { authorization } : {} });
    return { status: res.statusCode, body: res.json() as Json, raw: res.body };
  };
  const login = (code: string) => post('/api/v1/auth/wechat/login', { code });

  it('creates the resident on the first login by openid and finds the same one on the next', async () => {
    const first = await login(fake.loginCode({ openid: 'o-first-login', unionid: 'u-first-login' }));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ token: expect.any(String), resident: { id: expect.any(Number), nickname: '微信用户' } });
    const id = (first.body.resident as { id: number }).id;
    const row = await sut.app.get(DataSource).getRepository(Resident).findOneByOrFail({ id });
    expect(row).toMatchObject({ openid: 'o-first-login', unionid: 'u-first-login', isPreview: false });

    const again = await login(fake.loginCode({ openid: 'o-first-login' }));
    expect((again.body.resident as { id: number }).id).toBe(id);
    // The token is a working resident token.
    const mine = await sut.app.inject({
      method: 'GET',
      url: '/api/v1/concerns/mine',
      headers: { authorization: `Bearer ${again.body.token as string}` },
    });
    expect(mine.statusCode).toBe(200);
  });

  it('sends appid, secret, the code and grant_type to jscode2session', async () => {
    const code = fake.loginCode({ openid: 'o-query' });
    await login(code);
    expect(fake.callsTo('/sns/jscode2session').at(-1)?.query).toEqual({
      appid: 'wx0123456789abcdef',
      secret: '0123456789abcdef0123456789abcdef',
      js_code: code,
      grant_type: 'authorization_code',
    });
  });

  it('never puts the session_key in the answer or in any log line', async () => {
    const logged: unknown[] = [];
    for (const level of ['log', 'debug', 'warn', 'error', 'verbose'] as const) {
      jest.spyOn(Logger.prototype, level).mockImplementation((...args: unknown[]) => void logged.push(args));
    }
    const res = await login(fake.loginCode({ openid: 'o-secretive' }));
    expect(res.status).toBe(200);
    expect(res.raw).not.toMatch(/session_key|sk-/);
    const logText = JSON.stringify(logged);
    // The client did log the code2Session answer, with the openid and the key redacted.
    expect(logText).toContain('o-secretive');
    expect(logText).toContain('[redacted]');
    expect(logText).not.toMatch(/sk-[A-Za-z0-9+/]/);
  });

  it('answers a used or unknown code (40029) with 400 WECHAT_CODE_INVALID', async () => {
    const code = fake.loginCode({ openid: 'o-once' });
    expect((await login(code)).status).toBe(200);
    const reused = await login(code);
    expect([reused.status, errorCode(reused.body)]).toEqual([400, 'WECHAT_CODE_INVALID']);
    const unknown = await login('never-issued');
    expect([unknown.status, errorCode(unknown.body)]).toEqual([400, 'WECHAT_CODE_INVALID']);
  });

  it('answers WeChat’s rate limit (45011) with 429 and a high-risk user (40226) with 403', async () => {
    fake.failNext('/sns/jscode2session', { errcode: 45011 }, { errcode: 40226 });
    const limited = await login(fake.loginCode({ openid: 'o-limited' }));
    expect([limited.status, errorCode(limited.body)]).toEqual([429, 'RATE_LIMITED']);
    const risky = await login(fake.loginCode({ openid: 'o-risky' }));
    expect([risky.status, errorCode(risky.body)]).toEqual([403, 'WECHAT_USER_BLOCKED']);
  });

  it('tries again when WeChat is busy (-1), answers a 502 or drops the connection, and then logs in', async () => {
    const before = fake.callsTo('/sns/jscode2session').length;
    fake.failNext('/sns/jscode2session', { errcode: -1 }, { httpStatus: 502 });
    const res = await login(fake.loginCode({ openid: 'o-patient' }));
    expect(res.status).toBe(200);
    expect(fake.callsTo('/sns/jscode2session').length - before).toBe(3);

    fake.failNext('/sns/jscode2session', 'drop');
    expect((await login(fake.loginCode({ openid: 'o-patient' }))).status).toBe(200);
  });

  it('gives up with 503 WECHAT_UNAVAILABLE when WeChat stays busy, after three tries', async () => {
    const before = fake.callsTo('/sns/jscode2session').length;
    fake.failNext('/sns/jscode2session', { errcode: -1 }, { errcode: -1 }, { errcode: -1 });
    const res = await login(fake.loginCode({ openid: 'o-unlucky' }));
    expect([res.status, errorCode(res.body)]).toEqual([503, 'WECHAT_UNAVAILABLE']);
    expect(fake.callsTo('/sns/jscode2session').length - before).toBe(3);
    expect(await sut.app.get(DataSource).getRepository(Resident).countBy({ openid: 'o-unlucky' })).toBe(0);
  });

  it('refuses an empty code with 400 before calling WeChat', async () => {
    const before = fake.calls.length;
    const res = await login('  ');
    expect([res.status, errorCode(res.body)]).toEqual([400, 'VALIDATION_FAILED']);
    expect(fake.calls.length).toBe(before);
  });

  it('has no preview login once an AppID is configured', async () => {
    expect((await post('/api/v1/auth/preview/login', { nickname: '王阿姨' })).status).toBe(404);
  });

  it('hands the resident the number behind a getPhoneNumber code, fetching the access token once for many calls', async () => {
    const { token } = (await login(fake.loginCode({ openid: 'o-phone' }))).body as { token: string };
    const auth = `Bearer ${token}`;
    const tokensBefore = fake.callsTo('/cgi-bin/stable_token').length;
    for (const phone of ['13812345678', '13987654321', '13700001111']) {
      const res = await post('/api/v1/auth/wechat/phone', { code: fake.phoneCode(phone) }, auth);
      expect([res.status, res.body]).toEqual([200, { phoneNumber: phone }]);
    }
    // At most one token fetch for the three calls (none if an earlier test already holds one).
    expect(fake.callsTo('/cgi-bin/stable_token').length - tokensBefore).toBeLessThanOrEqual(1);
    const sent = fake.callsTo('/cgi-bin/stable_token').at(-1)!.body;
    expect(sent).toEqual({
      grant_type: 'client_credential',
      appid: 'wx0123456789abcdef',
      secret: expect.any(String),
      force_refresh: false,
    });

    const stale = await post('/api/v1/auth/wechat/phone', { code: 'not-a-phone-code' }, auth);
    expect([stale.status, errorCode(stale.body)]).toEqual([400, 'WECHAT_CODE_INVALID']);
    expect((await post('/api/v1/auth/wechat/phone', { code: fake.phoneCode('13800000000') })).status).toBe(401);
  });

  it('fetches one fresh token and tries once more when WeChat says the token is no longer valid (40001)', async () => {
    const { token } = (await login(fake.loginCode({ openid: 'o-expiry' }))).body as { token: string };
    const auth = `Bearer ${token}`;
    expect((await post('/api/v1/auth/wechat/phone', { code: fake.phoneCode('13811112222') }, auth)).status).toBe(200);
    const tokensBefore = fake.callsTo('/cgi-bin/stable_token').length;
    const callsBefore = fake.callsTo('/wxa/business/getuserphonenumber').length;

    fake.invalidateToken();
    const res = await post('/api/v1/auth/wechat/phone', { code: fake.phoneCode('13833334444') }, auth);
    expect([res.status, res.body]).toEqual([200, { phoneNumber: '13833334444' }]);
    expect(fake.callsTo('/cgi-bin/stable_token').length - tokensBefore).toBe(1);
    const [refused, retried] = fake.callsTo('/wxa/business/getuserphonenumber').slice(callsBefore);
    expect(refused!.query.access_token).not.toBe(retried!.query.access_token);

    // Only one refresh and one retry: a token refused twice is the caller's 503, not a loop.
    fake.failNext('/wxa/business/getuserphonenumber', { errcode: 40001 }, { errcode: 40001 });
    const twice = await post('/api/v1/auth/wechat/phone', { code: fake.phoneCode('13855556666') }, auth);
    expect([twice.status, errorCode(twice.body)]).toEqual([503, 'WECHAT_UNAVAILABLE']);
  });

  it('shares one token refresh among callers that need it at the same time', async () => {
    const { token } = (await login(fake.loginCode({ openid: 'o-crowd' }))).body as { token: string };
    fake.invalidateToken();
    const tokensBefore = fake.callsTo('/cgi-bin/stable_token').length;
    const results = await Promise.all(
      ['13800000001', '13800000002', '13800000003', '13800000004'].map((p) =>
        post('/api/v1/auth/wechat/phone', { code: fake.phoneCode(p) }, `Bearer ${token}`),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(fake.callsTo('/cgi-bin/stable_token').length - tokensBefore).toBe(1);
  });

  it('tells the mini-program to use the WeChat login and which templates to ask consent for', async () => {
    const res = await sut.app.inject({ method: 'GET', url: '/api/v1/client-config' });
    expect(res.json()).toEqual({
      login: 'wechat',
      subscribeTemplates: { submit: ['tpl-reply', 'tpl-progress'], rating: ['tpl-progress'] },
      demoResident: false,
    });
  });
});

describe('WeChat routes in preview mode (no AppID)', () => {
  let sut: TestApp;
  const startupLines: string[] = [];

  beforeAll(async () => {
    const spy = jest
      .spyOn(Logger.prototype, 'warn')
      .mockImplementation((...args: unknown[]) => void startupLines.push(args.map(String).join(' ')));
    try {
      sut = await startTestApp('sqlite');
    } finally {
      spy.mockRestore();
    }
  });

  it('warns at start-up, in one line, that it runs in preview mode with the preview login open', () => {
    expect(startupLines.filter((line) => line.includes('preview mode'))).toEqual([
      expect.stringMatching(/PREVIEW LOGIN ON: anyone who reaches this service can open resident accounts without WeChat/),
    ]);
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('tells the mini-program to use the preview login, with no templates', async () => {
    const res = await sut.app.inject({ method: 'GET', url: '/api/v1/client-config' });
    expect(res.json()).toEqual({ login: 'preview', subscribeTemplates: { submit: [], rating: [] }, demoResident: false });
  });

  it('answers the WeChat login and phone number with 503 WECHAT_NOT_CONFIGURED', async () => {
    const loginRes = await sut.app.inject({ method: 'POST', url: '/api/v1/auth/wechat/login', payload: { code: 'abc' } });
    expect([loginRes.statusCode, errorCode(loginRes.json())]).toEqual([503, 'WECHAT_NOT_CONFIGURED']);
    const preview = await sut.app.inject({ method: 'POST', url: '/api/v1/auth/preview/login', payload: { nickname: '王阿姨' } });
    const token = (preview.json() as { token: string }).token;
    const phone = await sut.app.inject({
      method: 'POST',
      url: '/api/v1/auth/wechat/phone',
      payload: { code: 'abc' },
      headers: { authorization: `Bearer ${token}` },
    });
    expect([phone.statusCode, errorCode(phone.json())]).toEqual([503, 'WECHAT_NOT_CONFIGURED']);
  });
});
