import {
  periodDays,
  RATE_DEFINITIONS,
  rateNumerator,
  RATE_KEYS,
  statsOverviewQuerySchema,
  type RateKey,
  type RatesRow,
  type StatsInterval,
} from '@manyi/shared';

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
  /** The card's test id: rate-<id>. */
  id: string;
  key: RateKey;
  /** 响应率, 一次性化解率 … (RATE_DEFINITIONS' label) */
  label: string;
  rate: number | null;
  numerator: number;
  denominator: number;
  /** The counts' names, short: 按时签收 / 派单. */
  formula: string;
  /** The shared definition, as the Excel export writes it. */
  definition: string;
  /** A count said beside it: how many ratings came by 回访, how many closed as 未回访. */
  note: string | null;
}

const CARD_IDS: Record<RateKey, string> = {
  responseRate: 'response',
  onTimeAcceptanceRate: 'on-time-acceptance',
  resolutionRate: 'resolution',
  satisfactionRate: 'satisfaction',
  oneTimeResolutionRate: 'one-time-resolution',
  onTimeClosingRate: 'on-time-closing',
  callbackCoverage: 'callback-coverage',
};

const FORMULAS: Record<RateKey, string> = {
  responseRate: '按时签收 / 派单',
  onTimeAcceptanceRate: '按时受理 / 受理决定',
  resolutionRate: '已解决 / 评价',
  satisfactionRate: '（满意 + 基本满意）/ 评价',
  oneTimeResolutionRate: '未重办 / 办结',
  onTimeClosingRate: '按时办结 / 办结',
  callbackCoverage: '已评价 / 办结',
};

/**
 * Every rate of a row (RATE_KEYS' order: the three rates with 按时受理率 beside response, then 一次性化解率,
 * 按时办结率, 回访覆盖率), each with the counts the service counted it from and the shared definition.
 */
export function rateCards(row: RatesRow): RateCard[] {
  return RATE_KEYS.map((key) => {
    const definition = RATE_DEFINITIONS[key];
    // 满意率 counts 基本满意 as satisfied too.
    const numerator = rateNumerator(definition, row);
    const byCallback = key === 'resolutionRate' || key === 'satisfactionRate' ? `其中回访评价 ${row.ratedByCallback}` : null;
    return {
      id: CARD_IDS[key],
      key,
      label: definition.label,
      rate: row[key],
      numerator,
      denominator: Number(row[definition.denominator]),
      formula: FORMULAS[key],
      definition: definition.definition,
      note: key === 'callbackCoverage' ? `未回访 ${row.closedUnreached}` : byCallback,
    };
  });
}

/** A rate as a bar's height in percent; no bar at all when nothing was counted. */
export function ratePercent(rate: number | null): number | null {
  return rate === null ? null : Math.round(rate * 1000) / 10;
}
