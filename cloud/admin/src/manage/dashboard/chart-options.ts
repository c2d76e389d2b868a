import type { RatesRow, TopItem, TrendPoint } from '@manyi/shared';
import { ratePercent } from './period';

// The charts' options, built from the service's answers alone (pure, so tested without a canvas).

const RATE_SERIES = [
  { key: 'responseRate', name: '响应率' },
  { key: 'resolutionRate', name: '解决率' },
  { key: 'satisfactionRate', name: '满意率' },
] as const;

/** 三率 by street or department: one group of three bars per row, in percent. */
export function ratesBarOption(rows: readonly RatesRow[]) {
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v == null ? '—' : `${String(v)}%`) },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 36, bottom: 64 },
    xAxis: { type: 'category', data: rows.map((r) => r.name || r.key), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: RATE_SERIES.map((s) => ({ name: s.name, type: 'bar', barMaxWidth: 36, data: rows.map((r) => ratePercent(r[s.key])) })),
  };
}

/** Backlog and overdue over the period, with what came in and what ended. */
export function trendOption(points: readonly TrendPoint[]) {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 36, bottom: 32 },
    xAxis: { type: 'category', data: points.map((p) => p.start.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: '积压', type: 'line', data: points.map((p) => p.backlog), smooth: true },
      { name: '超期', type: 'line', data: points.map((p) => p.overdue), smooth: true },
      { name: '新增', type: 'bar', data: points.map((p) => p.received) },
      { name: '办结', type: 'bar', data: points.map((p) => p.closed) },
    ],
  };
}

/** A top list as horizontal bars, the most first at the top. */
export function topBarOption(items: readonly TopItem[]) {
  const reversed = [...items].reverse();
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 150, right: 24, top: 8, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: reversed.map((i) => i.name) },
    series: [{ name: '诉求数', type: 'bar', data: reversed.map((i) => i.count) }],
  };
}
