import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@manyi/shared';
import { buildUrl, request } from './request';
import { readSession, saveSession } from './session';

const USER = { id: 1, username: 'dispatcher.xietu', displayName: '派单员', role: 'dispatcher' as const, streetId: 2, departmentId: null };

function answer(status: number, body: unknown) {
  return vi.fn().mockResolvedValue(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
}

describe('the request layer', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => vi.unstubAllGlobals());

  it('sends the bearer token of the session and returns the JSON answer', async () => {
    saveSession('tok-1', USER);
    const fetchMock = answer(200, { items: [], nextCursor: null });
    vi.stubGlobal('fetch', fetchMock);

    await expect(request('/admin/concerns', { query: { status: 'submitted', q: undefined } })).resolves.toEqual({
      items: [],
      nextCursor: null,
    });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/v1/admin/concerns?status=submitted');
    expect((init as RequestInit).headers).toMatchObject({ Authorization: 'Bearer tok-1' });
  });

  it('turns the error envelope into an ApiError with the service code and message', async () => {
    saveSession('tok-1', USER);
    vi.stubGlobal('fetch', answer(409, { error: { code: 'CONCERN_CHANGED', message: '诉求已被他人处理，请刷新后再试' } }));

    const error = await request('/admin/concerns/1/accept', { method: 'POST', body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'CONCERN_CHANGED', status: 409, message: '诉求已被他人处理，请刷新后再试' });
    expect(readSession()?.token).toBe('tok-1');
  });

  it('ends the session on a 401 to a signed-in call', async () => {
    saveSession('expired', USER);
    vi.stubGlobal('fetch', answer(401, { error: { code: 'TOKEN_EXPIRED', message: '登录已过期，请重新登录' } }));

    await expect(request('/admin/whoami')).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
    expect(readSession()).toBeNull();
  });

  it('gives a network failure its own code and a Chinese message', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    await expect(request('/streets')).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
      status: 0,
      message: '网络连接失败，请检查网络后重试',
    });
  });

  it('repeats a key for a list and leaves out empty values', () => {
    expect(buildUrl('/x', { status: ['a', 'b'], q: '', n: 2, flag: false, none: null })).toBe('/api/v1/x?status=a&status=b&n=2&flag=false');
  });
});
