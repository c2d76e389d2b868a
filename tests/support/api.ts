/** JSON calls to the running service's /api/v1, as the admin page or the mini-program make them. */

export type Json = Record<string, unknown>;

export interface ApiAnswer {
  status: number;
  body: Json;
}

export type ApiCall = (
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  token?: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<ApiAnswer>;

export function apiClient(baseUrl: () => string): ApiCall {
  return async (method, path, token, body, headers = {}) => {
    const response = await fetch(`${baseUrl()}/api/v1${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Json) : {} };
  };
}

/** The demo accounts' password (MANYI_DEMO=1, listed in the README). */
export const DEMO_PASSWORD = 'manyi-demo-2026';

export async function staffToken(api: ApiCall, username: string): Promise<string> {
  const login = await api('POST', '/auth/staff/login', undefined, { username, password: DEMO_PASSWORD });
  if (login.status !== 200) throw new Error(`staff login ${username} → ${login.status} ${JSON.stringify(login.body)}`);
  return login.body.token as string;
}
