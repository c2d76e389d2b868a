import { RATE_DEFINITIONS, type RatesRow } from '@manyi/shared';
import { describe, expect, it } from 'vitest';
import { ratesBarOption, topBarOption, trendOption } from './chart-options';
import { formatRate, intervalFor, periodProblem, presetPeriod, rateCards } from './period';

const row = (extra: Partial<RatesRow> = {}): RatesRow => ({
  key: 'xietu',
  name: '斜土路街道',
  dispatched: 8,
  signedOnTime: 6,
  rated: 4,
  solved: 3,
  satisfied: 2,
  basicallySatisfied: 1,
  unsatisfied: 1,
  responseRate: 0.75,
  resolutionRate: 0.75,
  satisfactionRate: 0.75,
  ratedByCallback: 0,
  triaged: 0,
  acceptedOnTime: 0,
  closed: 0,
  closedFirstTime: 0,
  closedOnTime: 0,
  closedRated: 0,
  closedUnreached: 0,
  oneTimeResolutionRate: null,
  onTimeAcceptanceRate: null,
  onTimeClosingRate: null,
  callbackCoverage: null,
  ...extra,
});

describe('the dashboard period', () => {
  it.each([
    ['last7', '2026-11-29', { from: '2026-11-23', to: '2026-11-29' }],
    ['last30', '2026-11-29', { from: '2026-10-31', to: '2026-11-29' }],
    ['thisMonth', '2026-11-29', { from: '2026-11-01', to: '2026-11-29' }],
    ['lastMonth', '2026-03-15', { from: '2026-02-01', to: '2026-02-28' }],
    ['lastMonth', '2026-01-10', { from: '2025-12-01', to: '2025-12-31' }],
    ['thisQuarter', '2026-11-29', { from: '2026-10-01', to: '2026-11-29' }],
    ['thisYear', '2026-11-29', { from: '2026-01-01', to: '2026-11-29' }],
  ] as const)('%s on %s covers %o', (preset, today, expected) => {
    expect(presetPeriod(preset, today)).toEqual(expected);
  });

  it("refuses, in the service's words, a start after the end and a period over a year", () => {
    expect(periodProblem({ from: '2026-11-29', to: '2026-11-01' })).toBe('开始日期不能晚于结束日期');
    expect(periodProblem({ from: '2025-01-01', to: '2026-11-29' })).toBe('统计周期最长 366 天');
    expect(periodProblem({ from: '2026-01-01', to: '2026-11-29' })).toBeNull();
  });

  it('draws days for up to two months and weeks beyond', () => {
    expect(intervalFor({ from: '2026-10-01', to: '2026-11-29' })).toBe('day');
    expect(intervalFor({ from: '2026-01-01', to: '2026-11-29' })).toBe('week');
  });
});

describe('the dashboard data mapping', () => {
  it('shows each rate with the counts it was made of, the new ones beside the three', () => {
    const sut = rateCards(
      row({
        triaged: 10,
        acceptedOnTime: 9,
        onTimeAcceptanceRate: 0.9,
        closed: 5,
        closedFirstTime: 4,
        closedOnTime: 3,
        closedRated: 4,
        closedUnreached: 1,
        ratedByCallback: 2,
        oneTimeResolutionRate: 0.8,
        onTimeClosingRate: 0.6,
        callbackCoverage: 0.8,
      }),
    );
    expect(sut.map((c) => [c.label, formatRate(c.rate), `${c.numerator} / ${c.denominator}`, c.note])).toEqual([
      ['响应率', '75.0%', '6 / 8', null],
      ['按时受理率', '90.0%', '9 / 10', null],
      ['解决率', '75.0%', '3 / 4', '其中回访评价 2'],
      ['满意率', '75.0%', '3 / 4', '其中回访评价 2'],
      ['一次性化解率', '80.0%', '4 / 5', null],
      ['按时办结率', '60.0%', '3 / 5', null],
      ['回访覆盖率', '80.0%', '4 / 5', '未回访 1'],
    ]);
  });

  it('gives each rate the shared definition, word for word', () => {
    for (const card of rateCards(row())) expect(card.definition).toBe(RATE_DEFINITIONS[card.key].definition);
  });

  it('shows a rate of nothing counted as a dash, not 0 %', () => {
    expect(formatRate(null)).toBe('—');
    expect(formatRate(0)).toBe('0.0%');
    const option = ratesBarOption([row({ key: 'fenglin', name: '枫林路街道', rated: 0, resolutionRate: null, satisfactionRate: null })]);
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['响应率', [75]],
      ['解决率', [null]],
      ['满意率', [null]],
    ]);
    expect(option.xAxis.data).toEqual(['枫林路街道']);
  });

  it('draws backlog and overdue as lines over the buckets, received and closed as bars', () => {
    const option = trendOption([
      { start: '2026-11-28', received: 3, closed: 1, overdue: 0, backlog: 5 },
      { start: '2026-11-29', received: 1, closed: 2, overdue: 1, backlog: 4 },
    ]);
    expect(option.xAxis.data).toEqual(['11-28', '11-29']);
    expect(option.series.map((s) => [s.name, s.type, s.data])).toEqual([
      ['积压', 'line', [5, 4]],
      ['超期', 'line', [0, 1]],
      ['新增', 'bar', [3, 1]],
      ['办结', 'bar', [1, 2]],
    ]);
  });

  it('puts the top item at the top of a horizontal bar chart', () => {
    const option = topBarOption([
      { id: 1, name: '恒益', count: 9 },
      { id: 2, name: '双峰', count: 4 },
    ]);
    expect(option.yAxis.data).toEqual(['双峰', '恒益']);
    expect(option.series[0]!.data).toEqual([4, 9]);
  });
});
