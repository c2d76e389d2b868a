import type { ReactNode } from 'react';

import type { UseRequestResult } from '../hooks/use-request';
import { EmptyState } from './empty-state';
import { ErrorState } from './error-state';
import { LoadingState } from './loading-state';

export interface RequestViewProps<T> {
  result: UseRequestResult<T>;
  /** Renders the data once it is there (and not empty). */
  children: (data: T) => ReactNode;
  isEmpty?: (data: T) => boolean;
  loadingText?: string;
  emptyText?: string;
}

/**
 * The one place that decides between loading, error, empty and content, so every list in the
 * app behaves the same. Data already on screen stays during a reload and after a failed reload;
 * the placeholders are for when there is nothing to show.
 */
export function RequestView<T>({ result, children, isEmpty, loadingText, emptyText }: RequestViewProps<T>) {
  const { data, error, loading, reload } = result;
  if (data !== undefined && !isEmpty?.(data)) return <>{children(data)}</>;
  if (loading) return <LoadingState text={loadingText} />;
  if (error) return <ErrorState message={error.message} onRetry={reload} />;
  return <EmptyState text={emptyText} />;
}
