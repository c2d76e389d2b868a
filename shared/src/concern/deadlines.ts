import {
  addWorkingDays,
  addWorkingHours,
  endOfWorkingDay,
  type WorkingHours,
  DEFAULT_WORKING_HOURS,
} from '../calendar/working-calendar.js';
import { DEFAULT_SLA, REQUEST_TYPE_RULES, type RequestType } from './request-types.js';

export interface SlaSettings {
  triageWorkingHours: number;
  signWorkingHours: number;
  reviewWorkingDays: number;
  ratingWindowDays: number;
  maxExtensions: number;
  maxExtensionWorkingDays: number;
  workingHours: WorkingHours;
}

export const DEFAULT_SLA_SETTINGS: SlaSettings = { ...DEFAULT_SLA, workingHours: DEFAULT_WORKING_HOURS };

/** 受理时限: when a newly submitted concern must be accepted or rejected. */
export function triageDueAt(submittedAt: Date, sla: SlaSettings = DEFAULT_SLA_SETTINGS): Date {
  return addWorkingHours(submittedAt, sla.triageWorkingHours, sla.workingHours);
}

/** 派单时限: an accepted concern is dispatched the same working day. */
export function dispatchDueAt(acceptedAt: Date, sla: SlaSettings = DEFAULT_SLA_SETTINGS): Date {
  return endOfWorkingDay(acceptedAt, sla.workingHours);
}

/** 签收时限: when the department must sign for (or return) a dispatch. */
export function signDueAt(dispatchedAt: Date, sla: SlaSettings = DEFAULT_SLA_SETTINGS): Date {
  return addWorkingHours(dispatchedAt, sla.signWorkingHours, sla.workingHours);
}

/** 办结时限: the resolve deadline, counted from dispatch, by the category's request type. */
export function resolveDueAt(dispatchedAt: Date, requestType: RequestType, sla: SlaSettings = DEFAULT_SLA_SETTINGS): Date {
  return addWorkingDays(dispatchedAt, REQUEST_TYPE_RULES[requestType].resolveWorkingDays, sla.workingHours);
}

/** 审核时限: when the dispatcher must approve or send back a reply. */
export function reviewDueAt(repliedAt: Date, sla: SlaSettings = DEFAULT_SLA_SETTINGS): Date {
  return addWorkingDays(repliedAt, sla.reviewWorkingDays, sla.workingHours);
}

/** 评价期: calendar days, not working days — residents rate on weekends too. */
export function ratingDueAt(publishedAt: Date, sla: SlaSettings = DEFAULT_SLA_SETTINGS): Date {
  return new Date(publishedAt.getTime() + sla.ratingWindowDays * 24 * 60 * 60 * 1000);
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
  sla: SlaSettings = DEFAULT_SLA_SETTINGS,
): ExtensionCheck {
  if (request.now.getTime() >= request.dueAt.getTime()) {
    return { ok: false, code: 'EXTENSION_TOO_LATE', message: '已超过办理时限，不能再申请延期' };
  }
  if (request.extensionsSoFar >= sla.maxExtensions) {
    return { ok: false, code: 'EXTENSION_LIMIT_REACHED', message: `延期最多申请 ${sla.maxExtensions} 次` };
  }
  if (request.workingDays < 1 || request.workingDays > sla.maxExtensionWorkingDays) {
    return { ok: false, code: 'EXTENSION_TOO_LONG', message: `每次延期为 1 至 ${sla.maxExtensionWorkingDays} 个工作日` };
  }
  return { ok: true, newDueAt: addWorkingDays(request.dueAt, request.workingDays, sla.workingHours) };
}
