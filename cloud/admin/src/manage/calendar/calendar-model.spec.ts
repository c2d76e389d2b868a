import type { CalendarOverviewView } from '@manyi/shared';
import { describe, expect, it } from 'vitest';
import {
  changedDates,
  checkDraft,
  defaultYear,
  monthWeeks,
  serverProblems,
  suggestName,
  weekdayLabel,
  withDay,
  withoutDay,
  yearChoices,
} from './calendar-model';

const overview = (missingYears: number[]): CalendarOverviewView => ({
  coverage: { coveredUntil: missingYears.includes(2026) ? null : '2026-12-31', missingYears },
  years: [
    { year: 2025, published: true, source: 'package', holidays: 28, workdays: 5, updatedAt: null },
    { year: 2026, published: true, source: 'package', holidays: 33, workdays: 5, updatedAt: null },
  ],
});

describe(monthWeeks.name, () => {
  it('lays a month out Monday first, blank before the 1st and after the last day', () => {
    // 2027-02-01 is a Monday; February 2027 has 28 days: exactly four rows.
    const february = monthWeeks(2027, 1);
    expect(february).toHaveLength(4);
    expect(february[0]![0]).toBe('2027-02-01');
    expect(february[3]![6]).toBe('2027-02-28');
    // 2027-01-01 is a Friday: four blanks, then Fri 1, Sat 2, Sun 3.
    expect(monthWeeks(2027, 0)[0]).toEqual([null, null, null, null, '2027-01-01', '2027-01-02', '2027-01-03']);
  });

  it('names the weekday of a date', () => {
    expect([weekdayLabel('2027-02-06'), weekdayLabel('2027-02-08')]).toEqual(['星期六', '星期一']);
  });
});

describe('the draft', () => {
  const days = [
    { date: '2027-02-10', kind: 'holiday' as const, name: '春节' },
    { date: '2027-02-06', kind: 'workday' as const, name: '春节' },
  ];

  it('keeps one entry per date, in date order, and drops a date set back to normal', () => {
    const next = withDay(days, { date: '2027-02-10', kind: 'holiday', name: '春节假期' });
    expect(next.map((d) => `${d.date} ${d.name}`)).toEqual(['2027-02-06 春节', '2027-02-10 春节假期']);
    expect(withoutDay(next, '2027-02-06').map((d) => d.date)).toEqual(['2027-02-10']);
  });

  it('suggests the name of the nearest entry within a week, and nothing further away', () => {
    expect(suggestName(days, '2027-02-11')).toBe('春节');
    expect(suggestName(days, '2027-03-01')).toBeUndefined();
  });

  it('marks what differs from the saved year', () => {
    const saved = [days[0]!];
    expect([...changedDates(saved, withDay(saved, { date: '2027-02-06', kind: 'workday', name: '春节' }))]).toEqual(['2027-02-06']);
    expect([...changedDates(saved, [])]).toEqual(['2027-02-10']);
  });

  it('is checked with the shared rules, each problem naming its day', () => {
    expect(checkDraft(2027, days, 'notice')).toEqual({ ok: true, body: { days, source: 'notice' } });
    const sut = checkDraft(
      2027,
      [...days, { date: '2027-02-09', kind: 'workday', name: '春节' }, { date: '2026-12-31', kind: 'holiday', name: '' }],
      'manual',
    );
    expect(sut.ok).toBe(false);
    expect(!sut.ok && sut.problems).toEqual(['2026-12-31（未命名）：请填写节日名称']);
  });

  it('says the problems the year brings (a make-up day on a weekday, a day of another year)', () => {
    const sut = checkDraft(
      2027,
      [...days, { date: '2027-02-09', kind: 'workday', name: '春节' }, { date: '2026-12-31', kind: 'holiday', name: '元旦' }],
      'manual',
    );
    expect(!sut.ok && sut.problems).toEqual(['2027-02-09 本来就是工作日，不能设为调休上班', '2026-12-31 不在 2027 年']);
  });

  it("reads the service's VALIDATION_FAILED details the same way", () => {
    expect(
      serverProblems(
        [
          { path: 'days.1.name', message: '节日名称过长' },
          { path: '', message: '一年最多 120 个调整日' },
        ],
        days,
      ),
    ).toEqual(['2027-02-06（春节）：节日名称过长', '一年最多 120 个调整日']);
    expect(serverProblems(undefined, days)).toEqual([]);
  });
});

describe('the year picker', () => {
  it('opens on the first missing year, else this year', () => {
    expect(defaultYear(overview([2027]), 2026)).toBe(2027);
    expect(defaultYear(overview([]), 2026)).toBe(2026);
    expect(defaultYear(null, 2026)).toBe(2026);
  });

  it('offers the years entered, the missing ones, this year and the next, newest first', () => {
    expect(yearChoices(overview([2027]), 2026)).toEqual([2027, 2026, 2025]);
    expect(yearChoices(null, 2026, 2030)).toEqual([2030, 2027, 2026]);
  });
});
