import type { ConcernSummaryView, Page } from '@manyi/shared';
import { useCallback, useMemo, useState } from 'react';

import { toApiError, type ApiError } from '../services/api-error';
import { fetchMyConcerns } from '../services/concerns.api';
import { useRequest, type UseRequestResult } from './use-request';

export interface UseMyConcernsResult {
  /** The first page, with the loading/error/reload that RequestView shows. */
  result: UseRequestResult<Page<ConcernSummaryView>>;
  /** The first page and every page loaded after it. */
  items: ConcernSummaryView[];
  hasMore: boolean;
  loadingMore: boolean;
  moreError: ApiError | undefined;
  loadMore: () => void;
}

interface More {
  /** The first page these follow; a reload makes a new first page and drops them. */
  after: Page<ConcernSummaryView> | undefined;
  items: ConcernSummaryView[];
  nextCursor: string | null;
}

/** 我的诉求, newest first, with "load more" through the service's nextCursor. */
export function useMyConcerns(): UseMyConcernsResult {
  const result = useRequest(() => fetchMyConcerns());
  const first = result.data;
  const [more, setMore] = useState<More>({ after: undefined, items: [], nextCursor: null });
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<ApiError>();

  const current = useMemo<More>(
    () => (more.after === first && first !== undefined ? more : { after: first, items: [], nextCursor: first?.nextCursor ?? null }),
    [more, first],
  );

  const loadMore = useCallback(() => {
    const cursor = current.nextCursor;
    if (!cursor || loadingMore) return;
    setLoadingMore(true);
    setMoreError(undefined);
    fetchMyConcerns(cursor).then(
      (page) => {
        setMore({ after: current.after, items: [...current.items, ...page.items], nextCursor: page.nextCursor });
        setLoadingMore(false);
      },
      (error: unknown) => {
        setMoreError(toApiError(error));
        setLoadingMore(false);
      },
    );
  }, [current, loadingMore]);

  return {
    result,
    items: [...(first?.items ?? []), ...current.items],
    hasMore: current.nextCursor !== null,
    loadingMore,
    moreError,
    loadMore,
  };
}
