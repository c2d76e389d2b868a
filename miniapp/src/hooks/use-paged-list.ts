import type { Page, ApiError } from '@manyi/shared';
import { useCallback, useMemo, useState } from 'react';

import { toApiError } from '../services/api-error';
import { useRequest, type UseRequestResult } from './use-request';

export interface UsePagedListResult<T> {
  /** The first page, with the loading/error/reload that RequestView shows; reload() is also pull-to-refresh. */
  result: UseRequestResult<Page<T>>;
  /** The first page and every page loaded after it, in order. */
  items: T[];
  hasMore: boolean;
  loadingMore: boolean;
  moreError: ApiError | undefined;
  /** Loads the page after the last one (reaching the bottom, or 加载更多); does nothing while one is loading. */
  loadMore: () => void;
}

interface More<T> {
  /** The first page these follow; a reload makes a new first page and drops them. */
  after: Page<T> | undefined;
  items: T[];
  nextCursor: string | null;
}

/**
 * A list the service pages with `nextCursor` (news, visits, my concerns, my sign-ups). `key` says the
 * question changed (another street, other search words): the list starts again from its first page.
 * A page that arrives after the list was reloaded or its key changed is dropped.
 */
export function usePagedList<T>(load: (cursor?: string) => Promise<Page<T>>, key?: string | number): UsePagedListResult<T> {
  const result = useRequest(() => load(), key);
  const first = result.data;
  const [more, setMore] = useState<More<T>>({ after: undefined, items: [], nextCursor: null });
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<ApiError>();

  const current = useMemo<More<T>>(
    () => (more.after === first && first !== undefined ? more : { after: first, items: [], nextCursor: first?.nextCursor ?? null }),
    [more, first],
  );

  const loadMore = useCallback(() => {
    const cursor = current.nextCursor;
    if (!cursor || loadingMore || result.loading) return;
    setLoadingMore(true);
    setMoreError(undefined);
    load(cursor).then(
      (page) => {
        // If the first page was reloaded meanwhile, `after` no longer matches it and this page is ignored.
        setMore({ after: current.after, items: [...current.items, ...page.items], nextCursor: page.nextCursor });
        setLoadingMore(false);
      },
      (error: unknown) => {
        setMoreError(toApiError(error));
        setLoadingMore(false);
      },
    );
  }, [current, load, loadingMore, result.loading]);

  return {
    result,
    items: [...(first?.items ?? []), ...current.items],
    hasMore: current.nextCursor !== null,
    loadingMore,
    moreError,
    loadMore,
  };
}
