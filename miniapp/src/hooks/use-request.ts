import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '@manyi/shared';

import { toApiError } from '../services/api-error';

export interface UseRequestResult<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** Runs the loader again (the 重试 button). */
  reload: () => void;
}

interface Settled<T> {
  /** Which run produced this state; `loading` is "the current run has not settled yet". */
  runId: string | undefined;
  data: T | undefined;
  error: ApiError | undefined;
}

/**
 * Runs `load` when the component mounts, again whenever `key` changes, and on `reload()`.
 * Only the latest run may update the state: an answer that arrives after a newer run started, or
 * after unmount, is dropped. Data from the last success is kept while reloading and after a failed
 * reload, so the view can keep showing it.
 */
export function useRequest<T>(load: () => Promise<T>, key?: string | number): UseRequestResult<T> {
  // The latest loader is kept in a ref so callers can pass an inline function without restarting
  // the request on every render; `key` is what says "the question changed".
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  }, [load]);

  const [attempt, setAttempt] = useState(0);
  const runId = `${String(key)}#${attempt}`;
  const [settled, setSettled] = useState<Settled<T>>({ runId: undefined, data: undefined, error: undefined });

  useEffect(() => {
    let latest = true;
    loadRef.current().then(
      (data) => {
        if (latest) setSettled({ runId, data, error: undefined });
      },
      (error: unknown) => {
        if (latest) setSettled((previous) => ({ runId, data: previous.data, error: toApiError(error) }));
      },
    );
    return () => {
      latest = false;
    };
  }, [runId]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  const loading = settled.runId !== runId;
  return { data: settled.data, error: loading ? undefined : settled.error, loading, reload };
}
