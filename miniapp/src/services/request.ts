import Taro from '@tarojs/taro';

import { networkError, responseError } from '@manyi/shared';

import { API_BASE, REQUEST_TIMEOUT_MS } from './config';
import { clearToken, getToken } from './token-store';

// The only caller of Taro.request. Everything else goes through `request()`, which
//   - prefixes the API base and builds the query string,
//   - adds `Authorization: Bearer <token>` when a session token is stored,
//   - returns the parsed JSON body of a 2xx answer,
//   - throws ApiError for everything else: the server's `{ error: { code, message, details } }`
//     keeps its code, any other failure gets a client code and a Chinese message (@manyi/shared's
//     client core reads the answer; this file is only the Taro.request transport).
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
