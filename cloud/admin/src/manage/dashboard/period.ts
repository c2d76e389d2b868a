import { periodDays, statsOverviewQuerySchema, type RatesRow, type StatsInterval } from '@manyi/shared';

/** The periods offered with one click; 自定义 is any range the date picker gives. */
export const PERIOD_PRESETS = ['last7', 'last30', 'thisMonth', 'lastMonth', 'thisQuarter', 'thisYear'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];
export const PERIOD_PRESET_LABELS: Record<PeriodPreset, string> = {
  last7: '近7天',
  last30: '近30天',
  thisMonth: '本月',
  lastMonth: '上月',
  thisQuarter: '本季度',
  thisYear: '本年',
};

export interface Period {
  from: string;
  to: string;
}

const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);

/** A preset's days, both included, ending today (`today` is a Shanghai calendar day, YYYY-MM-DD). */
export function presetPeriod(preset: PeriodPreset, today: string): Period {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const month = m - 1;
  switch (preset) {
    case 'last7':
      return { from: iso(y, month, d - 6), to: today };
    case 'last30':
      return { from: iso(y, month, d - 29), to: today };
    case 'thisMonth':
      return { from: iso(y, month, 1), to: today };
    case 'lastMonth':
      return { from: iso(y, month - 1, 1), to: iso(y, month, 0) };
    case 'thisQuarter':
      return { from: iso(y, month - (month % 3), 1), to: today };
    case 'thisYear':
      return { from: iso(y, 0, 1), to: today };
  }
}

/** What is wrong with a period, in the service's own words (the shared schema), or null. */
export function periodProblem(period: Period): string | null {
  const result = statsOverviewQuerySchema.safeParse(period);
  return result.success ? null : (result.error.issues[0]?.message ?? '统计周期无效');
}

/** Days for up to two months, weeks beyond: a line of at most ~60 points either way. */
export function intervalFor(period: Period): StatsInterval {
  return periodDays(period.from, period.to) <= 62 ? 'day' : 'week';
}

/** 0.9512 → "95.1%"; nothing counted → "—" (0 of 0 is not 0 %). */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

export interface RateCard {
  key: 'response' | 'resolution' | 'satisfaction';
  /** 响应率 / 解决率 / 满意率 */
  label: string;
  rate: number | null;
  numerator: number;
  denominator: number;
  /** How it is counted, in the words of DESIGN.md's definitions. */
  formula: string;
}

/** The three rate cards (三率) of a row: each with its numerator and denominator, as the service counted them. */
export function rateCards(row: RatesRow): RateCard[] {
  return [
    {
      key: 'response',
      label: '响应率',
      rate: row.responseRate,
      numerator: row.signedOnTime,
      denominator: row.dispatched,
      formula: '按时签收 / 派单',
    },
    {
      key: 'resolution',
      label: '解决率',
      rate: row.resolutionRate,
      numerator: row.solved,
      denominator: row.rated,
      formula: '已解决 / 评价',
    },
    {
      key: 'satisfaction',
      label: '满意率',
      rate: row.satisfactionRate,
      numerator: row.satisfied + row.basicallySatisfied,
      denominator: row.rated,
      formula: '（满意 + 基本满意）/ 评价',
    },
  ];
}

/** A rate as a bar's height in percent; no bar at all when nothing was counted. */
export function ratePercent(rate: number | null): number | null {
  return rate === null ? null : Math.round(rate * 1000) / 10;
}
