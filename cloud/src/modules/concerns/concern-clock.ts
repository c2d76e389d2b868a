import {
  dispatchDueAt,
  recountDeadline,
  resolveDueAt,
  triageDueAt,
  type DeadlineRules,
  type DueKind,
  type RequestType,
  type WorkingCalendar,
} from '@manyi/shared';
import type { Concern } from './concern.entity.js';

/**
 * Starts the clock that runs now: its deadline, which clock it is, and when it started (so that a
 * calendar change can count the same working time again from there).
 */
export function runClock(c: Concern, kind: DueKind, dueAt: Date | null, from: Date | null): void {
  c.dueKind = kind;
  c.dueAt = dueAt;
  c.dueFrom = from;
}

/** No clock runs any more: the concern reached a final status at `now`. */
export function stopClock(c: Concern, now: Date): void {
  c.dueAt = null;
  c.dueKind = null;
  c.dueFrom = null;
  c.closedAt = now;
}

/** The deadlines a concern keeps, as a calendar change may move them. */
export type ConcernDeadlines = Pick<Concern, 'dueAt' | 'resolveDueAt' | 'signDueAt'>;

/**
 * A concern's running deadlines counted again under a changed calendar, or null when none moves. A
 * deadline already passed stays as it was (the sweep has chased it, or is about to); a sign-for deadline
 * is kept once signed (the response rate reads it); the rating window never moves.
 */
export function recountedDeadlines(
  c: Pick<Concern, 'dueAt' | 'dueKind' | 'dueFrom' | 'resolveDueAt' | 'resolveFrom' | 'signDueAt' | 'signedAt' | 'dispatchedAt'>,
  before: WorkingCalendar,
  after: WorkingCalendar,
  now: Date,
): ConcernDeadlines | null {
  const running = (due: Date | null): due is Date => due !== null && due.getTime() > now.getTime();
  const next: ConcernDeadlines = { dueAt: c.dueAt, resolveDueAt: c.resolveDueAt, signDueAt: c.signDueAt };
  if (running(c.signDueAt) && c.signedAt === null && c.dispatchedAt)
    next.signDueAt = recountDeadline('sign', c.dispatchedAt, c.signDueAt, before, after);
  const resolveFrom = c.resolveFrom ?? c.dispatchedAt;
  if (running(c.resolveDueAt) && resolveFrom) next.resolveDueAt = recountDeadline('resolve', resolveFrom, c.resolveDueAt, before, after);
  if (running(c.dueAt) && c.dueKind) {
    if (c.dueKind === 'sign') next.dueAt = next.signDueAt;
    else if (c.dueKind === 'resolve') next.dueAt = next.resolveDueAt;
    else if (c.dueFrom) next.dueAt = recountDeadline(c.dueKind, c.dueFrom, c.dueAt, before, after);
  }
  const same = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);
  return same(next.dueAt, c.dueAt) && same(next.resolveDueAt, c.resolveDueAt) && same(next.signDueAt, c.signDueAt) ? null : next;
}

/** What a reclassification (更正分类) changes that a deadline depends on. */
export interface Reclassification {
  requestType: RequestType;
  /** The concern moves to another street's inbox (a hand-over). */
  handedOver: boolean;
}

/**
 * The deadlines after a reclassification, before dispatch, through the shared arithmetic. A new request
 * type gives the 办结时限 it implies: counted again from where that clock started when the concern has
 * one (returned after a dispatch); otherwise dispatch counts it. A hand-over to another street starts
 * the running clock (受理 or 派单) again from now: the receiving street gets its own time to act.
 */
export function reclassifiedDeadlines(
  c: Pick<Concern, 'requestType' | 'dueAt' | 'dueKind' | 'dueFrom' | 'resolveDueAt' | 'resolveFrom'>,
  change: Reclassification,
  now: Date,
  rules: DeadlineRules,
): Pick<Concern, 'dueAt' | 'dueKind' | 'dueFrom' | 'resolveDueAt'> {
  const next = { dueAt: c.dueAt, dueKind: c.dueKind, dueFrom: c.dueFrom, resolveDueAt: c.resolveDueAt };
  if (change.requestType !== c.requestType && c.resolveDueAt && c.resolveFrom)
    next.resolveDueAt = resolveDueAt(c.resolveFrom, change.requestType, rules);
  if (change.handedOver && c.dueKind === 'triage') Object.assign(next, { dueAt: triageDueAt(now, rules), dueFrom: now });
  if (change.handedOver && c.dueKind === 'dispatch') Object.assign(next, { dueAt: dispatchDueAt(now, rules), dueFrom: now });
  return next;
}
