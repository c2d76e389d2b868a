import { Injectable, Module } from '@nestjs/common';
import type { NotificationKind } from '@manyi/shared';
import type { EntityManager } from 'typeorm';
import { Notification } from './notification.entity.js';

/** A message to one resident, about a concern or a visit; the outbox adds the delivery state. */
export interface OutboxMessage {
  residentId: number;
  /** The concern it is about; left out (null) for a visit's messages. */
  concernId?: number | null;
  /** The visit it is about; left out (null) for a concern's messages. */
  visitId?: number | null;
  kind: NotificationKind;
  title: string;
  body: string;
}

/**
 * The one writer of the notification outbox. Producers enqueue inside the transaction of the event
 * that causes the message, so the message is stored exactly when the event is; the dispatcher
 * (NotificationDispatcher) delivers pending rows later.
 */
@Injectable()
export class NotificationOutbox {
  /** One message, in the caller's transaction. */
  async enqueue(em: EntityManager, message: OutboxMessage): Promise<void> {
    await em.insert(Notification, pending(message));
  }

  /** Several messages in one INSERT, in the caller's transaction; none is a no-op. */
  async enqueueAll(em: EntityManager, messages: readonly OutboxMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await em.insert(Notification, messages.map(pending));
  }
}

function pending(message: OutboxMessage) {
  return { ...message, status: 'pending' as const, attempts: 0 };
}

/**
 * Only the outbox writer, for the modules that produce messages (concerns, followers, visits): it needs
 * nothing but the caller's EntityManager, so they need not import the delivery side (NotificationsModule).
 */
@Module({ providers: [NotificationOutbox], exports: [NotificationOutbox] })
export class NotificationOutboxModule {}
