import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DEADLINE_CHASE_ACTIONS, FINAL_CONCERN_STATUSES } from '@manyi/shared';
import { In, type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { StaffActor } from '../../common/actor.js';
import { Category } from '../directory/category.entity.js';
import { Compound } from '../directory/compound.entity.js';
import { ConcernEvent } from './concern-event.entity.js';
import { applyConcernScope } from './concern-scope.js';
import { Concern } from './concern.entity.js';

/** The dashboard's narrowing of the caller's concerns: a street (by code) or a lead department. */
export interface StatsFilter {
  street?: string;
  department?: number;
}

/** How many of something (a category, a compound, a source). */
export interface Counted<K> {
  key: K;
  count: number;
}

/** The dashboard's reads (数据看板) over the concerns the caller may see; the rates are ConcernRatesService's. */
@Injectable()
export class ConcernStatsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The open concerns now, and how many of them are past their deadline. */
  async backlog(
    actor: StaffActor,
    filter: StatsFilter,
    now: Date,
    em: EntityManager = this.dataSource.manager,
  ): Promise<{ backlog: number; overdue: number }> {
    const row = await scoped(em, actor, filter)
      .select('COUNT(*)', 'backlog')
      .addSelect('SUM(CASE WHEN c.due_at < :now THEN 1 ELSE 0 END)', 'overdue')
      .andWhere('c.status NOT IN (:...final)', { final: FINAL_CONCERN_STATUSES, now })
      .getRawOne<{ backlog: unknown; overdue: unknown }>();
    return { backlog: Number(row?.backlog ?? 0), overdue: Number(row?.overdue ?? 0) };
  }

  /**
   * For the trends over [start, end): when each concern open at some point of the period was reported
   * and ended (ms, null while open), and when the deadline sweep chased one (催办). The few columns
   * needed, read once, so the service counts every bucket from one query instead of one per bucket.
   */
  async trendTimes(
    actor: StaffActor,
    filter: StatsFilter,
    periodStart: Date,
    periodEnd: Date,
    em: EntityManager = this.dataSource.manager,
  ): Promise<{ concerns: Array<{ created: number; closed: number | null }>; chases: number[] }> {
    const [concerns, chases] = await Promise.all([
      scoped(em, actor, filter)
        .select('c.created_at', 'createdAt')
        .addSelect('c.closed_at', 'closedAt')
        .andWhere('c.created_at < :periodEnd AND (c.closed_at IS NULL OR c.closed_at >= :periodStart)', { periodStart, periodEnd })
        .getRawMany<{ createdAt: Date | string; closedAt: Date | string | null }>(),
      scoped(em, actor, filter)
        .innerJoin(ConcernEvent, 'e', 'e.concern_id = c.id')
        .select('e.created_at', 'at')
        .andWhere("e.action IN (:...chases) AND e.actor_role = 'system'", { chases: DEADLINE_CHASE_ACTIONS })
        .andWhere('e.created_at >= :periodStart AND e.created_at < :periodEnd', { periodStart, periodEnd })
        .getRawMany<{ at: Date | string }>(),
    ]);
    return {
      concerns: concerns.map((c) => ({ created: toTime(c.createdAt), closed: c.closedAt === null ? null : toTime(c.closedAt) })),
      chases: chases.map((e) => toTime(e.at)),
    };
  }

  /**
   * The concerns reported in [from, to): the `limit` categories and compounds with the most (ties by
   * id), and how many came in by each source.
   */
  async reportedCounts(
    actor: StaffActor,
    filter: StatsFilter,
    from: Date,
    to: Date,
    limit: number,
    em: EntityManager = this.dataSource.manager,
  ): Promise<{ categories: Counted<number>[]; compounds: Counted<number>[]; sources: Counted<string>[] }> {
    const reported = () => scoped(em, actor, filter).andWhere('c.created_at >= :from AND c.created_at < :to', { from, to });
    const counted = (column: 'c.category_id' | 'c.compound_id') =>
      reported()
        .select(column, 'id')
        .addSelect('COUNT(*)', 'n')
        .groupBy(column)
        .orderBy('n', 'DESC')
        .addOrderBy(column, 'ASC')
        .limit(limit)
        .getRawMany<{ id: unknown; n: unknown }>();
    const [categories, compounds, sources] = await Promise.all([
      counted('c.category_id'),
      counted('c.compound_id'),
      reported().select('c.source', 'source').addSelect('COUNT(*)', 'n').groupBy('c.source').getRawMany<{ source: string; n: unknown }>(),
    ]);
    const byId = (rows: Array<{ id: unknown; n: unknown }>) => rows.map((r) => ({ key: Number(r.id), count: Number(r.n) }));
    return {
      categories: byId(categories),
      compounds: byId(compounds),
      sources: sources.map((r) => ({ key: r.source, count: Number(r.n) })),
    };
  }

  /** Categories by id, named with their group (`group / name`) when they have one. */
  async categoryNames(ids: readonly number[], em: EntityManager = this.dataSource.manager): Promise<Map<number, string>> {
    const categories = ids.length ? await em.getRepository(Category).findBy({ id: In([...ids]) }) : [];
    const parentIds = categories.map((c) => c.parentId).filter((id): id is number => id !== null);
    const parents = parentIds.length ? await em.getRepository(Category).findBy({ id: In(parentIds) }) : [];
    return new Map(
      categories.map((c) => {
        const parent = parents.find((p) => p.id === c.parentId);
        return [c.id, parent ? `${parent.name} / ${c.name}` : c.name];
      }),
    );
  }

  async compoundNames(ids: readonly number[], em: EntityManager = this.dataSource.manager): Promise<Map<number, string>> {
    const compounds = ids.length ? await em.getRepository(Compound).findBy({ id: In([...ids]) }) : [];
    return new Map(compounds.map((c) => [c.id, c.name]));
  }
}

/** The caller's concerns, narrowed to a street (by code) or a lead department when asked. */
function scoped(em: EntityManager, actor: StaffActor, filter: StatsFilter): SelectQueryBuilder<Concern> {
  const qb = applyConcernScope(em.getRepository(Concern).createQueryBuilder('c'), actor);
  if (filter.street) qb.andWhere('c.street_id IN (SELECT s.id FROM street s WHERE s.code = :streetCode)', { streetCode: filter.street });
  if (filter.department) qb.andWhere('c.lead_department_id = :department', { department: filter.department });
  return qb;
}

/** SQLite answers raw datetimes as `YYYY-MM-DD HH:MM:SS.sss` in UTC, MariaDB as Date objects. */
function toTime(value: Date | string): number {
  if (value instanceof Date) return value.getTime();
  return Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
}
