import type { Page } from '@manyi/shared';
import { ApiError } from '@manyi/shared';
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useCursorList, type FetchPage } from './use-cursor-list';

interface Query {
  status?: string;
}

/** Pages of `per` numbered items for each status; the cursor is the next item's index. */
function fakeService(per: number, total: number) {
  return vi.fn<FetchPage<Query, string>>(async (query, cursor) => {
    const start = cursor === null ? 0 : Number(cursor);
    const end = Math.min(start + per, total);
    const items = Array.from({ length: end - start }, (_, i) => `${query.status ?? 'all'}-${start + i}`);
    return { items, nextCursor: end < total ? String(end) : null } satisfies Page<string>;
  });
}

describe(useCursorList.name, () => {
  it('loads the first page, appends the next with the same query, and stops at the last', async () => {
    const fetchPage = fakeService(2, 3);
    const query: Query = { status: 'draft' };
    const { result } = renderHook(() => useCursorList(query, fetchPage));
    expect(result.current.loading).toBe(true);
    await waitFor(() => expect(result.current.items).toEqual(['draft-0', 'draft-1']));
    expect(result.current.loading).toBe(false);
    expect(result.current.nextCursor).toBe('2');
    await act(() => result.current.loadMore());
    expect(result.current.items).toEqual(['draft-0', 'draft-1', 'draft-2']);
    expect(result.current.nextCursor).toBeNull();
    expect(fetchPage.mock.calls.map(([q, cursor]) => [q, cursor])).toEqual([
      [query, null],
      [query, '2'],
    ]);
  });

  it('starts again from the first page when the query changes or on reload', async () => {
    const fetchPage = fakeService(2, 5);
    const { result, rerender } = renderHook(({ query }) => useCursorList(query, fetchPage), { initialProps: { query: {} as Query } });
    await waitFor(() => expect(result.current.items).toEqual(['all-0', 'all-1']));
    await act(() => result.current.loadMore());
    rerender({ query: { status: 'held' } });
    expect(result.current.loading).toBe(true);
    await waitFor(() => expect(result.current.items).toEqual(['held-0', 'held-1']));
    act(() => result.current.reload());
    expect(result.current.loading).toBe(true);
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(fetchPage.mock.calls.map(([, cursor]) => cursor)).toEqual([null, '2', null, null]);
  });

  it("shows the service's message when a page fails, and clears it when a page loads", async () => {
    const fetchPage = vi
      .fn<FetchPage<Query, string>>()
      .mockRejectedValueOnce(new ApiError({ status: 403, code: 'FORBIDDEN', message: '无权查看' }));
    fetchPage.mockResolvedValue({ items: ['a'], nextCursor: null });
    const query: Query = {};
    const { result } = renderHook(() => useCursorList(query, fetchPage));
    await waitFor(() => expect(result.current.error).toBe('无权查看'));
    expect(result.current.items).toEqual([]);
    expect(result.current.loading).toBe(false);
    act(() => result.current.reload());
    await waitFor(() => expect(result.current.items).toEqual(['a']));
    expect(result.current.error).toBeNull();
  });
});
