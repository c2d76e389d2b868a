import type { MarkNotificationsReadInput, NotificationPage, NotificationsReadView, UnreadCountView } from '@manyi/shared';

import { request } from './request';

// 我的消息: the resident's in-app notifications (cloud NotificationsController). Every step a resident
// should hear about lands here, whether or not a WeChat subscribe message also went out.

/** Newest first; the page carries the unread count too, so one call fills the list and the badge. */
export function fetchNotifications(cursor?: string): Promise<NotificationPage> {
  return request<NotificationPage>('/api/v1/notifications', { query: { cursor } });
}

export async function fetchUnreadCount(): Promise<number> {
  return (await request<UnreadCountView>('/api/v1/notifications/unread-count')).count;
}

/** 标为已读: some of mine by id, or all of them (全部已读); answers the unread count after. */
export function markNotificationsRead(which: MarkNotificationsReadInput): Promise<NotificationsReadView> {
  return request<NotificationsReadView>('/api/v1/notifications/read', { method: 'POST', body: which });
}
