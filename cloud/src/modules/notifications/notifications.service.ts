import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { MarkNotificationsReadInput, NotificationPage, NotificationsReadView, Page, PageQuery, NotificationView } from '@manyi/shared';
import { In, IsNull, type Repository } from 'typeorm';
import { AppException } from '../../common/errors/app.exception.js';
import type { ResidentActor } from '../../common/actor.js';
import { decodeRowCursor, keysetPage } from '../../database/keyset.js';
import { Notification } from './notification.entity.js';
import { mapNotification } from './notifications.mapper.js';

/**
 * The resident's in-app inbox (站内消息): every notification row written for them. The row is committed
 * with the step it tells of, so it is a message at once; its outbox status is only about the copy sent
 * outside (a WeChat subscribe message), whose retries — hours, during an outage — never hold it back.
 */
@Injectable()
export class NotificationsService {
  constructor(@InjectRepository(Notification) private readonly notifications: Repository<Notification>) {}

  /** Newest first, keyset paged on the id (the index `idx_notification_resident` is exactly this). */
  async list(actor: ResidentActor, page: PageQuery): Promise<Page<NotificationView>> {
    const qb = this.notifications.createQueryBuilder('n').where('n.resident_id = :rid', { rid: actor.residentId });
    const cursor = decodeRowCursor(page.cursor);
    if (cursor) qb.andWhere('n.id < :after', { after: cursor.id });
    const rows = await keysetPage(
      (take) => qb.orderBy('n.id', 'DESC').limit(take).getMany(),
      page.limit,
      (last) => ({ id: last.id }),
    );
    return { items: rows.items.map(mapNotification), nextCursor: rows.nextCursor };
  }

  /** `GET /api/v1/notifications`: the page and the unread count, so one call fills the list and the badge. */
  async page(actor: ResidentActor, page: PageQuery): Promise<NotificationPage> {
    const [items, unread] = await Promise.all([this.list(actor, page), this.unreadCount(actor)]);
    return { ...items, unread };
  }

  /**
   * Marks `{ ids }` (only the caller's own: others' and unknown ids are left alone, like the staff alerts)
   * or `{ all: true }` read. Already read ones keep their first time. Answers how many changed and the count left.
   */
  async markMany(actor: ResidentActor, input: MarkNotificationsReadInput, now = new Date()): Promise<NotificationsReadView> {
    const where = { residentId: actor.residentId, readAt: IsNull(), ...('ids' in input ? { id: In([...new Set(input.ids)]) } : {}) };
    const result = await this.notifications.update(where, { readAt: now });
    return { marked: result.affected ?? 0, unread: await this.unreadCount(actor) };
  }

  async unreadCount(actor: ResidentActor): Promise<number> {
    return this.notifications.countBy({ residentId: actor.residentId, readAt: IsNull() });
  }

  /**
   * Marks one of the caller's notifications read; reading it again keeps the first time. Someone
   * else's notification is NOTIFICATION_NOT_FOUND, like an unknown id.
   */
  async markRead(actor: ResidentActor, id: number, now = new Date()): Promise<NotificationView> {
    const own = { id, residentId: actor.residentId };
    await this.notifications.update({ ...own, readAt: IsNull() }, { readAt: now });
    const row = await this.notifications.findOneBy(own);
    if (!row) throw new AppException('NOTIFICATION_NOT_FOUND');
    return mapNotification(row);
  }
}
