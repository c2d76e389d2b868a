import type { ConcernStatus, InboxCountsView, StaffRole } from '@manyi/shared';
import type { InboxFilters } from '../api/endpoints';

/** A saved view of the inbox: a name in the menu and the filters it starts from. */
export interface InboxView {
  /** In the address: /admin/inbox/<key>. */
  key: InboxViewKey;
  label: string;
  filters: InboxFilters;
}

export type InboxViewKey =
  'submitted' | 'to-dispatch' | 'to-review' | 'overdue' | 'escalated' | 'to-sign' | 'co-handling' | 'in-progress' | 'all';

const view = (key: InboxViewKey, label: string, filters: InboxFilters): InboxView => ({ key, label, filters });
const statuses = (...list: ConcernStatus[]): InboxFilters => ({ status: list });

const TRIAGE_VIEWS: InboxView[] = [
  view('submitted', '待受理', statuses('submitted')),
  view('to-dispatch', '待派单', statuses('accepted', 'returned')),
  view('to-review', '待审核', statuses('replied')),
  view('overdue', '已超期', { overdue: true }),
];

const HANDLER_VIEWS: InboxView[] = [
  view('to-sign', '待签收', statuses('dispatched')),
  // 待协办: what the department co-handles for another department and still has to sign for or add its part to.
  view('co-handling', '待协办', { coHandling: true }),
  view('in-progress', '办理中', statuses('in_progress', 'reopened')),
  view('overdue', '已超期', { overdue: true }),
];

const ALL = view('all', '全部诉求', {});

/**
 * The inbox views a role works from, first one the landing page. Editors and admins have no inbox: the
 * service refuses them the concern routes.
 */
export function inboxViewsFor(role: StaffRole): InboxView[] {
  switch (role) {
    case 'dispatcher':
      return [...TRIAGE_VIEWS, ALL];
    case 'supervisor':
      return [...TRIAGE_VIEWS, view('escalated', '督办', { escalated: true }), ALL];
    case 'handler':
      return [...HANDLER_VIEWS, ALL];
    default:
      return [];
  }
}

export function findInboxView(role: StaffRole, key: string): InboxView | undefined {
  return inboxViewsFor(role).find((v) => v.key === key);
}

/** A saved view's badge: how many concerns of the caller's scope it holds as saved (other filters aside). */
export function viewCount(view: InboxView, counts: InboxCountsView): number {
  const { status, overdue, escalated, coHandling } = view.filters;
  if (coHandling) return counts.coHandling;
  if (overdue) return counts.overdue;
  if (escalated) return counts.escalated;
  if (status && status.length > 0) return status.reduce((sum, s) => sum + (counts.byStatus[s] ?? 0), 0);
  return counts.total;
}
