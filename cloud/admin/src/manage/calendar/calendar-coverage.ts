import type { CalendarCoverage } from '@manyi/shared';
import { useSyncExternalStore } from 'react';
import { manageApi } from '../../api/manage-endpoints';
import { onSessionChange } from '../../api/session';

// How far the working calendar reaches, for the shell's banner. One value for the whole page: the shell
// asks once when it opens, and the calendar page hands over the coverage its save or delete answered
// with, so the banner goes away (or comes back) without a reload.

let coverage: CalendarCoverage | null = null;
const listeners = new Set<() => void>();

export function setCalendarCoverage(next: CalendarCoverage | null): void {
  coverage = next;
  for (const listener of listeners) listener();
}

// Another person may sign in on the same tab: what the last session saw is not theirs.
onSessionChange(() => setCalendarCoverage(null));

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useCalendarCoverage(): CalendarCoverage | null {
  return useSyncExternalStore(subscribe, () => coverage);
}

/** GET /admin/calendar into the store; the caller decides what a failure means. */
export async function loadCalendarCoverage(signal?: AbortSignal): Promise<void> {
  const overview = await manageApi.calendarOverview(signal);
  if (!signal?.aborted) setCalendarCoverage(overview.coverage);
}
