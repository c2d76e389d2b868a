import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useEffect, useRef } from 'react';

import type { UsePagedListResult } from './use-paged-list';

/**
 * Ties a paged list to its page: pulling down reloads the first page (the spinner stays until it has
 * arrived), reaching the bottom loads the next one. The page's config sets enablePullDownRefresh.
 */
export function useListPage<T>(list: UsePagedListResult<T>): void {
  const latest = useRef(list);
  useEffect(() => {
    latest.current = list;
  });
  const refreshing = useRef(false);

  usePullDownRefresh(() => {
    refreshing.current = true;
    latest.current.result.reload();
  });
  useReachBottom(() => latest.current.loadMore());

  const { loading } = list.result;
  useEffect(() => {
    if (refreshing.current && !loading) {
      refreshing.current = false;
      void Taro.stopPullDownRefresh();
    }
  }, [loading]);
}
