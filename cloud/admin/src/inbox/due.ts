import { shanghaiDateTime, shanghaiYear } from '@manyi/shared';

/** How pressing a deadline is: past it, within the next four hours, or not yet. */
export type Urgency = 'overdue' | 'soon' | 'normal';

export const SOON_MS = 4 * 60 * 60 * 1000;

export function urgency(dueAt: string, now: number): Urgency {
  const left = Date.parse(dueAt) - now;
  if (left < 0) return 'overdue';
  if (left < SOON_MS) return 'soon';
  return 'normal';
}

/** "2天3小时", "3小时12分", "8分钟", "不到1分钟" — the span between two instants, for a countdown. */
export function formatSpan(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / (24 * 60));
  const hours = Math.floor((minutes % (24 * 60)) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 ? `${days}天${hours}小时` : `${days}天`;
  if (hours > 0) return mins > 0 ? `${hours}小时${mins}分` : `${hours}小时`;
  if (mins > 0) return `${mins}分钟`;
  return '不到1分钟';
}

/** "剩余 3小时12分" or "已超期 2天3小时". */
export function countdownText(dueAt: string, now: number): string {
  const left = Date.parse(dueAt) - now;
  return left < 0 ? `已超期 ${formatSpan(left)}` : `剩余 ${formatSpan(left)}`;
}

/** Shanghai wall-clock time of an ISO instant: "11-23 14:05" (with the year when it is not this year's). */
export function formatTime(iso: string, now: number = Date.now()): string {
  const instant = new Date(iso);
  const text = shanghaiDateTime(instant);
  return shanghaiYear(instant) === shanghaiYear(new Date(now)) ? text.slice(5) : text;
}
