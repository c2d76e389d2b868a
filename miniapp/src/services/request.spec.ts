import { ApiError } from '@manyi/shared';
import { answerWith, failWith, sentRequest } from '../../test/taro-request';
import { request } from './request';
import { clearToken, setToken } from './token-store';

describe(request.name, () => {
  it('returns the JSON body of a 2xx answer', async () => {
    answerWith(200, { items: [{ id: 1, code: 'xujiahui', name: '徐家汇街道' }] });

    const sut = await request<{ items: unknown[] }>('/api/v1/streets');

    expect(sut).toEqual({ items: [{ id: 1, code: 'xujiahui', name: '徐家汇街道' }] });
    expect(sentRequest().url).toBe('/api/v1/streets');
    expect(sentRequest().method).toBe('GET');
  });

  it('turns an error envelope into an ApiError with the server code, status, message and details', async () => {
    answerWith(404, { error: { code: 'CONCERN_NOT_FOUND', message: '诉求不存在', details: { id: 42 } } });

    const sut = await request('/api/v1/concerns/42').catch((error: unknown) => error);

    expect(sut).toBeInstanceOf(ApiError);
    expect(sut).toMatchObject({ code: 'CONCERN_NOT_FOUND', status: 404, message: '诉求不存在', details: { id: 42 } });
  });

  it('turns a non-2xx answer without an envelope into UNEXPECTED_RESPONSE with a Chinese message', async () => {
    answerWith(502, '<html>Bad Gateway</html>');

    const sut = await request('/api/v1/streets').catch((error: unknown) => error);

    expect(sut).toBeInstanceOf(ApiError);
    expect(sut).toMatchObject({ code: 'UNEXPECTED_RESPONSE', status: 502, message: '服务暂时不可用，请稍后再试' });
  });

  it('turns a network failure into NETWORK_ERROR with status 0 and a Chinese message', async () => {
    failWith('request:fail net::ERR_INTERNET_DISCONNECTED');

    const sut = await request('/api/v1/streets').catch((error: unknown) => error);

    expect(sut).toBeInstanceOf(ApiError);
    expect(sut).toMatchObject({ code: 'NETWORK_ERROR', status: 0, message: '网络连接失败，请检查网络后重试' });
  });

  it('reports a timeout as NETWORK_ERROR with a message that says it timed out', async () => {
    failWith('request:fail timeout');

    const sut = await request('/api/v1/streets').catch((error: unknown) => error);

    expect(sut).toMatchObject({ code: 'NETWORK_ERROR', status: 0, message: '网络请求超时，请稍后重试' });
  });

  it('adds the stored token as a bearer Authorization header', async () => {
    setToken('resident-token-1');
    answerWith(200, { items: [] });

    await request('/api/v1/concerns/mine');

    expect(sentRequest().header).toMatchObject({ Authorization: 'Bearer resident-token-1' });
  });

  it('sends no Authorization header when no token is stored', async () => {
    clearToken();
    answerWith(200, { items: [] });

    await request('/api/v1/streets');

    expect(sentRequest().header).not.toHaveProperty('Authorization');
  });

  it('sends a JSON body and leaves undefined query values out of the URL', async () => {
    answerWith(201, { id: 7, code: 'XH20261123-0007', status: 'submitted' });

    await request('/api/v1/concerns', {
      method: 'POST',
      query: { street: 'xietu', cursor: undefined, q: '电梯 加装' },
      body: { title: '加装电梯' },
      headers: { 'Idempotency-Key': 'k-1' },
    });

    expect(sentRequest()).toMatchObject({
      url: '/api/v1/concerns?street=xietu&q=%E7%94%B5%E6%A2%AF%20%E5%8A%A0%E8%A3%85',
      method: 'POST',
      data: { title: '加装电梯' },
      header: { 'Content-Type': 'application/json', 'Idempotency-Key': 'k-1' },
    });
  });
});
