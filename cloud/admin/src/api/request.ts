import { networkError, parseJson, responseError } from '@manyi/shared';
import { clearSession, getToken, requirePasswordChange } from './session';

// The only caller of fetch. Everything else goes through `request()` (JSON) or `requestBlob()` (photos):
//   - prefixes /api/v1 and builds the query string (arrays become repeated keys),
//   - adds `Authorization: Bearer <token>` while a session is stored,
//   - returns the parsed JSON of a 2xx answer,
//   - throws ApiError for everything else, keeping the service's `{ error: { code, message, details } }`
//     (@manyi/shared's client core reads the answer; this file is only the fetch transport),
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
    throw networkError(cause);
  }
  if (response.ok) return response;

  const error = responseError(response.status, parseJson(await response.text().catch(() => '')));
  // A stale or revoked token: the session is over. (A wrong password at login is a 401 too, without a token.)
  if (response.status === 401 && token) clearSession();
  // A temporary or expired password: the session may only change it, so the page shows that form.
  if (token && error.code === 'PASSWORD_CHANGE_REQUIRED') requirePasswordChange('temporary');
  if (token && error.code === 'PASSWORD_EXPIRED') requirePasswordChange('expired');
  throw error;
}
