import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { call, CJK, errorOf, reportBody, staffSession, type Caller } from '../../testing/concern-fixtures.js';
import { FakeWechatServer } from '../../testing/fake-wechat-server.js';
import { phoneJpeg } from '../../testing/images.js';
import { photoUpload } from '../../testing/multipart.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_DATABASES } from '../../testing/test-databases.js';
import { Concern } from '../concerns/concern.entity.js';
import { Photo } from '../uploads/photo.entity.js';

const PUSH_TOKEN = 'manyiPushToken2026';
const PUBLIC_URL = 'https://manyi.example.gov.cn';

/** What WeChat signs a message push with: sha1 of token, timestamp and nonce, sorted. */
const sign = (timestamp: string, nonce: string, token = PUSH_TOKEN) =>
  createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');

describe.each(TEST_DATABASES)('content security on %s', (kind) => {
  let fake: FakeWechatServer;
  let sut: TestApp;
  let ds: DataSource;
  let resident: Caller & { id: number };
  let dispatcher: Caller;
  let seq = 0;

  beforeAll(async () => {
    fake = await FakeWechatServer.start();
    sut = await startTestApp(kind, fake.env({ WECHAT_PUSH_TOKEN: PUSH_TOKEN, MANYI_PUBLIC_URL: PUBLIC_URL }));
    ds = sut.app.get(DataSource);
    const login = await call(sut.app, 'POST', '/api/v1/auth/wechat/login', null, { code: fake.loginCode({ openid: `o-writer-${kind}` }) });
    const body = login.body as { token: string; resident: { id: number } };
    resident = { id: body.resident.id, authorization: `Bearer ${body.token}` };
    dispatcher = await staffSession(sut.app, 'dispatcher.content', 'dispatcher', 'xietu');
  });

  afterAll(async () => {
    await sut?.close();
    await fake?.stop();
  });

  const report = async (description: string) => {
    const body = await reportBody(sut.app, { description: `${description} #${++seq}` });
    return { body, res: await call(sut.app, 'POST', '/api/v1/concerns', resident, body) };
  };
  const staffDetail = async (id: number) => (await call(sut.app, 'GET', `/api/v1/admin/concerns/${id}`, dispatcher)).body;

  it('checks the report’s text with msg_sec_check version 2 for the resident, and stores a passed one unflagged', async () => {
    const { body, res } = await report('小区门口路灯坏了，晚上很黑。');
    expect(res.status).toBe(201);
    expect(fake.callsTo('/wxa/msg_sec_check').at(-1)!.body).toEqual({
      version: 2,
      openid: `o-writer-${kind}`,
      scene: 3,
      content: `${body.title as string}\n${body.description as string}`,
    });
    const detail = await staffDetail(res.body.id as number);
    expect(detail).toMatchObject({ contentReview: null, hiddenPhotoIds: [] });
  });

  it('refuses risky text with 422 and a kind Chinese message, storing nothing', async () => {
    fake.judgeText('骂人的话', 'risky');
    const before = await ds.getRepository(Concern).count();
    const { res } = await report('这里有一些骂人的话');
    expect([res.status, errorOf(res).code]).toEqual([422, 'CONTENT_REFUSED']);
    expect(errorOf(res).message).toMatch(CJK);
    expect(await ds.getRepository(Concern).count()).toBe(before);
  });

  it('accepts text WeChat wants a person to look at, flagged for the dispatcher', async () => {
    fake.judgeText('需要人工看看', 'review');
    const { res } = await report('这段内容需要人工看看');
    expect(res.status).toBe(201);
    expect((await staffDetail(res.body.id as number)).contentReview).toBe('review');
    // The resident's own view carries no staff-only flag.
    const mine = await call(sut.app, 'GET', `/api/v1/concerns/${res.body.id as number}`, resident);
    expect(mine.body).not.toHaveProperty('contentReview');
  });

  it('accepts the report and flags it for review when the check is unreachable', async () => {
    fake.failNext('/wxa/msg_sec_check', { errcode: -1 }, { httpStatus: 502 }, 'drop');
    const { res } = await report('楼下垃圾桶满了没人清理');
    expect(res.status).toBe(201);
    expect((await staffDetail(res.body.id as number)).contentReview).toBe('unchecked');
  });

  it('checks a question asked ahead of a visit: risky refused, doubtful flagged and carried to the concern it becomes', async () => {
    const editor = await staffSession(sut.app, 'editor.content', 'editor', 'xietu');
    const compoundId = (await reportBody(sut.app)).compoundId as number;
    const startsAt = new Date(Date.now() + 5 * 86_400_000);
    const published = await call(sut.app, 'POST', '/api/v1/admin/visits', editor, {
      title: '满意在徐汇 · 恒益居民区面对面',
      compoundId,
      place: '恒益居民区活动室',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
      participants: [{ name: '王主任', role: 'district_leader', title: '区领导' }],
      topics: ['加装电梯'],
      capacity: 30,
    });
    expect(published.status).toBe(201);
    const visitId = published.body.id as number;
    fake.judgeText('不文明的提问', 'risky');
    fake.judgeText('请领导看看这个', 'review');

    const refused = await call(sut.app, 'POST', `/api/v1/visits/${visitId}/questions`, resident, {
      addressedTo: 'district_leader',
      text: '这是一个不文明的提问，请删除',
    });
    expect([refused.status, errorOf(refused).code]).toEqual([422, 'CONTENT_REFUSED']);
    expect((await call(sut.app, 'GET', `/api/v1/visits/${visitId}`, resident)).body.questions).toEqual([]);

    const asked = await call(sut.app, 'POST', `/api/v1/visits/${visitId}/questions`, resident, {
      addressedTo: 'district_leader',
      text: '加装电梯的补贴怎么申请？请领导看看这个问题',
    });
    expect(asked.status).toBe(201);
    const { categoryId } = await reportBody(sut.app);
    const filed = await call(sut.app, 'POST', `/api/v1/admin/visits/${visitId}/questions/${asked.body.id as number}/concern`, editor, {
      categoryId,
      compoundId,
    });
    expect(filed.status).toBe(201);
    const concernId = (filed.body.concern as { id: number }).id;
    expect((await staffDetail(concernId)).contentReview).toBe('review');
  });

  it('hides a photo the image check calls risky from the resident, and keeps it for staff', async () => {
    const upload = await call(sut.app, 'POST', '/api/v1/uploads', resident, ...uploadArgs(await phoneJpeg(800, 600)));
    expect(upload.status).toBe(201);
    const photoId = upload.body.id as number;
    const check = fake.callsTo('/wxa/media_check_async').at(-1)!;
    expect(check.body).toMatchObject({
      media_type: 2,
      version: 2,
      openid: `o-writer-${kind}`,
      media_url: expect.stringContaining(PUBLIC_URL),
    });
    const photo = await ds.getRepository(Photo).findOneByOrFail({ id: photoId });
    expect(photo.mediaTraceId).toEqual(expect.any(String));

    // WeChat downloads the photo through the signed link, without a login; a forged signature gets nothing.
    const link = new URL(check.body!.media_url as string);
    const fetched = await sut.app.inject({ method: 'GET', url: `${link.pathname}${link.search}` });
    expect([fetched.statusCode, fetched.headers['content-type']]).toEqual([200, 'image/jpeg']);
    const forged = await sut.app.inject({ method: 'GET', url: `${link.pathname}?expires=${link.searchParams.get('expires')}&sig=forged` });
    expect(forged.statusCode).toBe(404);

    const { body } = await report('楼道里堆满了杂物');
    const submitted = await call(sut.app, 'POST', '/api/v1/concerns', resident, {
      ...body,
      description: `${body.description as string}（附照片）`,
      photoIds: [photoId],
    });
    expect(submitted.status).toBe(201);
    const concernId = submitted.body.id as number;

    const timestamp = String(Math.floor(Date.now() / 1000));
    const verdict = {
      ToUserName: 'gh_x',
      FromUserName: 'o',
      CreateTime: Number(timestamp),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: 'wx0123456789abcdef',
      trace_id: photo.mediaTraceId,
      version: 2,
      result: { suggest: 'risky', label: 20002 },
    };
    const pushed = await sut.app.inject({
      method: 'POST',
      url: `/api/v1/wechat/callback?signature=${sign(timestamp, 'n1')}&timestamp=${timestamp}&nonce=n1`,
      payload: verdict,
    });
    expect([pushed.statusCode, pushed.body]).toEqual([200, 'success']);
    expect((await ds.getRepository(Photo).findOneByOrFail({ id: photoId })).hidden).toBe(true);

    expect((await call(sut.app, 'GET', `/api/v1/uploads/${photoId}`, resident)).status).toBe(404);
    expect((await call(sut.app, 'GET', `/api/v1/uploads/${photoId}/thumbnail`, resident)).status).toBe(404);
    expect((await call(sut.app, 'GET', `/api/v1/concerns/${concernId}`, resident)).body.photoIds).toEqual([]);
    const staff = await staffDetail(concernId);
    expect(staff).toMatchObject({ photoIds: [photoId], hiddenPhotoIds: [photoId] });
    expect((await call(sut.app, 'GET', `/api/v1/uploads/${photoId}`, dispatcher)).status).toBe(200);
  });

  it('refuses a message push with a bad or missing signature, changing nothing, and reads a signed one sent as JSON or as text', async () => {
    const upload = await call(sut.app, 'POST', '/api/v1/uploads', resident, ...uploadArgs(await phoneJpeg(400, 300)));
    const photo = await ds.getRepository(Photo).findOneByOrFail({ id: upload.body.id as number });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const verdict = { Event: 'wxa_media_check', trace_id: photo.mediaTraceId, result: { suggest: 'risky', label: 20002 } };
    for (const query of [
      `signature=${sign(timestamp, 'n2', 'wrongToken')}&timestamp=${timestamp}&nonce=n2`,
      `signature=${sign(timestamp, 'n2')}&timestamp=${timestamp}&nonce=other`,
      '',
    ]) {
      const res = await sut.app.inject({ method: 'POST', url: `/api/v1/wechat/callback?${query}`, payload: verdict });
      expect([res.statusCode, (res.json() as { error: { code: string } }).error.code]).toEqual([401, 'WECHAT_SIGNATURE_INVALID']);
    }
    expect((await ds.getRepository(Photo).findOneByOrFail({ id: photo.id })).hidden).toBe(false);
    // A 'pass' verdict with a good signature leaves the photo visible.
    const pass = await sut.app.inject({
      method: 'POST',
      url: `/api/v1/wechat/callback?signature=${sign(timestamp, 'n3')}&timestamp=${timestamp}&nonce=n3`,
      payload: { ...verdict, result: { suggest: 'pass', label: 100 } },
    });
    expect(pass.statusCode).toBe(200);
    expect((await ds.getRepository(Photo).findOneByOrFail({ id: photo.id })).hidden).toBe(false);
    // The same JSON sent as text/plain is read too: a risky verdict that way hides the photo.
    const asText = await sut.app.inject({
      method: 'POST',
      url: `/api/v1/wechat/callback?signature=${sign(timestamp, 'n4')}&timestamp=${timestamp}&nonce=n4`,
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({ ...verdict, result: { suggest: 'risky', label: 20002 } }),
    });
    expect([asText.statusCode, asText.body]).toEqual([200, 'success']);
    expect((await ds.getRepository(Photo).findOneByOrFail({ id: photo.id })).hidden).toBe(true);
  });

  it('refuses a signed push sent more than 5 minutes before or after now (a replay), changing nothing', async () => {
    const upload = await call(sut.app, 'POST', '/api/v1/uploads', resident, ...uploadArgs(await phoneJpeg(400, 300)));
    const photo = await ds.getRepository(Photo).findOneByOrFail({ id: upload.body.id as number });
    const verdict = { Event: 'wxa_media_check', trace_id: photo.mediaTraceId, result: { suggest: 'risky', label: 20002 } };
    const now = Math.floor(Date.now() / 1000);
    for (const timestamp of [String(now - 6 * 60), String(now + 6 * 60), 'soon']) {
      const res = await sut.app.inject({
        method: 'POST',
        url: `/api/v1/wechat/callback?signature=${sign(timestamp, 'r1')}&timestamp=${timestamp}&nonce=r1`,
        payload: verdict,
      });
      expect([res.statusCode, (res.json() as { error: { code: string } }).error.code]).toEqual([401, 'WECHAT_SIGNATURE_INVALID']);
    }
    expect((await ds.getRepository(Photo).findOneByOrFail({ id: photo.id })).hidden).toBe(false);
    // Four minutes off is a clock a little apart, not a replay.
    const late = String(now - 4 * 60);
    const res = await sut.app.inject({
      method: 'POST',
      url: `/api/v1/wechat/callback?signature=${sign(late, 'r2')}&timestamp=${late}&nonce=r2`,
      payload: verdict,
    });
    expect(res.statusCode).toBe(200);
    expect((await ds.getRepository(Photo).findOneByOrFail({ id: photo.id })).hidden).toBe(true);
  });

  it('answers the console’s URL check (GET with echostr) only when signed and fresh', async () => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const ok = await sut.app.inject({
      method: 'GET',
      url: `/api/v1/wechat/callback?signature=${sign(timestamp, 'e')}&timestamp=${timestamp}&nonce=e&echostr=hello123`,
    });
    expect([ok.statusCode, ok.body]).toEqual([200, 'hello123']);
    const bad = await sut.app.inject({
      method: 'GET',
      url: `/api/v1/wechat/callback?signature=0000&timestamp=${timestamp}&nonce=e&echostr=hello123`,
    });
    expect(bad.statusCode).toBe(401);
    const replayed = await sut.app.inject({
      method: 'GET',
      url: `/api/v1/wechat/callback?signature=${sign('1764400000', 'e')}&timestamp=1764400000&nonce=e&echostr=hello123`,
    });
    expect(replayed.statusCode).toBe(401);
  });

  it('reports the settings to an admin, proving AppID and secret with a token', async () => {
    const admin = await staffSession(sut.app, 'admin.wechat', 'admin');
    const res = await call(sut.app, 'GET', '/api/v1/admin/wechat/status', admin);
    expect(res.body).toMatchObject({
      mode: 'wechat',
      appId: 'wx0123456789abcdef',
      accessToken: 'ok',
      messagePushToken: 'set',
      publicUrl: PUBLIC_URL,
    });
    expect(JSON.stringify(res.body)).not.toContain('0123456789abcdef0123456789abcdef');
    expect((await call(sut.app, 'GET', '/api/v1/admin/wechat/status', dispatcher)).status).toBe(403);
  });
});

describe('content security in preview mode', () => {
  let sut: TestApp;
  let fake: FakeWechatServer;

  beforeAll(async () => {
    fake = await FakeWechatServer.start();
    // The fake runs, but preview mode (no AppID) must never call it.
    sut = await startTestApp('sqlite', { WECHAT_API_BASE: fake.baseUrl });
  });

  afterAll(async () => {
    await sut?.close();
    await fake?.stop();
  });

  it('skips the text and image checks and refuses every message push', async () => {
    const login = await call(sut.app, 'POST', '/api/v1/auth/preview/login', null, { nickname: '王阿姨' });
    const resident = { authorization: `Bearer ${(login.body as { token: string }).token}` };
    const upload = await call(sut.app, 'POST', '/api/v1/uploads', resident, ...uploadArgs(await phoneJpeg(400, 300)));
    expect(upload.status).toBe(201);
    const res = await call(sut.app, 'POST', '/api/v1/concerns', resident, await reportBody(sut.app, { photoIds: [upload.body.id] }));
    expect(res.status).toBe(201);
    expect(fake.calls).toEqual([]);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const push = await sut.app.inject({
      method: 'POST',
      url: `/api/v1/wechat/callback?signature=${sign(timestamp, 'p')}&timestamp=${timestamp}&nonce=p`,
      payload: {},
    });
    expect(push.statusCode).toBe(401);
  });
});

/** The payload and headers of a one-photo multipart upload, as `call` takes them. */
function uploadArgs(bytes: Buffer): [unknown, { headers: Record<string, string> }] {
  const { payload, headers } = photoUpload(bytes);
  return [payload, { headers }];
}
