import type {
  CoHandlerAction,
  CoHandlerActionBodies,
  ConcernSummaryView,
  MarkAlertsReadInput,
  StaffAlertPage,
  AlertsReadView,
} from '@manyi/shared';
import { request } from './request';

// The endpoints of the work that comes to staff besides the inbox: 工作提醒 (the bell) and 协办.

export const workApi = {
  /** The signed-in staff member's alerts, newest first, with the unread count. */
  alerts: (query: { unread?: boolean; limit?: number }, cursor?: string | null, signal?: AbortSignal) =>
    request<StaffAlertPage>('/admin/alerts', { query: { ...query, cursor: cursor ?? undefined }, signal }),
  markAlertsRead: (body: MarkAlertsReadInput) => request<AlertsReadView>('/admin/alerts/read', { method: 'POST', body }),

  /** 协办签收 / 提交协办意见 / 拒绝协办 / 免除协办 on one concern. */
  coHandle: <A extends CoHandlerAction>(id: number, action: A, body: CoHandlerActionBodies[A]) =>
    request<ConcernSummaryView>(`/admin/concerns/${id}/${action}`, { method: 'POST', body }),
};
