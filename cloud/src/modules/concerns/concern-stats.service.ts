import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CONCERN_SOURCE_LABELS,
  CONCERN_SOURCES,
  DEADLINE_CHASE_ACTIONS,
  FINAL_CONCERN_STATUSES,
  type StatsOverviewQuery,
  type StatsOverviewView,
  type StatsTopQuery,
  type StatsTopView,
  type StatsTrendsQuery,
  type StatsTrendsView,
  type TopItem,
  type TrendPoint,
} from '@manyi/shared';
import { In, type DataSource, type SelectQueryBuilder } from 'typeorm';
import type { StaffActor } from '../../common/actor.js';
import { Category } from '../directory/category.entity.js';
import { Compound } from '../directory/compound.entity.js';
import { ConcernEvent } from './concern-event.entity.js';
import { ConcernRatesService } from './concern-rates.service.js';
import { applyConcernScope } from './concern-scope.js';
import { Concern } from './concern.entity.js';

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The instant a Shanghai calendar day starts. */
export function shanghaiDayStart(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - SHANGHAI_OFFSET_MS);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The buckets of a period: each day, or each week starting on Monday (the first and last weeks cut
 * to the period). `end` is exclusive.
 */
export function trendBuckets(from: string, to: string, interval: 'day' | 'week'): Array<{ start: string; begin: Date; end: Date }> {
  const buckets: Array<{ start: string; begin: Date; end: Date }> = [];
  const last = addDays(to, 1);
  let start = from;
  while (start < last) {
    const weekday = (new Date(`${start}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
    const next = interval === 'day' ? addDays(start, 1) : addDays(start, 7 - weekday);
    const end = next < last ? next : last;
    buckets.push({ start, begin: shanghaiDayStart(start), end: shanghaiDayStart(end) });
    start = end;
  }
  return buckets;
}

/**
 * 数据看板: the three rates (defined once, in ConcernRatesService) by street or department, the backlog
 * and overdue trends, and the categories and compounds with the most concerns — always over the
 * concerns the caller may see (applyConcernScope), narrowed by street or department on request.
 */
@Injectable()
export class ConcernStatsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rates: ConcernRatesService,
  ) {}

  async overview(actor: StaffActor, query: StatsOverviewQuery, now = new Date()): Promise<StatsOverviewView> {
    const [rates, current] = await Promise.all([
      this.rates.rates(
        actor,
        { from: query.from, to: query.to, street: query.street, department: query.department },
        query.groupBy === 'category' || query.groupBy === 'channel' ? [query.groupBy] : [],
      ),
      this.scoped(actor, query)
        .select('COUNT(*)', 'backlog')
        .addSelect('SUM(CASE WHEN c.due_at < :now THEN 1 ELSE 0 END)', 'overdue')
        .andWhere('c.status NOT IN (:...final)', { final: FINAL_CONCERN_STATUSES, now })
        .getRawOne<{ backlog: unknown; overdue: unknown }>(),
    ]);
    return {
      from: query.from,
      to: query.to,
      groupBy: query.groupBy,
      total: rates.total,
      rows: { street: rates.byStreet, department: rates.byDepartment, category: rates.byCategory, channel: rates.byChannel }[query.groupBy],
      backlog: Number(current?.backlog ?? 0),
      overdue: Number(current?.overdue ?? 0),
    };
  }

  /**
   * Per bucket: reported, ended, gone overdue (the deadline sweep's 催办 events) and still open at its
   * end. The few columns needed are read once and counted here: one query instead of one per bucket.
   */
  async trends(actor: StaffActor, query: StatsTrendsQuery): Promise<StatsTrendsView> {
    const buckets = trendBuckets(query.from, query.to, query.interval);
    const periodStart = buckets[0]!.begin;
    const periodEnd = buckets.at(-1)!.end;
    const [concerns, chases] = await Promise.all([
      this.scoped(actor, query)
        .select('c.created_at', 'createdAt')
        .addSelect('c.closed_at', 'closedAt')
        .andWhere('c.created_at < :periodEnd AND (c.closed_at IS NULL OR c.closed_at >= :periodStart)', { periodStart, periodEnd })
        .getRawMany<{ createdAt: Date | string; closedAt: Date | string | null }>(),
      this.scoped(actor, query)
        .innerJoin(ConcernEvent, 'e', 'e.concern_id = c.id')
        .select('e.created_at', 'at')
        .andWhere("e.action IN (:...chases) AND e.actor_role = 'system'", { chases: DEADLINE_CHASE_ACTIONS })
        .andWhere('e.created_at >= :periodStart AND e.created_at < :periodEnd', { periodStart, periodEnd })
        .getRawMany<{ at: Date | string }>(),
    ]);
    const times = concerns.map((c) => ({ created: toTime(c.createdAt), closed: c.closedAt === null ? null : toTime(c.closedAt) }));
    const chaseTimes = chases.map((e) => toTime(e.at));
    const points: TrendPoint[] = buckets.map(({ start, begin, end }) => {
      const [b, e] = [begin.getTime(), end.getTime()];
      const within = (t: number) => t >= b && t < e;
      return {
        start,
        received: times.filter((t) => within(t.created)).length,
        closed: times.filter((t) => t.closed !== null && within(t.closed)).length,
        overdue: chaseTimes.filter(within).length,
        backlog: times.filter((t) => t.created < e && (t.closed === null || t.closed >= e)).length,
      };
    });
    return { from: query.from, to: query.to, interval: query.interval, points };
  }

  /**
   * The categories (with their group) and compounds with the most concerns reported in the period, and
   * how many came in by each source (来源: the resident's channels and staff's 代录 channels).
   */
  async top(actor: StaffActor, query: StatsTopQuery): Promise<StatsTopView> {
    const reported = () =>
      this.scoped(actor, query).andWhere('c.created_at >= :from AND c.created_at < :to', {
        from: shanghaiDayStart(query.from),
        to: new Date(shanghaiDayStart(query.to).getTime() + DAY_MS),
      });
    const counted = (column: 'c.category_id' | 'c.compound_id') =>
      reported()
        .select(column, 'id')
        .addSelect('COUNT(*)', 'n')
        .groupBy(column)
        .orderBy('n', 'DESC')
        .addOrderBy(column, 'ASC')
        .limit(query.limit)
        .getRawMany<{ id: unknown; n: unknown }>();
    const [categoryCounts, compoundCounts, sourceCounts] = await Promise.all([
      counted('c.category_id'),
      counted('c.compound_id'),
      reported().select('c.source', 'source').addSelect('COUNT(*)', 'n').groupBy('c.source').getRawMany<{ source: string; n: unknown }>(),
    ]);
    const categoryIds = categoryCounts.map((r) => Number(r.id));
    const categories = categoryIds.length ? await this.dataSource.getRepository(Category).findBy({ id: In(categoryIds) }) : [];
    const parentIds = categories.map((c) => c.parentId).filter((id): id is number => id !== null);
    const parents = parentIds.length ? await this.dataSource.getRepository(Category).findBy({ id: In(parentIds) }) : [];
    const compoundIds = compoundCounts.map((r) => Number(r.id));
    const compounds = compoundIds.length ? await this.dataSource.getRepository(Compound).findBy({ id: In(compoundIds) }) : [];
    const categoryName = new Map(
      categories.map((c) => {
        const parent = parents.find((p) => p.id === c.parentId);
        return [c.id, parent ? `${parent.name} / ${c.name}` : c.name];
      }),
    );
    const compoundName = new Map(compounds.map((c) => [c.id, c.name]));
    const items = (rows: Array<{ id: unknown; n: unknown }>, names: Map<number, string>): TopItem[] =>
      rows.map((r) => ({ id: Number(r.id), name: names.get(Number(r.id)) ?? `#${String(r.id)}`, count: Number(r.n) }));
    return {
      from: query.from,
      to: query.to,
      categories: items(categoryCounts, categoryName),
      compounds: items(compoundCounts, compoundName),
      sources: CONCERN_SOURCES.map((source) => ({
        source,
        name: CONCERN_SOURCE_LABELS[source],
        count: Number(sourceCounts.find((r) => r.source === source)?.n ?? 0),
      })),
    };
  }

  /** The caller's concerns, narrowed to a street (by code) or a lead department when asked. */
  private scoped(actor: StaffActor, query: { street?: string; department?: number }): SelectQueryBuilder<Concern> {
    const qb = applyConcernScope(this.dataSource.getRepository(Concern).createQueryBuilder('c'), actor);
    if (query.street) qb.andWhere('c.street_id IN (SELECT s.id FROM street s WHERE s.code = :streetCode)', { streetCode: query.street });
    if (query.department) qb.andWhere('c.lead_department_id = :department', { department: query.department });
    return qb;
  }
}

/** SQLite answers raw datetimes as `YYYY-MM-DD HH:MM:SS.sss` in UTC, MariaDB as Date objects. */
function toTime(value: Date | string): number {
  if (value instanceof Date) return value.getTime();
  return Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
}
