import type { Notification, NotificationKind } from '../concerns/notification.entity.js';

/** A notification in the resident's in-app inbox. */
export interface NotificationView {
  id: number;
  /** The concern it is about; null for a visit's messages. */
  concernId: number | null;
  /** The visit it is about (a reminder, a place freed); null for a concern's messages. */
  visitId: number | null;
  kind: NotificationKind;
  title: string;
  body: string;
  createdAt: string;
  /** When the resident opened it; null while unread. */
  readAt: string | null;
}

export function mapNotification(n: Notification): NotificationView {
  return {
    id: n.id,
    concernId: n.concernId,
    visitId: n.visitId,
    kind: n.kind,
    title: n.title,
    body: n.body,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt ? n.readAt.toISOString() : null,
  };
}
