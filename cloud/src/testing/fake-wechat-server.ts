import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for api.weixin.qq.com: a real HTTP server on an ephemeral port with WeChat's paths,
 * JSON shapes and error codes, so the service's one WeChat client is exercised over the network exactly
 * as in production. Tests script it: who a login code belongs to, what a text check answers, and
 * one-off failures (an errcode, a 502, a dropped connection) for the next calls to a path.
 */
export const FAKE_APPID = 'wx0123456789abcdef';
export const FAKE_SECRET = '0123456789abcdef0123456789abcdef';

export interface FakeCall {
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown> | null;
}

/** A scripted answer for one call: WeChat's own error JSON, an HTTP failure, or a cut connection. */
export type FakeFailure = { errcode: number; errmsg?: string } | { httpStatus: number } | 'drop';

export interface FakeWechatUser {
  openid: string;
  unionid?: string;
}

export class FakeWechatServer {
  readonly calls: FakeCall[] = [];
  /** js_code → the user it logs in; a code is single use, as WeChat's are. */
  private readonly codes = new Map<string, FakeWechatUser>();
  private readonly usedCodes = new Set<string>();
  /** getPhoneNumber button code → the number. */
  private readonly phoneCodes = new Map<string, string>();
  /** Text containing the key gets this verdict; anything else passes. */
  private readonly textVerdicts = new Map<string, 'review' | 'risky'>();
  private readonly failures = new Map<string, FakeFailure[]>();
  /** openid → template ids the user still has a consent for on WeChat's side; unknown users accept everything. */
  private readonly wechatConsents = new Map<string, string[]>();
  private validToken: { token: string; expiresAt: number } | null = null;
  private tokenSeq = 0;
  /** How long a fresh token lives, in seconds (WeChat: 7200). */
  tokenLifetime = 7200;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeWechatServer> {
    const handlers: { fake?: FakeWechatServer } = {};
    const server = createServer((req, res) => void handlers.fake!.handle(req, res));
    const fake = new FakeWechatServer(server);
    handlers.fake = fake;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** The value for WECHAT_API_BASE. */
  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The settings a service under test needs to talk to this server. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return { WECHAT_APPID: FAKE_APPID, WECHAT_SECRET: FAKE_SECRET, WECHAT_API_BASE: this.baseUrl, ...extra };
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** A fresh wx.login code for this user. */
  loginCode(user: FakeWechatUser): string {
    const code = `code-${randomBytes(6).toString('hex')}`;
    this.codes.set(code, user);
    return code;
  }

  phoneCode(phoneNumber: string): string {
    const code = `phone-${randomBytes(6).toString('hex')}`;
    this.phoneCodes.set(code, phoneNumber);
    return code;
  }

  judgeText(containing: string, suggest: 'review' | 'risky'): void {
    this.textVerdicts.set(containing, suggest);
  }

  /** The next calls to `path` answer these, in order; later calls behave normally again. */
  failNext(path: string, ...failures: FakeFailure[]): void {
    this.failures.set(path, [...(this.failures.get(path) ?? []), ...failures]);
  }

  /** The user revoked (or never gave) consent on WeChat's side for these templates: sends answer 43101. */
  revokeConsents(openid: string, keep: string[] = []): void {
    this.wechatConsents.set(openid, keep);
  }

  /** The current token stops working at once, as when another party forced a refresh (answers 40001). */
  invalidateToken(): void {
    this.validToken = null;
  }

  callsTo(path: string): FakeCall[] {
    return this.calls.filter((c) => c.path === path);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: Record<string, unknown> | null = null;
    if (raw) {
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return this.json(res, { errcode: 47001, errmsg: 'data format error' });
      }
    }
    const call: FakeCall = { path: url.pathname, query: Object.fromEntries(url.searchParams), body };
    this.calls.push(call);

    const failure = this.failures.get(url.pathname)?.shift();
    if (failure === 'drop') return void req.socket.destroy();
    if (failure && 'httpStatus' in failure) {
      res.writeHead(failure.httpStatus, { 'content-type': 'text/html' });
      return void res.end('<html>bad gateway</html>');
    }
    if (failure) return this.json(res, { errmsg: 'scripted', ...failure });

    switch (`${req.method} ${url.pathname}`) {
      case 'GET /sns/jscode2session':
        return this.code2Session(res, call.query);
      case 'POST /cgi-bin/stable_token':
        return this.stableToken(res, body ?? {});
    }
    const tokenError = this.checkToken(call.query.access_token);
    if (tokenError) return this.json(res, tokenError);
    switch (`${req.method} ${url.pathname}`) {
      case 'POST /wxa/business/getuserphonenumber': {
        const phone = this.phoneCodes.get(String(body?.code));
        if (!phone) return this.json(res, { errcode: 40029, errmsg: 'invalid code' });
        this.phoneCodes.delete(String(body?.code));
        return this.json(res, {
          errcode: 0,
          errmsg: 'ok',
          phone_info: { phoneNumber: phone, purePhoneNumber: phone, countryCode: '86', watermark: { appid: FAKE_APPID, timestamp: 0 } },
        });
      }
      case 'POST /cgi-bin/message/subscribe/send': {
        const openid = String(body?.touser);
        const kept = this.wechatConsents.get(openid);
        if (kept && !kept.includes(String(body?.template_id)))
          return this.json(res, { errcode: 43101, errmsg: 'user refuse to accept the msg' });
        return this.json(res, { errcode: 0, errmsg: 'ok', msgid: this.calls.length });
      }
      case 'POST /wxa/msg_sec_check': {
        if (body?.version !== 2 || typeof body.openid !== 'string' || typeof body.content !== 'string') {
          return this.json(res, { errcode: 40003, errmsg: 'invalid openid or arguments' });
        }
        const content = body.content;
        const verdict = [...this.textVerdicts].find(([key]) => content.includes(key))?.[1] ?? 'pass';
        return this.json(res, {
          errcode: 0,
          errmsg: 'ok',
          trace_id: randomBytes(8).toString('hex'),
          result: { suggest: verdict, label: verdict === 'pass' ? 100 : 20003 },
          detail: [],
        });
      }
      case 'POST /wxa/media_check_async':
        return this.json(res, { errcode: 0, errmsg: 'ok', trace_id: `trace-${randomBytes(8).toString('hex')}` });
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  }

  private code2Session(res: ServerResponse, q: Record<string, string>): void {
    if (q.appid !== FAKE_APPID) return this.json(res, { errcode: 40013, errmsg: 'invalid appid' });
    if (q.secret !== FAKE_SECRET) return this.json(res, { errcode: 40125, errmsg: 'invalid appsecret' });
    if (q.grant_type !== 'authorization_code') return this.json(res, { errcode: 40002, errmsg: 'invalid grant_type' });
    const user = this.codes.get(q.js_code ?? '');
    if (!user || this.usedCodes.has(q.js_code!)) return this.json(res, { errcode: 40029, errmsg: 'invalid code' });
    this.usedCodes.add(q.js_code!);
    this.json(res, {
      openid: user.openid,
      session_key: `sk-${randomBytes(12).toString('base64')}`,
      ...(user.unionid ? { unionid: user.unionid } : {}),
    });
  }

  private stableToken(res: ServerResponse, body: Record<string, unknown>): void {
    if (body.grant_type !== 'client_credential') return this.json(res, { errcode: 40002, errmsg: 'invalid grant_type' });
    if (body.appid !== FAKE_APPID) return this.json(res, { errcode: 40013, errmsg: 'invalid appid' });
    if (body.secret !== FAKE_SECRET) return this.json(res, { errcode: 40125, errmsg: 'invalid appsecret' });
    const now = Date.now();
    // Like WeChat's stable token: the same token while it is valid, unless a refresh is forced.
    if (!this.validToken || this.validToken.expiresAt <= now || body.force_refresh === true) {
      this.validToken = { token: `token-${++this.tokenSeq}-${randomBytes(4).toString('hex')}`, expiresAt: now + this.tokenLifetime * 1000 };
    }
    this.json(res, { access_token: this.validToken.token, expires_in: Math.round((this.validToken.expiresAt - now) / 1000) });
  }

  private checkToken(token: string | undefined): { errcode: number; errmsg: string } | null {
    if (!token) return { errcode: 41001, errmsg: 'access_token missing' };
    if (this.validToken && token === this.validToken.token) {
      return this.validToken.expiresAt > Date.now() ? null : { errcode: 42001, errmsg: 'access_token expired' };
    }
    return { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' };
  }

  private json(res: ServerResponse, body: unknown): void {
    // WeChat answers 200 with errcode in the body, even for errors.
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  }
}
