import type { NotificationView } from '@manyi/shared';
import type { Notification } from './notification.entity.js';

export function mapNotification(n: Notification): NotificationView {
  return {
    id: n.id,
    kind: n.kind,
    concernId: n.concernId,
    visitId: n.visitId,
    title: n.title,
    body: n.body,
    createdAt: n.createdAt.toISOString(),
    read: n.readAt !== null,
    readAt: n.readAt ? n.readAt.toISOString() : null,
  };
}
