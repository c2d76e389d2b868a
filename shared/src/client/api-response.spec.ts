import { ApiError, CLIENT_ERROR_CODES, isApiError } from './api-error.js';
import { fallbackMessage, networkError, parseJson, responseError } from './api-response.js';

describe(responseError.name, () => {
  it('keeps the service code, status, message and details of an error envelope', () => {
    const sut = responseError(404, { error: { code: 'CONCERN_NOT_FOUND', message: '诉求不存在', details: { id: 42 } } });

    expect(sut).toBeInstanceOf(ApiError);
    expect(sut).toMatchObject({ name: 'ApiError', code: 'CONCERN_NOT_FOUND', status: 404, message: '诉求不存在', details: { id: 42 } });
  });

  it('reads an envelope that arrived as text', () => {
    const sut = responseError(409, JSON.stringify({ error: { code: 'CONCERN_CHANGED', message: '诉求已被他人处理，请刷新后再试' } }));

    expect(sut).toMatchObject({ code: 'CONCERN_CHANGED', status: 409, message: '诉求已被他人处理，请刷新后再试' });
  });

  it('passes an unknown code from a newer service through unchanged', () => {
    expect(responseError(400, { error: { code: 'SOMETHING_NEW', message: '新的错误' } }).code).toBe('SOMETHING_NEW');
  });

  it('gives an envelope without a message the fallback for its status', () => {
    expect(responseError(403, { error: { code: 'FORBIDDEN', message: '' } }).message).toBe('没有权限进行此操作');
  });

  it('turns an answer without an envelope into UNEXPECTED_RESPONSE with the body as details', () => {
    for (const body of ['<html>Bad Gateway</html>', undefined, { error: 'text' }, { error: { code: '' } }]) {
      const sut = responseError(502, body);
      expect(sut).toMatchObject({ code: CLIENT_ERROR_CODES.unexpectedResponse, status: 502, message: '服务暂时不可用，请稍后再试' });
      expect(sut.details).toBe(body);
    }
  });
});

describe(networkError.name, () => {
  it.each([
    [new TypeError('Failed to fetch'), 'Failed to fetch'],
    [{ errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED' }, 'request:fail net::ERR_INTERNET_DISCONNECTED'],
    ['offline', 'offline'],
  ])('gives a failure without an answer status 0 and a Chinese message (%p)', (cause, details) => {
    expect(networkError(cause)).toMatchObject({ code: 'NETWORK_ERROR', status: 0, message: '网络连接失败，请检查网络后重试', details });
  });

  it.each(['request:fail timeout', 'The operation timed out', 'request:fail abort'])('says when the request timed out (%p)', (errMsg) => {
    expect(networkError({ errMsg })).toMatchObject({ code: 'NETWORK_ERROR', status: 0, message: '网络请求超时，请稍后重试' });
  });

  it('leaves details out when the cause says nothing', () => {
    expect(networkError(null).details).toBeUndefined();
  });
});

describe(fallbackMessage.name, () => {
  it.each([
    [401, '请先登录'],
    [403, '没有权限进行此操作'],
    [404, '找不到请求的内容'],
    [429, '操作过于频繁，请稍后再试'],
    [500, '服务暂时不可用，请稍后再试'],
    [503, '服务暂时不可用，请稍后再试'],
    [418, '请求失败（418），请稍后再试'],
  ])('answers %p with %p', (status, message) => {
    expect(fallbackMessage(status)).toBe(message);
  });
});

describe(parseJson.name, () => {
  it('parses JSON and gives undefined for anything else', () => {
    expect(parseJson('{"a":1}')).toEqual({ a: 1 });
    expect(parseJson('null')).toBeNull();
    expect(parseJson('')).toBeUndefined();
    expect(parseJson('<html>')).toBeUndefined();
  });
});

describe(isApiError.name, () => {
  it('recognises an ApiError, optionally by code', () => {
    const error = new ApiError({ code: 'CONCERN_CHANGED', status: 409, message: '诉求已被他人处理，请刷新后再试' });

    expect(isApiError(error)).toBe(true);
    expect(isApiError(error, 'CONCERN_CHANGED')).toBe(true);
    expect(isApiError(error, 'CONFLICT')).toBe(false);
    expect(isApiError(new Error('x'))).toBe(false);
    expect(error).toBeInstanceOf(Error);
  });
});
