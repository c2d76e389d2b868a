import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MarkAlertsReadInput, StaffAlertPage, StaffAlertQuery, StaffAlertView, AlertsReadView } from '@manyi/shared';
import { In, IsNull, type DataSource } from 'typeorm';
import type { StaffActor } from '../../common/actor.js';
import { decodeRowCursor, keysetPage } from '../../database/keyset.js';
import { StaffAlert } from './staff-alert.entity.js';

function mapAlert(a: StaffAlert): StaffAlertView {
  return {
    id: a.id,
    kind: a.kind,
    concernId: a.concernId,
    title: a.title,
    body: a.body,
    createdAt: a.createdAt.toISOString(),
    readAt: a.readAt ? a.readAt.toISOString() : null,
  };
}

/** 工作提醒: the signed-in staff member's alerts, newest first, and their read state. */
@Injectable()
export class StaffAlertsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Newest first, keyset paged on the id (idx_staff_alert_staff), with the unread count for the bell. */
  async list(actor: StaffActor, query: StaffAlertQuery): Promise<StaffAlertPage> {
    const qb = this.dataSource.getRepository(StaffAlert).createQueryBuilder('a').where('a.staff_id = :staff', { staff: actor.staffId });
    if (query.unread) qb.andWhere('a.read_at IS NULL');
    const cursor = decodeRowCursor(query.cursor);
    if (cursor) qb.andWhere('a.id < :after', { after: cursor.id });
    const [page, unread] = await Promise.all([
      keysetPage(
        (take) => qb.orderBy('a.id', 'DESC').limit(take).getMany(),
        query.limit,
        (last) => ({ id: last.id }),
      ),
      this.unread(actor),
    ]);
    return { items: page.items.map(mapAlert), nextCursor: page.nextCursor, unread };
  }

  /**
   * Marks the given alerts of the caller's (or all of them) read; reading one again keeps the first
   * time, and ids that are not the caller's are left alone, as if unknown. Answers the unread count.
   */
  async markRead(actor: StaffActor, input: MarkAlertsReadInput, now = new Date()): Promise<AlertsReadView> {
    const own = { staffId: actor.staffId, readAt: IsNull() };
    await this.dataSource.getRepository(StaffAlert).update('all' in input ? own : { ...own, id: In(input.ids) }, { readAt: now });
    return { unread: await this.unread(actor) };
  }

  private unread(actor: StaffActor): Promise<number> {
    return this.dataSource.getRepository(StaffAlert).countBy({ staffId: actor.staffId, readAt: IsNull() });
  }
}
