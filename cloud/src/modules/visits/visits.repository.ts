import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AdminVisitsQuery } from '@manyi/shared';
import { Brackets, type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { decodeCursor, isCursorInteger, keysetPage, type KeysetPage } from '../../database/keyset.js';
import type { StaffActor } from '../../common/actor.js';
import { applyVisitScope } from './visit-scope.js';
import { VisitSignup } from './visit-signup.entity.js';
import { Visit } from './visit.entity.js';

/** The schedule's keyset cursor: the last row's start (ms) and id. */
interface VisitCursor {
  at: number;
  id: number;
}

function decodeVisitCursor(raw: string | undefined): VisitCursor | null {
  return decodeCursor(raw, (value) => (isCursorInteger(value.at) && isCursorInteger(value.id) ? (value as unknown as VisitCursor) : null));
}

/** Which visits a page of the schedule holds; each condition applies only when given. */
export interface VisitPageOptions {
  /** `soonest` first (residents' schedule) or `newest` first (the staff list), keyset-paged on (starts_at, id). */
  order: 'soonest' | 'newest';
  /** Visits starting at or after this time. */
  from?: Date;
  streetId?: number;
  compoundId?: number;
  /** The visits this resident is signed up or waiting for (我的报名). */
  residentId?: number;
  /** The visits in this staff member's scope. */
  scope?: StaffActor;
  status?: AdminVisitsQuery['status'];
  cursor: string | undefined;
  limit: number;
}

/** The visits' reads: the schedule in its three views (residents', a resident's own, staff's) and one visit. */
@Injectable()
export class VisitsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async page(options: VisitPageOptions, em: EntityManager = this.dataSource.manager): Promise<KeysetPage<Visit>> {
    const qb = withPlaces(em.getRepository(Visit).createQueryBuilder('v'));
    if (options.residentId !== undefined) {
      qb.innerJoin(VisitSignup, 's', 's.visit_id = v.id AND s.resident_id = :rid AND s.status IN (:...active)', {
        rid: options.residentId,
        active: ['confirmed', 'waiting'],
      });
    }
    if (options.scope) applyVisitScope(qb, options.scope);
    if (options.from) qb.andWhere('v.starts_at >= :from', { from: options.from });
    if (options.streetId !== undefined) qb.andWhere('v.street_id = :street', { street: options.streetId });
    if (options.compoundId !== undefined) qb.andWhere('v.compound_id = :compound', { compound: options.compoundId });
    if (options.status) qb.andWhere('v.status = :status', { status: options.status });
    const cursor = decodeVisitCursor(options.cursor);
    const [after, direction] = options.order === 'soonest' ? (['>', 'ASC'] as const) : (['<', 'DESC'] as const);
    if (cursor) {
      const at = new Date(cursor.at);
      qb.andWhere(
        new Brackets((w) =>
          w
            .where(`v.starts_at ${after} :cat`, { cat: at })
            .orWhere(`(v.starts_at = :cat AND v.id ${after} :cid)`, { cat: at, cid: cursor.id }),
        ),
      );
    }
    return keysetPage(qb.orderBy('v.starts_at', direction).addOrderBy('v.id', direction), options.limit, (last) => ({
      at: last.startsAt.getTime(),
      id: last.id,
    }));
  }

  /** One visit with its street and compound, or null. */
  async byId(id: number, em: EntityManager = this.dataSource.manager): Promise<Visit | null> {
    return withPlaces(em.getRepository(Visit).createQueryBuilder('v')).where('v.id = :id', { id }).getOne();
  }
}

function withPlaces(qb: SelectQueryBuilder<Visit>): SelectQueryBuilder<Visit> {
  return qb.innerJoinAndSelect('v.street', 'street').leftJoinAndSelect('v.compound', 'compound');
}
