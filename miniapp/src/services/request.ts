import Taro from '@tarojs/taro';

import { ApiError, CLIENT_ERROR_CODES } from './api-error';
import { API_BASE, REQUEST_TIMEOUT_MS } from './config';
import { clearToken, getToken } from './token-store';

// The only caller of Taro.request. Everything else goes through `request()`, which
//   - prefixes the API base and builds the query string,
//   - adds `Authorization: Bearer <token>` when a session token is stored,
//   - returns the parsed JSON body of a 2xx answer,
//   - throws ApiError for everything else: the server's `{ error: { code, message, details } }`
//     keeps its code, any other failure gets a client code and a Chinese message.
//   - on a 401 clears the stored token (listeners show the login panel again) and still throws.
// Deliberately left out: retries. A POST is only safe to retry with an Idempotency-Key, which the
// caller passes in `headers` and keeps for its own 重试 (see hooks/use-submit-concern.ts).

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: HttpMethod;
  /** Appended to the URL; null and undefined values are left out. */
  query?: Record<string, QueryValue>;
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  timeout?: number;
}

/** What Taro.request's typings allow for a body; narrowed from `unknown` below, never trusted as is. */
type RawBody = string | TaroGeneral.IAnyObject | ArrayBuffer;

const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试';
const TIMEOUT_MESSAGE = '网络请求超时，请稍后重试';

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', query, body, headers = {}, timeout = REQUEST_TIMEOUT_MS } = options;

  const header: Record<string, string> = { Accept: 'application/json', ...headers };
  const token = getToken();
  if (token) header.Authorization = `Bearer ${token}`;
  if (body !== undefined) header['Content-Type'] = 'application/json';

  let statusCode: number;
  let data: unknown;
  try {
    // Taro serialises `data` itself: JSON for our Content-Type, the query string for a GET.
    const response = await Taro.request<RawBody, RawBody>({
      url: buildUrl(path, query),
      method,
      header,
      data: body as RawBody | undefined,
      dataType: 'json',
      timeout,
    });
    statusCode = response.statusCode;
    data = response.data;
  } catch (cause) {
    throw networkError(cause);
  }

  if (statusCode === 401 && token) clearToken('expired');
  if (statusCode >= 200 && statusCode < 300) {
    // 204 and empty bodies come back as null ('' on some platforms): there is nothing to unwrap.
    return (data === '' ? null : data) as T;
  }
  throw responseError(statusCode, data);
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const pairs = Object.entries(query ?? {})
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined && entry[1] !== null)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  const url = `${API_BASE}${path.startsWith('/') ? path : `/${path}`}`;
  if (pairs.length === 0) return url;
  return `${url}${url.includes('?') ? '&' : '?'}${pairs.join('&')}`;
}

export function responseError(status: number, data: unknown): ApiError {
  const envelope = readErrorEnvelope(data);
  if (envelope) {
    return new ApiError({
      code: envelope.code,
      status,
      message: envelope.message ?? fallbackMessage(status),
      details: envelope.details,
    });
  }
  return new ApiError({
    code: CLIENT_ERROR_CODES.unexpectedResponse,
    status,
    message: fallbackMessage(status),
    details: data,
  });
}

interface ErrorEnvelope {
  code: string;
  message?: string;
  details?: unknown;
}

function readErrorEnvelope(data: unknown): ErrorEnvelope | undefined {
  // Some weapp base libraries hand back the raw text when they could not parse it.
  const parsed = typeof data === 'string' ? parseJson(data) : data;
  if (!isRecord(parsed) || !isRecord(parsed.error)) return undefined;
  const { code, message, details } = parsed.error;
  if (typeof code !== 'string' || code === '') return undefined;
  return { code, message: typeof message === 'string' && message !== '' ? message : undefined, details };
}

export function networkError(cause: unknown): ApiError {
  const text = errorText(cause);
  const timedOut = /timeout|timed out|abort/i.test(text);
  return new ApiError({
    code: CLIENT_ERROR_CODES.network,
    status: 0,
    message: timedOut ? TIMEOUT_MESSAGE : NETWORK_MESSAGE,
    details: text || undefined,
  });
}

function fallbackMessage(status: number): string {
  if (status === 401) return '请先登录';
  if (status === 403) return '没有权限进行此操作';
  if (status === 404) return '找不到请求的内容';
  if (status === 429) return '操作过于频繁，请稍后再试';
  if (status >= 500) return '服务暂时不可用，请稍后再试';
  return `请求失败（${status}），请稍后再试`;
}

/** weapp rejects with `{ errMsg }`, h5 with an Error (or fetch's TypeError). */
function errorText(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  if (isRecord(cause) && typeof cause.errMsg === 'string') return cause.errMsg;
  return typeof cause === 'string' ? cause : '';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
