import type { Page } from '@manyi/shared';
import { ApiError } from '@manyi/shared';
import { act, renderHook, waitFor } from '@testing-library/react';

import { usePagedList } from './use-paged-list';

type Load = (cursor?: string) => Promise<Page<string>>;

const page = (items: string[], nextCursor: string | null): Page<string> => ({ items, nextCursor });

describe(usePagedList.name, () => {
  it('loads the first page, then each next page by its cursor, and says when the list has ended', async () => {
    const load = jest
      .fn<ReturnType<Load>, Parameters<Load>>()
      .mockResolvedValueOnce(page(['一', '二'], 'c2'))
      .mockResolvedValueOnce(page(['三'], 'c3'))
      .mockResolvedValueOnce(page(['四'], null));
    const { result } = renderHook(() => usePagedList(load));

    await waitFor(() => expect(result.current.items).toEqual(['一', '二']));
    expect(result.current.hasMore).toBe(true);
    act(() => result.current.loadMore());
    await waitFor(() => expect(result.current.items).toEqual(['一', '二', '三']));
    act(() => result.current.loadMore());
    await waitFor(() => expect(result.current.items).toEqual(['一', '二', '三', '四']));

    expect(result.current.hasMore).toBe(false);
    expect(load.mock.calls).toEqual([[], ['c2'], ['c3']]);
    act(() => result.current.loadMore());
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('asks for a next page once while it is loading (reaching the bottom fires many times)', async () => {
    let answer!: (value: Page<string>) => void;
    const load = jest
      .fn<ReturnType<Load>, Parameters<Load>>()
      .mockResolvedValueOnce(page(['一'], 'c2'))
      .mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
    const { result } = renderHook(() => usePagedList(load));
    await waitFor(() => expect(result.current.hasMore).toBe(true));

    act(() => result.current.loadMore());
    act(() => result.current.loadMore());
    expect(result.current.loadingMore).toBe(true);
    await act(async () => answer(page(['二'], null)));

    expect(load).toHaveBeenCalledTimes(2);
    expect(result.current.items).toEqual(['一', '二']);
  });

  it('keeps what is shown when a next page fails, and loads it again on retry', async () => {
    const load = jest
      .fn<ReturnType<Load>, Parameters<Load>>()
      .mockResolvedValueOnce(page(['一'], 'c2'))
      .mockRejectedValueOnce(new ApiError({ code: 'NETWORK_ERROR', status: 0, message: '网络连接失败' }))
      .mockResolvedValueOnce(page(['二'], null));
    const { result } = renderHook(() => usePagedList(load));
    await waitFor(() => expect(result.current.hasMore).toBe(true));

    act(() => result.current.loadMore());
    await waitFor(() => expect(result.current.moreError?.code).toBe('NETWORK_ERROR'));
    expect(result.current.items).toEqual(['一']);
    act(() => result.current.loadMore());

    await waitFor(() => expect(result.current.items).toEqual(['一', '二']));
    expect(result.current.moreError).toBeUndefined();
    expect(load.mock.calls).toEqual([[], ['c2'], ['c2']]);
  });

  it('starts again from the first page when the question changes (another street, other search words)', async () => {
    const pages: Record<string, Page<string>[]> = {
      xujiahui: [page(['徐家汇 1'], 'x2'), page(['徐家汇 2'], null)],
      huajing: [page(['华泾 1'], null)],
    };
    const { result, rerender } = renderHook(
      ({ street }) => usePagedList((cursor?: string) => Promise.resolve(pages[street]![cursor ? 1 : 0]!), street),
      { initialProps: { street: 'xujiahui' } },
    );
    await waitFor(() => expect(result.current.items).toEqual(['徐家汇 1']));
    act(() => result.current.loadMore());
    await waitFor(() => expect(result.current.items).toEqual(['徐家汇 1', '徐家汇 2']));

    rerender({ street: 'huajing' });

    await waitFor(() => expect(result.current.items).toEqual(['华泾 1']));
    expect(result.current.hasMore).toBe(false);
  });

  it('drops the pages loaded after the first on pull-to-refresh (reload), showing the new first page', async () => {
    const load = jest
      .fn<ReturnType<Load>, Parameters<Load>>()
      .mockResolvedValueOnce(page(['旧 1'], 'c2'))
      .mockResolvedValueOnce(page(['旧 2'], null))
      .mockResolvedValueOnce(page(['新 1', '旧 1'], 'n2'));
    const { result } = renderHook(() => usePagedList(load));
    await waitFor(() => expect(result.current.hasMore).toBe(true));
    act(() => result.current.loadMore());
    await waitFor(() => expect(result.current.items).toEqual(['旧 1', '旧 2']));

    act(() => result.current.result.reload());

    await waitFor(() => expect(result.current.items).toEqual(['新 1', '旧 1']));
    expect(result.current.hasMore).toBe(true);
  });
});
