import {
  countsWorkingTime,
  isProvisional,
  type ConcernDetailView,
  type ConcernSummaryView,
  type DueKind,
  type DuplicateCandidateView,
  type TimelineEntryView,
  type WorkingCalendar,
} from '@manyi/shared';
import type { ConcernEvent } from './concern-event.entity.js';
import type { Concern } from './concern.entity.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** 暂定: a working-time deadline counted over a year the calendar does not have yet. */
function provisional(calendar: WorkingCalendar, kind: DueKind | null, from: Date | null, due: Date | null, now: Date): boolean {
  return due !== null && kind !== null && countsWorkingTime(kind) && isProvisional(calendar, from ?? now, due);
}

export function mapConcernSummary(c: Concern, calendar: WorkingCalendar, now = new Date()): ConcernSummaryView {
  return {
    id: c.id,
    code: c.code ?? '',
    status: c.status,
    title: c.title,
    streetId: c.streetId,
    compoundId: c.compoundId,
    categoryId: c.categoryId,
    departmentId: c.leadDepartmentId,
    source: c.source,
    confidential: c.confidential,
    escalated: c.escalated,
    dueAt: iso(c.dueAt),
    dueKind: c.dueKind,
    dueProvisional: provisional(calendar, c.dueKind, c.dueFrom, c.dueAt, now),
    overdue: c.dueAt !== null && c.dueAt.getTime() < now.getTime(),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    followerCount: c.followerCount ?? 0,
  };
}

/** Timeline steps a resident sees: what was decided about their concern, never internal notes or unreviewed replies. */
const PUBLIC_ACTIONS = new Set([
  'submit',
  'accept',
  'reject',
  'merge',
  'dispatch',
  'sign',
  'approve-reply',
  'rate',
  'withdraw',
  'expire-rating',
  'reschedule',
  // 更正分类: only when it changed what the resident chose (the category, the place), in words they read.
  'reclassify',
  // 先联系 (经办人已与您联系); 回访 only when it rated or closed the concern (a line for the resident).
  'contact',
  'callback',
]);

export function mapTimeline(
  events: ConcernEvent[],
  audience: 'resident' | 'staff',
  staffNames: ReadonlyMap<number, string> = new Map(),
): TimelineEntryView[] {
  return events
    .filter(
      (e) =>
        audience === 'staff' ||
        (PUBLIC_ACTIONS.has(e.action) && ((e.action !== 'reclassify' && e.action !== 'callback') || e.publicText !== null)),
    )
    .map((e) => {
      const base: TimelineEntryView = {
        id: e.id,
        action: e.action,
        actorRole: e.actorRole,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        publicText: e.publicText,
        ...(e.action === 'approve-reply' ? { photoIds: publishedPhotoIds(e) } : {}),
        createdAt: e.createdAt.toISOString(),
      };
      if (audience === 'resident') return base;
      const isStaffActor = e.actorRole !== 'resident' && e.actorRole !== 'system';
      return {
        ...base,
        internalText: e.internalText,
        actorName: isStaffActor && e.actorId !== null ? (staffNames.get(e.actorId) ?? null) : null,
        data: e.data,
      };
    });
}

export function mapConcernDetail(
  c: Concern,
  calendar: WorkingCalendar,
  timeline: TimelineEntryView[],
  phone: string | null,
  extra: Partial<ConcernDetailView> = {},
): ConcernDetailView {
  const now = new Date();
  return {
    ...mapConcernSummary(c, calendar, now),
    description: c.description,
    requestType: c.requestType,
    photoIds: c.photoIds,
    latitude: c.latitude,
    longitude: c.longitude,
    address: c.address,
    phone,
    // The co-handling departments (concern_co_handler) come in `extra`: the caller reads them.
    coHandlerIds: [],
    reopenCount: c.reopenCount,
    returnCount: c.returnCount,
    resolveDueAt: iso(c.resolveDueAt),
    resolveDueProvisional: provisional(calendar, 'resolve', c.resolveFrom, c.resolveDueAt, now),
    mergedIntoId: c.mergedIntoId,
    solved: c.solved,
    satisfaction: c.satisfaction,
    ratingComment: c.ratingComment,
    timeline,
    ...extra,
  };
}

export function mapDuplicate(c: Concern): DuplicateCandidateView {
  return { id: c.id, code: c.code ?? '', title: c.title, status: c.status, createdAt: c.createdAt.toISOString() };
}

/**
 * The reply photos an approve-reply event published: the resident's timeline shows them, and they are
 * the only staff photos a resident may read (UploadsService.read).
 */
export function publishedPhotoIds(e: Pick<ConcernEvent, 'action' | 'data'>): number[] {
  if (e.action !== 'approve-reply') return [];
  return ((e.data ?? {}) as { photoIds?: number[] }).photoIds ?? [];
}
