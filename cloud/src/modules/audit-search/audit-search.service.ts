import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditEntryView, AuditQuery, Page } from '@manyi/shared';
import { In, type DataSource } from 'typeorm';
import { decodeCursor, encodeCursor } from '../concerns/cursor.js';
import { StaffAccount } from '../auth/staff-account.entity.js';
import { AuditLog } from '../audit/audit-log.entity.js';

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The start of a Shanghai calendar day as an instant. */
function shanghaiDayStart(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - SHANGHAI_OFFSET_MS);
}

/**
 * 操作日志: the audit log, newest first, keyset-paged on the id (which grows with time), filtered by
 * who (a staff username), what (a whole action name or a prefix such as `staff`), on what, and when
 * (Shanghai calendar days, inclusive).
 */
@Injectable()
export class AuditSearchService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async search(query: AuditQuery): Promise<Page<AuditEntryView>> {
    const cursor = decodeCursor(query.cursor);
    const qb = this.dataSource
      .getRepository(AuditLog)
      .createQueryBuilder('a')
      .orderBy('a.id', 'DESC')
      .take(query.limit + 1);
    if (cursor) qb.andWhere('a.id < :before', { before: cursor.id });
    if (query.actor) {
      qb.andWhere("a.actor_kind = 'staff'").andWhere('a.actor_id IN (SELECT s.id FROM staff_account s WHERE s.username = :actor)', {
        actor: query.actor,
      });
    }
    if (query.action) {
      // `concern` finds concern.accept and concern.dispatch; `concern.dispatch` finds just that.
      qb.andWhere('(a.action = :action OR a.action LIKE :actionPrefix)', { action: query.action, actionPrefix: `${query.action}.%` });
    }
    if (query.entity) qb.andWhere('a.target_type = :entity', { entity: query.entity });
    if (query.entityId) qb.andWhere('a.target_id = :entityId', { entityId: query.entityId });
    if (query.from) qb.andWhere('a.created_at >= :from', { from: shanghaiDayStart(query.from) });
    if (query.to) qb.andWhere('a.created_at < :to', { to: new Date(shanghaiDayStart(query.to).getTime() + DAY_MS) });

    const rows = await qb.getMany();
    const items = rows.slice(0, query.limit);
    const staffIds = [...new Set(items.filter((r) => r.actorKind === 'staff' && r.actorId !== null).map((r) => r.actorId!))];
    const staff = staffIds.length ? await this.dataSource.getRepository(StaffAccount).findBy({ id: In(staffIds) }) : [];
    const usernames = new Map(staff.map((s) => [s.id, s.username]));
    const last = items.at(-1);
    return {
      items: items.map((r) => ({
        id: r.id,
        at: r.createdAt.toISOString(),
        actorKind: r.actorKind,
        actorId: r.actorId,
        actorName: r.actorKind === 'staff' && r.actorId !== null ? (usernames.get(r.actorId) ?? null) : null,
        action: r.action,
        entity: r.targetType,
        entityId: r.targetId,
        detail: r.detail,
      })),
      nextCursor: rows.length > query.limit && last ? encodeCursor({ id: last.id }) : null,
    };
  }
}
