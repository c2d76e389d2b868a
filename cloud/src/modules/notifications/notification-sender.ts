import { Injectable } from '@nestjs/common';
import type { Resident } from '../auth/resident.entity.js';
import type { Notification } from './notification.entity.js';

/** An outbox row as the dispatcher hands it over: with its resident (a WeChat sender needs the openid). */
export type OutgoingNotification = Notification & { resident: Resident };

/**
 * Where a notification goes. The dispatcher calls `send` once per claimed outbox row; resolving means
 * delivered, throwing means "not now" — the row stays pending and is tried again by a run after its
 * back-off delay (DELIVERY_RETRY_DELAYS_MS), until MAX_DELIVERY_ATTEMPTS. Used as the provider token,
 * so the WeChat subscribe-message sender replaces the default by providing itself under this class.
 */
export abstract class NotificationSender {
  abstract send(notification: OutgoingNotification): Promise<void>;
}

/**
 * The in-app inbox (站内消息): the outbox row is itself the message the mini-program reads from
 * `GET /api/v1/me/notifications`, so there is nothing to transmit — the dispatcher marking the row
 * delivered is what makes it visible.
 */
@Injectable()
export class InAppInboxSender extends NotificationSender {
  async send(): Promise<void> {}
}
