import {
  addWorkingDays,
  addWorkingHours,
  addWorkingMinutes,
  endOfWorkingDay,
  workingMinutesBetween,
  type WorkingCalendar,
} from '../calendar/working-calendar.js';
import type { ConcernSource } from './concern-status.js';
import type { DueKind } from './concern.views.js';
import type { DeadlineSettings } from './deadline-settings.js';
import { isNoAppSource } from './follow-up.js';
import type { RequestType } from './request-types.js';

/**
 * What every deadline is computed from: the working calendar in force and the district's deadline
 * rules (时限设置). The service keeps both in memory and passes them in; nothing here reads a clock.
 */
export interface DeadlineRules {
  calendar: WorkingCalendar;
  settings: DeadlineSettings;
}

/** 受理时限: when a newly submitted concern must be accepted or rejected. */
export function triageDueAt(submittedAt: Date, rules: DeadlineRules): Date {
  return addWorkingHours(rules.calendar, submittedAt, rules.settings.triageWorkingHours);
}

/** 派单时限: an accepted concern is dispatched the same working day. */
export function dispatchDueAt(acceptedAt: Date, rules: DeadlineRules): Date {
  return endOfWorkingDay(rules.calendar, acceptedAt);
}

/** 签收时限: when the department must sign for (or return) a dispatch. */
export function signDueAt(dispatchedAt: Date, rules: DeadlineRules): Date {
  return addWorkingHours(rules.calendar, dispatchedAt, rules.settings.signWorkingHours);
}

/**
 * 先联系时限: the handler contacts the resident within this many working hours of signing. It is the
 * clock that runs first after signing (`dueKind` 'contact'); once contact is recorded the 办结 clock shows.
 */
export function contactDueAt(signedAt: Date, rules: DeadlineRules): Date {
  return addWorkingHours(rules.calendar, signedAt, rules.settings.contactWorkingHours);
}

/** 回访: a concern whose resident has not rated joins the callback queue this many calendar days after its reply was published. */
export function callbackDueAt(publishedAt: Date, rules: Pick<DeadlineRules, 'settings'>): Date {
  return new Date(publishedAt.getTime() + rules.settings.callbackAfterDays * 24 * 60 * 60 * 1000);
}

/** 办结时限: the resolve deadline, counted from dispatch (or a reopen), by the category's request type. */
export function resolveDueAt(dispatchedAt: Date, requestType: RequestType, rules: DeadlineRules): Date {
  return addWorkingDays(rules.calendar, dispatchedAt, rules.settings.resolveWorkingDays[requestType]);
}

/** 审核时限: when the dispatcher must approve or send back a reply. */
export function reviewDueAt(repliedAt: Date, rules: DeadlineRules): Date {
  return addWorkingDays(rules.calendar, repliedAt, rules.settings.reviewWorkingDays);
}

/** 评价期: calendar days, not working days — residents rate on weekends too. */
export function ratingDueAt(publishedAt: Date, rules: Pick<DeadlineRules, 'settings'>): Date {
  return new Date(publishedAt.getTime() + rules.settings.ratingWindowDays * 24 * 60 * 60 * 1000);
}

/**
 * The clock a published reply starts (审核通过). From the app: the resident's 评价期, which the sweep ends by
 * closing the concern unrated. From a channel without the app (NO_APP_SOURCES): the street's 回访期, as
 * long as the rating window (`ratingWindowDays`: the same time to get the rating, by a call instead of a
 * tap); the sweep chases it once when it passes and the concern waits in the 回访 queue, overdue, until a
 * reached callback rates it or the last unreached attempt closes it as 未回访.
 */
export function publishedClock(
  source: ConcernSource,
  publishedAt: Date,
  rules: Pick<DeadlineRules, 'settings'>,
): { kind: Extract<DueKind, 'rating' | 'callback'>; dueAt: Date } {
  return { kind: isNoAppSource(source) ? 'callback' : 'rating', dueAt: ratingDueAt(publishedAt, rules) };
}

/** The clocks that count working time; the rating window and the 回访期 count calendar days and never move with the calendar. */
export function countsWorkingTime(kind: DueKind): boolean {
  return kind !== 'rating' && kind !== 'callback';
}

/**
 * The same deadline under a changed calendar (a year entered or corrected): the working time it was
 * given — from its start `from` to `due` under the calendar it was counted with — counted again under
 * the new one. The rule in force when it was set (hours, days, extensions granted) is kept that way,
 * without needing to know which rule it was. "The same working day" (派单) stays the end of a working day.
 */
export function recountDeadline(kind: DueKind, from: Date, due: Date, before: WorkingCalendar, after: WorkingCalendar): Date {
  if (!countsWorkingTime(kind)) return due;
  if (kind === 'dispatch') return endOfWorkingDay(after, from);
  return addWorkingMinutes(after, from, workingMinutesBetween(before, from, due));
}

export type ExtensionCheck =
  | { ok: true; newDueAt: Date }
  | { ok: false; code: 'EXTENSION_TOO_LATE' | 'EXTENSION_LIMIT_REACHED' | 'EXTENSION_TOO_LONG'; message: string };

/**
 * An extension (延期) must be asked for before the due date, at most `maxExtensions` times, each at most
 * `maxExtensionWorkingDays`; when granted, the new due date is counted from the old one.
 */
export function checkExtension(
  request: { now: Date; dueAt: Date; workingDays: number; extensionsSoFar: number },
  rules: DeadlineRules,
): ExtensionCheck {
  const { maxExtensions, maxExtensionWorkingDays } = rules.settings;
  if (request.now.getTime() >= request.dueAt.getTime()) {
    return { ok: false, code: 'EXTENSION_TOO_LATE', message: '已超过办理时限，不能再申请延期' };
  }
  if (request.extensionsSoFar >= maxExtensions) {
    return { ok: false, code: 'EXTENSION_LIMIT_REACHED', message: `延期最多申请 ${maxExtensions} 次` };
  }
  if (request.workingDays < 1 || request.workingDays > maxExtensionWorkingDays) {
    return { ok: false, code: 'EXTENSION_TOO_LONG', message: `每次延期为 1 至 ${maxExtensionWorkingDays} 个工作日` };
  }
  return { ok: true, newDueAt: addWorkingDays(rules.calendar, request.dueAt, request.workingDays) };
}

/** 协办签收时限: a co-handling department signs for its part under the same 签收时限, counted from when it was asked. */
export function coHandlerSignDueAt(askedAt: Date, rules: DeadlineRules): Date {
  return signDueAt(askedAt, rules);
}

/**
 * 即将超期: how long before each staff clock's deadline its holder is alerted — an hour for the clocks
 * counted in hours (受理, 签收, 派单 the same day), half a day for the review, a day for the resolve
 * deadline. Wall-clock time, so that the sweep finds them by a range of `due_at`. The rating window is
 * the resident's and gets none; nor does the 回访期, whose concern is in the street's 回访 queue from the start.
 */
export const DEADLINE_WARNING_LEAD_MS: Readonly<Record<DueKind, number | null>> = {
  triage: 60 * 60 * 1000,
  dispatch: 60 * 60 * 1000,
  sign: 60 * 60 * 1000,
  contact: 60 * 60 * 1000,
  resolve: 24 * 60 * 60 * 1000,
  review: 4 * 60 * 60 * 1000,
  rating: null,
  callback: null,
};

/** The longest lead: the sweep looks at deadlines up to this far ahead. */
export const MAX_DEADLINE_WARNING_LEAD_MS = Math.max(...Object.values(DEADLINE_WARNING_LEAD_MS).map((ms) => ms ?? 0));

/** When the holder of a `kind` clock due at `dueAt` is told it is approaching; null for the rating window and the 回访期. */
export function deadlineWarningAt(kind: DueKind, dueAt: Date): Date | null {
  const lead = DEADLINE_WARNING_LEAD_MS[kind];
  return lead === null ? null : new Date(dueAt.getTime() - lead);
}
