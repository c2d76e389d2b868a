import Taro from '@tarojs/taro';

// Scripted answers for the mocked Taro.request, shaped like what weapp and h5 really resolve
// with (any HTTP status resolves) or reject with (no response at all).

type RequestResult = Taro.request.SuccessCallbackResult<string | TaroGeneral.IAnyObject | ArrayBuffer>;

export const requestMock = Taro.request as unknown as jest.Mock<Promise<RequestResult>, [Taro.request.Option]>;

export function answerWith(statusCode: number, data: string | TaroGeneral.IAnyObject | null): void {
  // null is what h5 resolves with for an empty body; the typings do not admit it.
  requestMock.mockResolvedValueOnce({
    statusCode,
    data: data as RequestResult['data'],
    header: {},
    errMsg: 'request:ok',
    cookies: [],
  });
}

export function failWith(errMsg: string): void {
  requestMock.mockRejectedValueOnce({ errMsg });
}

/** The options of the n-th Taro.request call (0-based). */
export function sentRequest(n = 0): Taro.request.Option {
  const call = requestMock.mock.calls[n];
  if (!call) throw new Error(`Taro.request was called ${requestMock.mock.calls.length} time(s), not ${n + 1}`);
  return call[0];
}
