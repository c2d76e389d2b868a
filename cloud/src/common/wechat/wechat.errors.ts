import { AppException } from '../errors/app.exception.js';

/**
 * WeChat answered with an errcode (HTTP 200, `{ errcode, errmsg }`): the call reached WeChat and was
 * refused. Callers decide what a code means for them (40029 on login is the resident's stale code).
 */
export class WechatApiError extends Error {
  override name = 'WechatApiError';

  constructor(
    readonly path: string,
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`WeChat ${path} answered errcode ${errcode}: ${errmsg}`);
  }
}

/** WeChat could not be reached, or stayed busy (-1, 5xx, a cut connection) after the retries. */
export class WechatUnavailableError extends Error {
  override name = 'WechatUnavailableError';

  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`WeChat ${path} unavailable: ${reason}`);
  }
}

/** WeChat's codes the service reacts to by name. */
export const WECHAT_ERRCODES = {
  BUSY: -1,
  INVALID_TOKEN: 40001,
  INVALID_OPENID: 40003,
  INVALID_TOKEN_FORMAT: 40014,
  INVALID_CODE: 40029,
  EXPIRED_TOKEN: 42001,
  RATE_LIMITED: 45011,
  RISKY_USER: 40226,
  NO_SUBSCRIPTION: 43101,
} as const;

/** An access token WeChat no longer accepts: refresh once and try again. */
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([
  WECHAT_ERRCODES.INVALID_TOKEN,
  WECHAT_ERRCODES.INVALID_TOKEN_FORMAT,
  WECHAT_ERRCODES.EXPIRED_TOKEN,
]);

/**
 * What a resident's request answers when WeChat refused or failed the call made on their behalf
 * (login, phone number): their stale code is a 400, WeChat's rate limit a 429, a flagged account a
 * 403, and anything on WeChat's or our side (busy, unreachable, wrong AppID/secret) a 503.
 */
export function residentFacingWechatError(error: unknown): AppException {
  if (error instanceof WechatApiError) {
    switch (error.errcode) {
      case WECHAT_ERRCODES.INVALID_CODE:
        return new AppException('WECHAT_CODE_INVALID');
      case WECHAT_ERRCODES.RATE_LIMITED:
        return new AppException('RATE_LIMITED', '微信登录过于频繁，请稍后再试');
      case WECHAT_ERRCODES.RISKY_USER:
        return new AppException('WECHAT_USER_BLOCKED');
      default:
        return new AppException('WECHAT_UNAVAILABLE');
    }
  }
  if (error instanceof WechatUnavailableError) return new AppException('WECHAT_UNAVAILABLE');
  if (error instanceof AppException) return error;
  throw error;
}
