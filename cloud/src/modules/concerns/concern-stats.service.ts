import { Injectable } from '@nestjs/common';
import {
  CONCERN_SOURCE_LABELS,
  CONCERN_SOURCES,
  startOfShanghaiDay,
  type StatsOverviewQuery,
  type StatsOverviewView,
  type StatsTopQuery,
  type StatsTopView,
  type StatsTrendsQuery,
  type StatsTrendsView,
  type TopItem,
  type TrendPoint,
} from '@manyi/shared';
import type { StaffActor } from '../../common/actor.js';
import { ConcernRatesService } from './concern-rates.service.js';
import { ConcernStatsRepository, type Counted } from './concern-stats.repository.js';

const DAY_MS = 24 * 60 * 60 * 1000;

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
    buckets.push({ start, begin: startOfShanghaiDay(start), end: startOfShanghaiDay(end) });
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
    private readonly stats: ConcernStatsRepository,
    private readonly rates: ConcernRatesService,
  ) {}

  async overview(actor: StaffActor, query: StatsOverviewQuery, now = new Date()): Promise<StatsOverviewView> {
    const [rates, current] = await Promise.all([
      this.rates.rates(
        actor,
        { from: query.from, to: query.to, street: query.street, department: query.department },
        query.groupBy === 'category' || query.groupBy === 'channel' ? [query.groupBy] : [],
      ),
      this.stats.backlog(actor, query, now),
    ]);
    return {
      from: query.from,
      to: query.to,
      groupBy: query.groupBy,
      total: rates.total,
      rows: { street: rates.byStreet, department: rates.byDepartment, category: rates.byCategory, channel: rates.byChannel }[query.groupBy],
      backlog: current.backlog,
      overdue: current.overdue,
    };
  }

  /** Per bucket: reported, ended, gone overdue (the deadline sweep's 催办 events) and still open at its end. */
  async trends(actor: StaffActor, query: StatsTrendsQuery): Promise<StatsTrendsView> {
    const buckets = trendBuckets(query.from, query.to, query.interval);
    const { concerns: times, chases: chaseTimes } = await this.stats.trendTimes(actor, query, buckets[0]!.begin, buckets.at(-1)!.end);
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
    const counts = await this.stats.reportedCounts(
      actor,
      query,
      startOfShanghaiDay(query.from),
      new Date(startOfShanghaiDay(query.to).getTime() + DAY_MS),
      query.limit,
    );
    const categoryName = await this.stats.categoryNames(counts.categories.map((r) => r.key));
    const compoundName = await this.stats.compoundNames(counts.compounds.map((r) => r.key));
    const items = (rows: Counted<number>[], names: Map<number, string>): TopItem[] =>
      rows.map((r) => ({ id: r.key, name: names.get(r.key) ?? `#${String(r.key)}`, count: r.count }));
    return {
      from: query.from,
      to: query.to,
      categories: items(counts.categories, categoryName),
      compounds: items(counts.compounds, compoundName),
      sources: CONCERN_SOURCES.map((source) => ({
        source,
        name: CONCERN_SOURCE_LABELS[source],
        count: counts.sources.find((r) => r.key === source)?.count ?? 0,
      })),
    };
  }
}
