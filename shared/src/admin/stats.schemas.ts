import { z } from 'zod';
import type { ConcernSource } from '../concern/concern-status.js';
import type { RatesRow } from '../concern/concern.views.js';
import { CODE_PATTERN } from '../directory/directory.js';
import { isoDate } from '../schemas/inbox.schemas.js';
import { id } from '../schemas/text.js';

/** The longest period a dashboard query covers: a year and a day, so "this year" with a leap day fits. */
export const STATS_MAX_DAYS = 366;
/** The dashboard's groupings: by street, by lead department, by category (类别), by channel (来源). */
export const STATS_GROUP_BY = ['street', 'department', 'category', 'channel'] as const;
export type StatsGroupBy = (typeof STATS_GROUP_BY)[number];
export const STATS_GROUP_BY_LABELS: Record<StatsGroupBy, string> = {
  street: '街道',
  department: '部门',
  category: '类别',
  channel: '来源',
};
export const STATS_INTERVALS = ['day', 'week'] as const;
export type StatsInterval = (typeof STATS_INTERVALS)[number];
export const STATS_TOP_LIMIT = 10;

/** Days from `from` to `to`, both included (calendar days; the dates are already validated). */
export function periodDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

const period = {
  from: isoDate('开始日期'),
  to: isoDate('结束日期'),
  street: z.string().regex(CODE_PATTERN, { message: '街道无效' }).optional(),
  department: id('部门').optional(),
};

function refinePeriod<T extends { from: string; to: string }>(schema: z.ZodType<T>) {
  return schema
    .refine((v) => !Number.isNaN(Date.parse(`${v.from}T00:00:00Z`)) && !Number.isNaN(Date.parse(`${v.to}T00:00:00Z`)), {
      message: '日期无效',
      path: ['from'],
    })
    .refine((v) => v.from <= v.to, { message: '开始日期不能晚于结束日期', path: ['from'] })
    .refine((v) => periodDays(v.from, v.to) <= STATS_MAX_DAYS, { message: `统计周期最长 ${STATS_MAX_DAYS} 天`, path: ['to'] });
}

/** `GET /api/v1/admin/stats/overview` (and the Excel export): the rates over a period, by street, department, category or channel. */
export const statsOverviewQuerySchema = refinePeriod(
  z.object({
    ...period,
    groupBy: z.enum(STATS_GROUP_BY, { error: '分组方式应为 street、department、category 或 channel' }).default('street'),
  }),
);
export type StatsOverviewQuery = z.infer<typeof statsOverviewQuerySchema>;

/** `GET /api/v1/admin/stats/trends`: received, closed, backlog and overdue per day or week. */
export const statsTrendsQuerySchema = refinePeriod(
  z.object({ ...period, interval: z.enum(STATS_INTERVALS, { error: '间隔应为 day 或 week' }).default('day') }),
);
export type StatsTrendsQuery = z.infer<typeof statsTrendsQuerySchema>;

/** `GET /api/v1/admin/stats/top`: the categories and compounds with the most concerns reported in the period. */
export const statsTopQuerySchema = refinePeriod(
  z.object({
    ...period,
    limit: z.coerce
      .number({ error: '数量无效' })
      .int({ message: '数量无效' })
      .min(1, { message: '数量为 1 至 50' })
      .max(50, { message: '数量为 1 至 50' })
      .default(STATS_TOP_LIMIT),
  }),
);
export type StatsTopQuery = z.infer<typeof statsTopQuerySchema>;

/** `GET /api/v1/admin/stats/export.xlsx`: every number of the dashboard for one period. */
export const statsExportQuerySchema = statsOverviewQuerySchema;
export type StatsExportQuery = StatsOverviewQuery;

export interface StatsOverviewView {
  from: string;
  to: string;
  groupBy: StatsGroupBy;
  /** The caller's whole scope over the period. */
  total: RatesRow;
  /** One row per street, (lead) department, category or channel (`key` the ConcernSource) that had something to count. */
  rows: RatesRow[];
  /** Now, not over the period: concerns still open, and those past their deadline. */
  backlog: number;
  overdue: number;
}

export interface TrendPoint {
  /** The first day of the bucket (`YYYY-MM-DD`; a week starts on Monday). */
  start: string;
  /** Reported in the bucket. */
  received: number;
  /** Ended in the bucket (closed, rejected, merged or withdrawn). */
  closed: number;
  /** Went past a deadline in the bucket (the sweep's 催办). */
  overdue: number;
  /** Still open at the end of the bucket. */
  backlog: number;
}

export interface StatsTrendsView {
  from: string;
  to: string;
  interval: StatsInterval;
  points: TrendPoint[];
}

export interface TopItem {
  id: number;
  name: string;
  count: number;
}

/** 来源分布: how many concerns came in by one source (channel) in the period. */
export interface SourceCount {
  source: ConcernSource;
  /** CONCERN_SOURCE_LABELS' word for it. */
  name: string;
  count: number;
}

export interface StatsTopView {
  from: string;
  to: string;
  categories: TopItem[];
  compounds: TopItem[];
  /** Every source (channel), zero included, in CONCERN_SOURCES' order: the mini-program, visits, 12345, phone, walk-in … */
  sources: SourceCount[];
}
