import type { InboxCountsView } from '@manyi/shared';
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/endpoints';

/** How often the inbox asks whether anything in scope changed, while its tab is visible. */
export const POLL_MS = 15_000;

/**
 * The saved views' counts, asked for on mount, every 15 s while the tab is visible and at once when it
 * becomes visible again. `onChange` runs when the change token moves after the first answer — someone
 * else acted — so the list reloads without a full page reload. A failed poll is simply tried again.
 */
export function useInboxCounts(onChange: () => void, intervalMs = POLL_MS): InboxCountsView | null {
  const [counts, setCounts] = useState<InboxCountsView | null>(null);
  const lastToken = useRef<string | null>(null);
  const changed = useRef(onChange);
  useEffect(() => {
    changed.current = onChange;
  });

  useEffect(() => {
    let stopped = false;
    let inFlight: AbortController | null = null;
    const poll = () => {
      if (stopped || document.visibilityState !== 'visible' || inFlight) return;
      const controller = new AbortController();
      inFlight = controller;
      api
        .inboxCounts(controller.signal)
        .then((next) => {
          if (stopped) return;
          setCounts(next);
          if (lastToken.current !== null && lastToken.current !== next.changeToken) changed.current();
          lastToken.current = next.changeToken;
        })
        .catch(() => undefined)
        .finally(() => {
          if (inFlight === controller) inFlight = null;
        });
    };
    poll();
    const timer = window.setInterval(poll, intervalMs);
    document.addEventListener('visibilitychange', poll);
    return () => {
      stopped = true;
      inFlight?.abort();
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', poll);
    };
  }, [intervalMs]);

  return counts;
}
