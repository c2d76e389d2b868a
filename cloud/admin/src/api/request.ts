import { ApiError, CLIENT_ERROR_CODES } from './api-error';
import { clearSession, getToken, requirePasswordChange } from './session';

// The only caller of fetch. Everything else goes through `request()` (JSON) or `requestBlob()` (photos):
//   - prefixes /api/v1 and builds the query string (arrays become repeated keys),
//   - adds `Authorization: Bearer <token>` while a session is stored,
//   - returns the parsed JSON of a 2xx answer,
//   - throws ApiError for everything else, keeping the service's `{ error: { code, message, details } }`,
//   - on a 401 from a signed-in call ends the session, which sends the page back to the login form.
// Deliberately left out: retries (a staff action is not safe to repeat blindly: the second one is a 409).

export const API_BASE = '/api/v1';

export type QueryValue = string | number | boolean | null | undefined | readonly string[];

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Record<string, QueryValue>;
  /** Sent as JSON; a FormData (a photo upload) is sent as multipart as it is. */
  body?: unknown;
  signal?: AbortSignal;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options, 'application/json');
  if (response.status === 204) return null as T;
  const text = await response.text();
  return (text === '' ? null : JSON.parse(text)) as T;
}

/** A protected binary (a photo): fetched with the bearer header, since an <img src> cannot carry one. */
export async function requestBlob(
  path: string,
  signal?: AbortSignal,
  { query, accept = 'image/*' }: { query?: Record<string, QueryValue>; accept?: string } = {},
): Promise<Blob> {
  const response = await send(path, { signal, query }, accept);
  return response.blob();
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, item);
    else params.append(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path.startsWith('/') ? path : `/${path}`}${search ? `?${search}` : ''}`;
}

async function send(path: string, { method = 'GET', query, body, signal }: RequestOptions, accept: string): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept };
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  const multipart = typeof FormData !== 'undefined' && body instanceof FormData;
  if (body !== undefined && !multipart) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), {
      method,
      headers,
      body: body === undefined ? undefined : multipart ? (body as FormData) : JSON.stringify(body),
      signal,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError({ code: CLIENT_ERROR_CODES.network, status: 0, message: '网络连接失败，请检查网络后重试', details: String(cause) });
  }
  if (response.ok) return response;

  const error = await responseError(response);
  // A stale or revoked token: the session is over. (A wrong password at login is a 401 too, without a token.)
  if (response.status === 401 && token) clearSession();
  // A temporary or expired password: the session may only change it, so the page shows that form.
  if (token && error.code === 'PASSWORD_CHANGE_REQUIRED') requirePasswordChange('temporary');
  if (token && error.code === 'PASSWORD_EXPIRED') requirePasswordChange('expired');
  throw error;
}

async function responseError(response: Response): Promise<ApiError> {
  const data = parseJson(await response.text().catch(() => ''));
  const envelope = isRecord(data) && isRecord(data.error) ? data.error : undefined;
  if (envelope && typeof envelope.code === 'string' && envelope.code !== '') {
    return new ApiError({
      code: envelope.code,
      status: response.status,
      message: typeof envelope.message === 'string' && envelope.message !== '' ? envelope.message : fallbackMessage(response.status),
      details: envelope.details,
    });
  }
  return new ApiError({
    code: CLIENT_ERROR_CODES.unexpectedResponse,
    status: response.status,
    message: fallbackMessage(response.status),
    details: data,
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
