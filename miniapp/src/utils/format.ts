import { shanghaiWallClock } from '@manyi/shared';

// Times arrive in UTC (ISO strings) and are shown in Asia/Shanghai (@manyi/shared's shanghai-time:
// no Intl time zones, which weapp's JS engine may lack).

function shanghaiParts(iso: string): Date | undefined {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : shanghaiWallClock(time);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 2026-11-23 14:05 */
export function formatDateTime(iso: string): string {
  const d = shanghaiParts(iso);
  if (!d) return '';
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** 11月23日 14:05 */
export function formatShortDateTime(iso: string): string {
  const d = shanghaiParts(iso);
  if (!d) return '';
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** 2026-11-23 */
export function formatDate(iso: string): string {
  return formatDateTime(iso).slice(0, 10);
}

/** 11月23日 14:05–16:00, or both full times when the end falls on another day. */
export function formatTimeSpan(startIso: string, endIso: string): string {
  const start = formatShortDateTime(startIso);
  const end = formatShortDateTime(endIso);
  const [startDay] = start.split(' ');
  const [endDay, endTime] = end.split(' ');
  return startDay === endDay ? `${start}–${endTime}` : `${start} – ${end}`;
}
