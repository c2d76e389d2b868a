// Where the API lives, decided in this one place.
//
// - h5: '' → same origin. The cloud serves this build at /h5/, so `/api/v1/...` hits the same
//   service without CORS.
// - weapp: a mini-program has no origin; requests need an absolute URL. The default is the
//   local service for the WeChat devtools (with "不校验合法域名" / urlCheck off); a release
//   build must set TARO_APP_API_BASE to the registered https domain.
//
// TARO_APP_API_BASE is replaced at build time (config/index.ts `env`), so it is a plain
// string in the bundle; jest sees the real process.env.
const DEFAULT_WEAPP_API_BASE = 'http://localhost:3000';

function defaultApiBase(): string {
  return process.env.TARO_ENV === 'h5' ? '' : DEFAULT_WEAPP_API_BASE;
}

function withoutTrailingSlash(base: string): string {
  return base.replace(/\/+$/, '');
}

export const API_BASE: string = withoutTrailingSlash(process.env.TARO_APP_API_BASE || defaultApiBase());

export const REQUEST_TIMEOUT_MS = 15_000;

/** Storage key of the session token (written by the login flow, read by the request wrapper). */
export const TOKEN_STORAGE_KEY = 'manyi.token';

/** Storage key of the unsent report (all fields and its Idempotency-Key), so closing the app loses nothing. */
export const DRAFT_STORAGE_KEY = 'manyi.report-draft';

/** Storage key of the street picked on 资讯; the report form offers that street's compounds. */
export const STREET_STORAGE_KEY = 'manyi.street';

/** Storage key of 长者模式 (elderly mode: larger type, higher contrast). */
export const ELDERLY_MODE_STORAGE_KEY = 'manyi.elderly-mode';

/** Storage key of the answer to WeChat's privacy guide (h5 shows the same guide once). */
export const PRIVACY_AGREED_STORAGE_KEY = 'manyi.privacy-agreed';
