import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { startOfShanghaiDay, type AuditQuery } from '@manyi/shared';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { decodeRowCursor, keysetPage, type KeysetPage } from '../../database/keyset.js';
import { StaffAccount } from '../auth/staff-account.entity.js';
import { AuditLog } from '../audit/audit-log.entity.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The audit log's reads. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Newest first, keyset-paged on the id (which grows with time), filtered by who (a staff username),
   * what (a whole action name or a prefix such as `staff`), on what, and when (Shanghai calendar days,
   * inclusive).
   */
  async search(query: AuditQuery, em: EntityManager = this.dataSource.manager): Promise<KeysetPage<AuditLog>> {
    const cursor = decodeRowCursor(query.cursor);
    const qb = em.getRepository(AuditLog).createQueryBuilder('a').orderBy('a.id', 'DESC');
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
    if (query.from) qb.andWhere('a.created_at >= :from', { from: startOfShanghaiDay(query.from) });
    if (query.to) qb.andWhere('a.created_at < :to', { to: new Date(startOfShanghaiDay(query.to).getTime() + DAY_MS) });
    return keysetPage(qb, query.limit, (last) => ({ id: last.id }));
  }

  /** The usernames of the staff who wrote `entries`, by staff id. */
  async staffUsernames(entries: readonly AuditLog[], em: EntityManager = this.dataSource.manager): Promise<Map<number, string>> {
    const staffIds = [...new Set(entries.filter((r) => r.actorKind === 'staff' && r.actorId !== null).map((r) => r.actorId!))];
    const staff = staffIds.length ? await em.getRepository(StaffAccount).findBy({ id: In(staffIds) }) : [];
    return new Map(staff.map((s) => [s.id, s.username]));
  }
}
