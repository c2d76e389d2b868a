import type { ConcernSummaryView } from '@manyi/shared';

import { fetchMyConcerns } from '../services/concerns.api';
import { usePagedList, type UsePagedListResult } from './use-paged-list';

export type UseMyConcernsResult = UsePagedListResult<ConcernSummaryView>;

/** 我的诉求, newest first, with "load more" through the service's nextCursor. */
export function useMyConcerns(): UseMyConcernsResult {
  return usePagedList(fetchMyConcerns);
}
