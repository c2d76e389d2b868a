import { z } from 'zod';
import type { Page } from '../schemas/common.schemas.js';
import { id } from '../schemas/text.js';

/**
 * 我的消息: the resident's in-app notifications. Routes (issue 17):
 * - `GET /api/v1/notifications?cursor=&limit=` — newest first, keyset paged, WITH the unread count
 *   (`NotificationPage.unread`), so one call fills the list and the badge;
 * - `GET /api/v1/notifications/unread-count` — `{ count }` alone, for the 我的 tab badge on show;
 * - `POST /api/v1/notifications/read` — `{ ids }` (only the caller's own; others are left alone) or
 *   `{ all: true }`; answers `NotificationsReadView`.
 * (`/api/v1/me/notifications…` answer the same, kept for older clients.)
 * A follower (附议) of a concern gets the same kinds as its reporter.
 */
export const CONCERN_NOTIFICATION_KINDS = ['accepted', 'rejected', 'reply_published', 'closed'] as const;
export type ConcernNotificationKind = (typeof CONCERN_NOTIFICATION_KINDS)[number];
/** About a visit: the day-before reminder, a place freed for someone on the waiting list, a cancelled visit. */
export const VISIT_NOTIFICATION_KINDS = ['visit_reminder', 'visit_promoted', 'visit_cancelled'] as const;
export type VisitNotificationKind = (typeof VISIT_NOTIFICATION_KINDS)[number];
export const NOTIFICATION_KINDS = [...CONCERN_NOTIFICATION_KINDS, ...VISIT_NOTIFICATION_KINDS] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  accepted: '已受理',
  rejected: '不予受理',
  reply_published: '已答复',
  closed: '已办结',
  visit_reminder: '走访提醒',
  visit_promoted: '候补转正',
  visit_cancelled: '走访取消',
};

/** A notification in 我的消息. It opens the concern (`concernId`) or the visit (`visitId`) it is about. */
export interface NotificationView {
  id: number;
  kind: NotificationKind;
  /** The concern it is about (the reporter's, or one the resident follows); null for a visit's messages. */
  concernId: number | null;
  /** The visit it is about (a reminder, a place freed, a cancellation); null for a concern's messages. */
  visitId: number | null;
  title: string;
  body: string;
  createdAt: string;
  /** Whether the resident has opened it (`readAt` set). */
  read: boolean;
  /** When the resident opened it; null while unread. */
  readAt: string | null;
}

/** `GET /api/v1/notifications`: a page, and the unread count for the badge. */
export interface NotificationPage extends Page<NotificationView> {
  unread: number;
}

/** `GET /api/v1/notifications/unread-count`. */
export interface UnreadCountView {
  count: number;
}

/** How many notifications one `read` may name. */
export const MAX_NOTIFICATIONS_READ = 100;

/** `POST /api/v1/notifications/read`: these of mine, or all of mine, marked read (again: keeps the first time). */
export const markNotificationsReadSchema = z.union(
  [
    z.strictObject({
      ids: z
        .array(id('消息编号'), { error: '消息列表无效' })
        .min(1, { message: '请至少选择一条消息' })
        .max(MAX_NOTIFICATIONS_READ, { message: `一次最多标记 ${MAX_NOTIFICATIONS_READ} 条` }),
    }),
    z.strictObject({ all: z.literal(true, { error: '请指定要标记的消息，或全部' }) }),
  ],
  { error: '请指定要标记的消息（ids），或全部（all: true）' },
);
export type MarkNotificationsReadInput = z.infer<typeof markNotificationsReadSchema>;

/** Answer of `POST /api/v1/notifications/read`: how many changed now, and the unread count after. */
export interface NotificationsReadView {
  marked: number;
  unread: number;
}
