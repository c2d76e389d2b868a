import { useDidShow } from '@tarojs/taro';
import { useEffect, useRef } from 'react';

import type { UseRequestResult } from './use-request';

/**
 * Loads again whenever the page comes back into view (from a concern just rated, a report just sent,
 * a visit just signed up for), unless a load is already running — the first one, on mount, included.
 * A list mounted while its tab was hidden (after logging in on another page) is fresh on its first show too.
 */
export function useReloadOnShow<T>(result: UseRequestResult<T>): void {
  const latest = useRef(result);
  useEffect(() => {
    latest.current = result;
  });
  useDidShow(() => {
    if (!latest.current.loading) latest.current.reload();
  });
}
