import { act, renderHook, waitFor } from '@testing-library/react';
import { ApiError } from '@manyi/shared';

import { useRequest } from './use-request';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((res) => {
    resolve = res;
  });
  return { promise, resolve };
}

describe(useRequest.name, () => {
  it('keeps only the answer of the latest key when an older answer arrives late', async () => {
    const answers: Record<string, ReturnType<typeof deferred<string>>> = { a: deferred(), b: deferred() };
    const { result, rerender } = renderHook(({ key }) => useRequest(() => answers[key]!.promise, key), {
      initialProps: { key: 'a' },
    });

    rerender({ key: 'b' });
    await act(async () => answers.b!.resolve('street b'));
    await act(async () => answers.a!.resolve('street a'));

    expect(result.current).toMatchObject({ data: 'street b', loading: false, error: undefined });
  });

  it('exposes the ApiError of a failed load and loads again on reload', async () => {
    const load = jest
      .fn<Promise<string>, []>()
      .mockRejectedValueOnce(new ApiError({ code: 'NETWORK_ERROR', status: 0, message: '网络连接失败' }))
      .mockResolvedValueOnce('ok');
    const { result } = renderHook(() => useRequest(load));

    await waitFor(() => expect(result.current.error?.code).toBe('NETWORK_ERROR'));
    act(() => result.current.reload());

    await waitFor(() => expect(result.current).toMatchObject({ data: 'ok', error: undefined, loading: false }));
    expect(load).toHaveBeenCalledTimes(2);
  });
});
