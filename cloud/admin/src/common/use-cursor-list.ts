import type { Page } from '@manyi/shared';
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api/api-error';

export type FetchPage<Q, T> = (query: Q, cursor: string | null, signal?: AbortSignal) => Promise<Page<T>>;

interface Loaded<Q, T> {
  query: Q;
  version: number;
  items: T[];
  nextCursor: string | null;
}

/**
 * A list the service answers a page at a time (newest first, `nextCursor` for the next page): the first
 * page again whenever the query changes or reload() is called (an older answer arriving late is dropped),
 * further pages on loadMore() — asked with the query the shown pages were loaded with. `fetchPage` must be
 * stable (an endpoint of api or manageApi) and `query` a state value, so neither refetches by itself.
 */
export function useCursorList<Q, T>(query: Q, fetchPage: FetchPage<Q, T>) {
  const [version, setVersion] = useState(0);
  const [loaded, setLoaded] = useState<Loaded<Q, T> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [more, setMore] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    fetchPage(query, null, controller.signal)
      .then((page) => {
        setLoaded({ query, version, items: page.items, nextCursor: page.nextCursor });
        setError(null);
      })
      .catch((cause: unknown) => {
        if (controller.signal.aborted) return;
        setLoaded({ query, version, items: [], nextCursor: null });
        setError(errorMessage(cause));
      });
    return () => controller.abort();
  }, [query, version, fetchPage]);

  const loadMore = useCallback(async () => {
    if (!loaded?.nextCursor) return;
    setMore(true);
    try {
      const page = await fetchPage(loaded.query, loaded.nextCursor);
      setLoaded((prev) => (prev === loaded ? { ...prev, items: [...prev.items, ...page.items], nextCursor: page.nextCursor } : prev));
    } catch (cause) {
      setError(errorMessage(cause));
    } finally {
      setMore(false);
    }
  }, [loaded, fetchPage]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);

  return {
    items: loaded?.items ?? [],
    nextCursor: loaded?.nextCursor ?? null,
    /** True until the first page of the current query (and reload) has answered. */
    loading: loaded === null || loaded.query !== query || loaded.version !== version,
    error,
    /** For a page's own complaints (e.g. its filter form), shown in the same place. */
    setError,
    more,
    loadMore,
    reload,
  };
}
