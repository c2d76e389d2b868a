import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppException } from '../errors/app.exception.js';
import type { AppConfig, WechatConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { TOKEN_ERRCODES, WECHAT_ERRCODES, WechatApiError, WechatUnavailableError } from './wechat.errors.js';
import { WechatTokenStore } from './wechat-token.store.js';

/** Waits before the 2nd and 3rd try when WeChat is busy (-1), answers 5xx or cannot be reached. */
export const WECHAT_RETRY_DELAYS_MS = [200, 600];
const REQUEST_TIMEOUT_MS = 10_000;

export interface WechatIdentity {
  openid: string;
  unionid: string | null;
}

export type TextVerdict = 'pass' | 'review' | 'risky';

export interface SubscribeMessage {
  touser: string;
  templateId: string;
  /** The mini-program page the message opens, with its query (a deep link to the concern). */
  page: string;
  data: Record<string, { value: string }>;
}

/** Content-security scenes (场景): 1 资料, 2 评论, 3 论坛, 4 社交日志. */
export type ContentScene = 1 | 2 | 3 | 4;

interface WechatBody {
  errcode?: number;
  errmsg?: string;
}

/**
 * The service's one way to WeChat's server API. Its base URL is a setting, so production talks to
 * api.weixin.qq.com and the tests to a local fake. Busy answers (-1), 5xx and network failures are
 * tried again with back-off and then become WechatUnavailableError; any other errcode is a
 * WechatApiError for the caller to map. A call with an access token that WeChat refuses as invalid or
 * expired (40001/42001) gets one fresh token and one more try. The query string (secret, code, token)
 * and the session_key never reach a log.
 */
@Injectable()
export class WechatClient {
  private readonly logger = new Logger(WechatClient.name);
  private readonly settings: WechatConfig | null;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly tokens: WechatTokenStore,
  ) {
    this.settings = config.wechat;
  }

  /** False in preview mode (no AppID configured). */
  get configured(): boolean {
    return this.settings !== null;
  }

  /** 登录凭证校验: a wx.login code → the resident's openid (and unionid when the app is bound to an open platform account). */
  async code2Session(code: string): Promise<WechatIdentity> {
    const s = this.config();
    const answer = await this.call<{ openid?: string; unionid?: string; session_key?: string }>('GET', '/sns/jscode2session', {
      query: { appid: s.appId, secret: s.secret, js_code: code, grant_type: 'authorization_code' },
    });
    // The session_key decrypts the user's data on WeChat's behalf; this service has no use for it, so it is dropped here.
    const { session_key: sessionKey, ...rest } = answer;
    this.logger.debug({ wechat: { ...rest, session_key: sessionKey ? '[redacted]' : undefined } }, 'code2Session answered');
    if (!rest.openid) throw new WechatUnavailableError('/sns/jscode2session', 'answer without openid');
    return { openid: rest.openid, unionid: rest.unionid ?? null };
  }

  /** 手机号快速验证: the getPhoneNumber button's code → the number the user chose to share. */
  async phoneNumber(code: string): Promise<string> {
    const answer = await this.callWithToken<{ phone_info?: { phoneNumber?: string; purePhoneNumber?: string } }>(
      '/wxa/business/getuserphonenumber',
      { code },
    );
    const phone = answer.phone_info?.purePhoneNumber ?? answer.phone_info?.phoneNumber;
    if (!phone) throw new WechatUnavailableError('/wxa/business/getuserphonenumber', 'answer without phone_info');
    return phone;
  }

  /** 发送订阅消息; miniprogram_state comes from the settings. */
  async sendSubscribeMessage(message: SubscribeMessage): Promise<void> {
    await this.callWithToken('/cgi-bin/message/subscribe/send', {
      touser: message.touser,
      template_id: message.templateId,
      page: message.page,
      data: message.data,
      miniprogram_state: this.config().miniprogramState,
      lang: 'zh_CN',
    });
  }

  /** 文本内容安全识别 (version 2). errcode 0 only means the check ran; the verdict is result.suggest. */
  async checkText(openid: string, content: string, scene: ContentScene): Promise<{ suggest: TextVerdict; label: number }> {
    const answer = await this.callWithToken<{ result?: { suggest?: string; label?: number } }>('/wxa/msg_sec_check', {
      version: 2,
      openid,
      scene,
      content,
    });
    const suggest = answer.result?.suggest;
    if (suggest !== 'pass' && suggest !== 'review' && suggest !== 'risky') {
      throw new WechatUnavailableError('/wxa/msg_sec_check', 'answer without a verdict');
    }
    return { suggest, label: answer.result?.label ?? 0 };
  }

  /** 音视频内容安全识别 (asynchronous, version 2): the verdict comes later to the message-push callback with this trace_id. */
  async checkImageAsync(openid: string, mediaUrl: string, scene: ContentScene): Promise<string> {
    const answer = await this.callWithToken<{ trace_id?: string }>('/wxa/media_check_async', {
      media_url: mediaUrl,
      media_type: 2,
      version: 2,
      openid,
      scene,
    });
    if (!answer.trace_id) throw new WechatUnavailableError('/wxa/media_check_async', 'answer without trace_id');
    return answer.trace_id;
  }

  /** The current access token, fetched if needed: the settings check uses it to prove AppID and secret. */
  accessToken(): Promise<string> {
    return this.tokens.get(this.fetchToken);
  }

  /** 获取稳定版接口调用凭据. Not forced: a forced refresh is limited (about 20 a day) and invalidates the token for everyone. */
  private readonly fetchToken = async (): Promise<{ token: string; expiresIn: number }> => {
    const s = this.config();
    const answer = await this.call<{ access_token?: string; expires_in?: number }>('POST', '/cgi-bin/stable_token', {
      body: { grant_type: 'client_credential', appid: s.appId, secret: s.secret, force_refresh: false },
    });
    if (!answer.access_token || !answer.expires_in) throw new WechatUnavailableError('/cgi-bin/stable_token', 'answer without a token');
    this.logger.log({ expiresIn: answer.expires_in }, 'WeChat access token fetched');
    return { token: answer.access_token, expiresIn: answer.expires_in };
  };

  private async callWithToken<T>(path: string, body: Record<string, unknown>): Promise<T & WechatBody> {
    const token = await this.tokens.get(this.fetchToken);
    try {
      return await this.call<T>('POST', path, { query: { access_token: token }, body });
    } catch (error) {
      if (!(error instanceof WechatApiError && TOKEN_ERRCODES.has(error.errcode))) throw error;
      this.logger.warn({ path, errcode: error.errcode }, 'WeChat refused the access token; refreshing it once');
      const next = await this.tokens.replace(token, this.fetchToken);
      return this.call<T>('POST', path, { query: { access_token: next }, body });
    }
  }

  private async call<T>(
    method: 'GET' | 'POST',
    path: string,
    { query = {}, body }: { query?: Record<string, string>; body?: Record<string, unknown> },
  ): Promise<T & WechatBody> {
    const url = `${this.config().apiBase}${path}?${new URLSearchParams(query).toString()}`;
    let reason = '';
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await fetch(url, {
          method,
          headers: body ? { 'content-type': 'application/json' } : {},
          body: body ? JSON.stringify(body) : undefined,
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        if (res.status >= 500) {
          reason = `HTTP ${res.status}`;
        } else {
          const json = (await res.json()) as T & WechatBody;
          const errcode = json.errcode ?? 0;
          if (errcode === WECHAT_ERRCODES.BUSY) {
            reason = 'busy (-1)';
          } else if (errcode !== 0) {
            this.logger.warn({ path, errcode, errmsg: json.errmsg }, 'WeChat refused a call');
            throw new WechatApiError(path, errcode, json.errmsg ?? '');
          } else {
            return json;
          }
        }
      } catch (error) {
        if (error instanceof WechatApiError) throw error;
        reason = (error as Error).name === 'TimeoutError' ? 'timed out' : `unreachable (${(error as Error).message})`;
      }
      const delay = WECHAT_RETRY_DELAYS_MS[attempt];
      if (delay === undefined) {
        this.logger.warn({ path, reason, attempts: attempt + 1 }, 'WeChat unavailable');
        throw new WechatUnavailableError(path, reason);
      }
      await sleep(delay * (0.75 + Math.random() / 2));
    }
  }

  private config(): WechatConfig {
    if (!this.settings) throw new AppException('WECHAT_NOT_CONFIGURED');
    return this.settings;
  }
}
