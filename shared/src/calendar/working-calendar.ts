import { CALENDAR_HORIZON_DAYS, type CalendarCoverage, type CalendarDay, type CalendarDayKind } from './calendar.schemas.js';
import { minuteOfShanghaiDay, shanghaiDate, startOfShanghaiDay } from './shanghai-time.js';

/**
 * Working-time arithmetic on the mainland-China calendar. The calendar is an input: the service keeps it
 * as data (工作日历, seeded from the chinese-days package, next years entered by an admin from the State
 * Council's notice) and passes it in, so everything here stays pure.
 *
 * A year nobody has entered counts Monday–Friday as working days; deadlines over it are provisional.
 *
 * All instants are `Date`s (UTC); the office clock is Asia/Shanghai (shanghai-time.ts).
 */
const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * MINUTE_MS;

export interface WorkingHours {
  /** Minutes after local midnight when the working day starts (9:00 → 540). */
  startMinute: number;
  /** Minutes after local midnight when it ends (17:30 → 1050). */
  endMinute: number;
}

export const DEFAULT_WORKING_HOURS: WorkingHours = { startMinute: 9 * 60, endMinute: 17 * 60 + 30 };

/** The holidays and make-up working days in force, and which years they cover. */
export interface WorkingCalendar {
  /** Dated exceptions to Monday–Friday, by Shanghai date (YYYY-MM-DD). */
  readonly exceptions: ReadonlyMap<string, CalendarDayKind>;
  /** Years whose exceptions were entered; any other year is Monday–Friday, provisionally. */
  readonly publishedYears: ReadonlySet<number>;
}

export function workingCalendar(days: Iterable<Pick<CalendarDay, 'date' | 'kind'>>, publishedYears: Iterable<number>): WorkingCalendar {
  const exceptions = new Map<string, CalendarDayKind>();
  for (const day of days) exceptions.set(day.date, day.kind);
  return { exceptions, publishedYears: new Set(publishedYears) };
}

/** A calendar with no year entered: Monday–Friday everywhere, every deadline provisional. */
export const MONDAY_TO_FRIDAY: WorkingCalendar = workingCalendar([], []);

/** Whether a Shanghai calendar date (YYYY-MM-DD) is a working day, make-up Saturdays included. */
export function isWorkingDay(calendar: WorkingCalendar, date: string): boolean {
  const exception = calendar.exceptions.get(date);
  if (exception) return exception === 'workday';
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/**
 * Whether a deadline counted from `from` to `to` crossed a year nobody has entered: it was counted
 * Monday–Friday there and may move when the year is entered.
 */
export function isProvisional(calendar: WorkingCalendar, from: Date, to: Date): boolean {
  const first = yearOf(shanghaiDate(from < to ? from : to));
  const last = yearOf(shanghaiDate(from < to ? to : from));
  for (let year = first; year <= last; year++) if (!calendar.publishedYears.has(year)) return true;
  return false;
}

/** What the calendar covers, seen from `now`: the end of the published run, and the missing years ahead. */
export function calendarCoverage(calendar: WorkingCalendar, now: Date, horizonDays = CALENDAR_HORIZON_DAYS): CalendarCoverage {
  const thisYear = yearOf(shanghaiDate(now));
  const horizonYear = yearOf(shanghaiDate(new Date(now.getTime() + horizonDays * DAY_MS)));
  let lastCovered: number | null = null;
  for (let year = thisYear; calendar.publishedYears.has(year); year++) lastCovered = year;
  const missingYears: number[] = [];
  for (let year = thisYear; year <= horizonYear; year++) if (!calendar.publishedYears.has(year)) missingYears.push(year);
  return { coveredUntil: lastCovered === null ? null : `${lastCovered}-12-31`, missingYears };
}

/** The UTC instant of a Shanghai local date at `minute` minutes after midnight. */
function atShanghaiMinute(date: string, minute: number): Date {
  return new Date(startOfShanghaiDay(date).getTime() + minute * MINUTE_MS);
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/** Length of one working day in minutes (510 for 9:00–17:30). */
export function workingDayMinutes(hours: WorkingHours = DEFAULT_WORKING_HOURS): number {
  return hours.endMinute - hours.startMinute;
}

/**
 * The instant `minutes` working minutes after `from`. Time outside working hours does not count: a
 * concern reported on Saturday evening starts its clock at 9:00 on the next working day.
 */
export function addWorkingMinutes(
  calendar: WorkingCalendar,
  from: Date,
  minutes: number,
  hours: WorkingHours = DEFAULT_WORKING_HOURS,
): Date {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`working minutes must be ≥ 0, got ${minutes}`);
  let date = shanghaiDate(from);
  // Sub-minute precision is kept: start from the exact instant when it is inside working hours.
  let cursor = from.getTime();
  const minuteNow = minuteOfShanghaiDay(from);
  if (!isWorkingDay(calendar, date) || minuteNow >= hours.endMinute) {
    date = nextWorkingDate(calendar, date);
    cursor = atShanghaiMinute(date, hours.startMinute).getTime();
  } else if (minuteNow < hours.startMinute) {
    cursor = atShanghaiMinute(date, hours.startMinute).getTime();
  }
  let remainingMs = minutes * MINUTE_MS;
  for (;;) {
    const dayEnd = atShanghaiMinute(date, hours.endMinute).getTime();
    if (cursor + remainingMs <= dayEnd) return new Date(cursor + remainingMs);
    remainingMs -= dayEnd - cursor;
    date = nextWorkingDate(calendar, date);
    cursor = atShanghaiMinute(date, hours.startMinute).getTime();
  }
}

function nextWorkingDate(calendar: WorkingCalendar, date: string): string {
  let d = nextDate(date);
  // The longest run of non-working days in the calendar is the Spring Festival week plus a weekend.
  for (let guard = 0; guard < 60 && !isWorkingDay(calendar, d); guard++) d = nextDate(d);
  return d;
}

export function addWorkingHours(
  calendar: WorkingCalendar,
  from: Date,
  workingHours: number,
  hours: WorkingHours = DEFAULT_WORKING_HOURS,
): Date {
  return addWorkingMinutes(calendar, from, Math.round(workingHours * 60), hours);
}

/**
 * `days` full working days after `from`: a concern dispatched Monday 10:00 with one working day is due
 * Tuesday 10:00; one dispatched Friday 10:00 before a holiday week is due on the first day back, 10:00.
 */
export function addWorkingDays(calendar: WorkingCalendar, from: Date, days: number, hours: WorkingHours = DEFAULT_WORKING_HOURS): Date {
  return addWorkingMinutes(calendar, from, days * workingDayMinutes(hours), hours);
}

/** The end of the working day `from` falls in (or of the next working day when it is outside hours): "the same working day". */
export function endOfWorkingDay(calendar: WorkingCalendar, from: Date, hours: WorkingHours = DEFAULT_WORKING_HOURS): Date {
  const start = addWorkingMinutes(calendar, from, 0, hours);
  return atShanghaiMinute(shanghaiDate(start), hours.endMinute);
}

/** Working minutes between two instants (0 when `to` is not after `from`). */
export function workingMinutesBetween(
  calendar: WorkingCalendar,
  from: Date,
  to: Date,
  hours: WorkingHours = DEFAULT_WORKING_HOURS,
): number {
  if (to.getTime() <= from.getTime()) return 0;
  let total = 0;
  let date = shanghaiDate(from);
  const lastDate = shanghaiDate(to);
  for (;;) {
    if (isWorkingDay(calendar, date)) {
      const start = Math.max(from.getTime(), atShanghaiMinute(date, hours.startMinute).getTime());
      const end = Math.min(to.getTime(), atShanghaiMinute(date, hours.endMinute).getTime());
      if (end > start) total += end - start;
    }
    if (date >= lastDate) break;
    date = nextDate(date);
  }
  return Math.floor(total / MINUTE_MS);
}
