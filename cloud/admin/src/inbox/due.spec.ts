import { describe, expect, it } from 'vitest';
import { countdownText, formatSpan, formatTime, urgency } from './due';

const NOW = Date.parse('2026-11-24T02:00:00Z'); // 10:00 in Shanghai
const at = (minutesFromNow: number) => new Date(NOW + minutesFromNow * 60_000).toISOString();

describe('due-time urgency', () => {
  it('is overdue once the deadline has passed, soon within four hours, normal after that', () => {
    expect(urgency(at(-1), NOW)).toBe('overdue');
    expect(urgency(at(0), NOW)).toBe('soon');
    expect(urgency(at(239), NOW)).toBe('soon');
    expect(urgency(at(240), NOW)).toBe('normal');
    expect(urgency(at(60 * 24 * 3), NOW)).toBe('normal');
  });

  it('counts down in days, hours and minutes, and counts up once overdue', () => {
    expect(countdownText(at(192), NOW)).toBe('剩余 3小时12分');
    expect(countdownText(at(-(2 * 24 * 60 + 3 * 60)), NOW)).toBe('已超期 2天3小时');
    expect(formatSpan(8 * 60_000)).toBe('8分钟');
    expect(formatSpan(30_000)).toBe('不到1分钟');
    expect(formatSpan(24 * 60 * 60_000)).toBe('1天');
  });

  it('shows times on the Shanghai clock, with the year only when it is not this year', () => {
    expect(formatTime('2026-11-24T06:05:00Z', NOW)).toBe('11-24 14:05');
    expect(formatTime('2025-12-31T16:30:00Z', NOW)).toBe('01-01 00:30');
    expect(formatTime('2025-06-01T00:00:00Z', NOW)).toBe('2025-06-01 08:00');
  });
});
