import { z } from 'zod';
import { isoDate } from '../schemas/inbox.schemas.js';
import { text } from '../schemas/text.js';

/**
 * 工作日历: the dated exceptions to Monday–Friday that the State Council announces each year — a
 * holiday (放假) on a weekday, or a make-up working day (调休上班) on a weekend. A year is "published"
 * once its exceptions have been entered (a year with none is still a published year if entered so).
 */
export const CALENDAR_DAY_KINDS = ['holiday', 'workday'] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

export const CALENDAR_DAY_KIND_LABELS: Record<CalendarDayKind, string> = { holiday: '放假', workday: '调休上班' };

/** Where a year's days came from: the calendar package (seed), a pasted State Council notice, or entered by hand. */
export const CALENDAR_SOURCES = ['package', 'notice', 'manual'] as const;
export type CalendarSource = (typeof CALENDAR_SOURCES)[number];

export const CALENDAR_SOURCE_LABELS: Record<CalendarSource, string> = { package: '日历数据包', notice: '国务院通知', manual: '手工录入' };

export interface CalendarDay {
  /** Shanghai calendar date, YYYY-MM-DD. */
  date: string;
  kind: CalendarDayKind;
  /** The holiday it belongs to (春节, 国庆节 …); a make-up day carries the name of the holiday it makes up for. */
  name: string;
}

/** Years the calendar can hold: wide enough for any deadline, narrow enough to catch a typo. */
export const CALENDAR_FIRST_YEAR = 2000;
export const CALENDAR_LAST_YEAR = 2100;

export const calendarYearSchema = z.coerce
  .number({ error: '年份无效' })
  .int({ message: '年份无效' })
  .min(CALENDAR_FIRST_YEAR, { message: `年份为 ${CALENDAR_FIRST_YEAR} 至 ${CALENDAR_LAST_YEAR}` })
  .max(CALENDAR_LAST_YEAR, { message: `年份为 ${CALENDAR_FIRST_YEAR} 至 ${CALENDAR_LAST_YEAR}` });

/** Whether a YYYY-MM-DD string names a real day (not 02-30). */
export function isRealDate(date: string): boolean {
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}

export const calendarDaySchema = z.strictObject({
  date: isoDate('日期').refine(isRealDate, { message: '日期不存在' }),
  kind: z.enum(CALENDAR_DAY_KINDS, { error: '请选择放假或调休上班' }),
  // 40: the longest a notice has named one (2015's 中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日 is 26).
  name: text('节日名称', 1, 40),
});

/** A year holds far fewer exceptions than this (about 30); the bound only stops a runaway paste. */
export const MAX_CALENDAR_DAYS_PER_YEAR = 120;

/** `PUT /api/v1/admin/calendar/:year`: the year's whole list of exceptions, replacing what was there. */
export const putCalendarYearSchema = z.strictObject({
  days: z.array(calendarDaySchema).max(MAX_CALENDAR_DAYS_PER_YEAR, { message: `一年最多 ${MAX_CALENDAR_DAYS_PER_YEAR} 个调整日` }),
  source: z.enum(CALENDAR_SOURCES).default('manual'),
});
export type PutCalendarYearInput = z.infer<typeof putCalendarYearSchema>;

/**
 * The checks that need the year from the path: every day inside it, none twice, no make-up working day
 * on a weekday. A holiday may fall on a weekend: the notices count the whole span (春节 Sat–Sun included).
 */
export function calendarYearProblems(year: number, days: readonly CalendarDay[]): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  days.forEach((day, i) => {
    if (!day.date.startsWith(`${year}-`)) problems.push({ path: `days.${i}.date`, message: `${day.date} 不在 ${year} 年` });
    if (seen.has(day.date)) problems.push({ path: `days.${i}.date`, message: `${day.date} 重复` });
    seen.add(day.date);
    const weekday = new Date(`${day.date}T00:00:00Z`).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    if (day.kind === 'workday' && !weekend)
      problems.push({ path: `days.${i}.kind`, message: `${day.date} 本来就是工作日，不能设为调休上班` });
  });
  return problems;
}

/** `POST /api/v1/admin/calendar/import`: the pasted text of the State Council's annual notice. */
export const importHolidayNoticeSchema = z.strictObject({
  text: z.string({ error: '请粘贴通知全文' }).trim().min(1, { message: '请粘贴通知全文' }).max(20_000, { message: '通知内容过长' }),
});
export type ImportHolidayNoticeInput = z.infer<typeof importHolidayNoticeSchema>;

/** What the parser read from a notice: nothing is saved until the admin PUTs the year. */
export interface HolidayNoticeView {
  /** The year the notice is about (from its title, or from the dates); null when none could be told. */
  year: number | null;
  days: CalendarDay[];
  /** Lines that looked like part of the schedule but could not be read, for the admin to check by hand. */
  warnings: string[];
}

/** `GET /api/v1/admin/calendar/:year`. */
export interface CalendarYearView {
  year: number;
  published: boolean;
  source: CalendarSource | null;
  updatedAt: string | null;
  /** Username of who last saved it; null for the seed. */
  updatedBy: string | null;
  days: CalendarDay[];
  coverage: CalendarCoverage;
}

/** The answer to a save: the year as saved, and how many open concerns' deadlines moved with it. */
export interface CalendarYearSavedView extends CalendarYearView {
  recomputedConcerns: number;
}

/**
 * Whether the calendar reaches far enough: `coveredUntil` is the last day of the run of published years
 * from this year on (null when this year itself is missing); `missingYears` are the years the next
 * CALENDAR_HORIZON_DAYS days reach that nobody has entered.
 */
export interface CalendarCoverage {
  coveredUntil: string | null;
  missingYears: number[];
}

/** How far ahead a missing year is announced (banner, health, log line). */
export const CALENDAR_HORIZON_DAYS = 60;

/** One year in the calendar's overview. */
export interface CalendarYearSummary {
  year: number;
  published: boolean;
  source: CalendarSource | null;
  holidays: number;
  workdays: number;
  updatedAt: string | null;
}

/**
 * `GET /api/v1/admin/calendar`: the coverage (for the banner) and every year entered, plus the missing
 * years ahead, newest first.
 */
export interface CalendarOverviewView {
  coverage: CalendarCoverage;
  years: CalendarYearSummary[];
}

/** Who reads the calendar's coverage (the banner); who changes it is ADMIN_AREA_ROLES.calendar. */
export const CALENDAR_READERS = ['admin', 'supervisor', 'dispatcher'] as const;
