import {
  calendarYearProblems,
  putCalendarYearSchema,
  type CalendarDay,
  type CalendarOverviewView,
  type PutCalendarYearInput,
} from '@manyi/shared';

// The 工作日历 page's arithmetic on plain YYYY-MM-DD strings: month grids, the draft's edits, the checks
// before a save. Dates are calendar dates, not instants, so everything is done in UTC where a date's
// midnight never moves.

/** The names the State Council's notices use, in the order of the year; the editor offers them first. */
export const HOLIDAY_NAMES = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'] as const;

const WEEKDAY_NAMES = ['日', '一', '二', '三', '四', '五', '六'] as const;

/** Column heads of a month, Monday first as on a Chinese wall calendar. */
export const WEEK_HEADS = ['一', '二', '三', '四', '五', '六', '日'] as const;

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** "星期三" */
export function weekdayLabel(date: string): string {
  return `星期${WEEKDAY_NAMES[weekdayOf(date)]}`;
}

export function isWeekend(date: string): boolean {
  const day = weekdayOf(date);
  return day === 0 || day === 6;
}

/** "2月10日" */
export function shortDate(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

function iso(year: number, monthIndex: number, day: number): string {
  return new Date(Date.UTC(year, monthIndex, day)).toISOString().slice(0, 10);
}

/**
 * One month as rows of seven cells, Monday first: a cell is a date, or null before the 1st and after
 * the last day.
 */
export function monthWeeks(year: number, monthIndex: number): Array<Array<string | null>> {
  const days = new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
  const lead = (weekdayOf(iso(year, monthIndex, 1)) + 6) % 7;
  const cells: Array<string | null> = [...Array<null>(lead).fill(null)];
  for (let d = 1; d <= days; d++) cells.push(iso(year, monthIndex, d));
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: Array<Array<string | null>> = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** The list with `day` in it (replacing the same date), in date order. */
export function withDay(days: readonly CalendarDay[], day: CalendarDay): CalendarDay[] {
  return [...days.filter((d) => d.date !== day.date), day].sort((a, b) => a.date.localeCompare(b.date));
}

/** The list without the date: it becomes an ordinary day again (恢复正常). */
export function withoutDay(days: readonly CalendarDay[], date: string): CalendarDay[] {
  return days.filter((d) => d.date !== date);
}

export function sortedDays(days: readonly CalendarDay[]): CalendarDay[] {
  return [...days].sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * The name a new day most likely belongs to: the nearest entered day within a week either side (a
 * holiday's span and its make-up days sit together), or nothing.
 */
export function suggestName(days: readonly CalendarDay[], date: string): string | undefined {
  const at = Date.parse(`${date}T00:00:00Z`);
  let best: { name: string; distance: number } | undefined;
  for (const day of days) {
    const distance = Math.abs(Date.parse(`${day.date}T00:00:00Z`) - at) / 86_400_000;
    if (distance > 0 && distance <= 7 && (!best || distance < best.distance)) best = { name: day.name, distance };
  }
  return best?.name;
}

/** The dates whose entry differs between what is saved and the draft: the page outlines them. */
export function changedDates(saved: readonly CalendarDay[], draft: readonly CalendarDay[]): Set<string> {
  const before = new Map(saved.map((d) => [d.date, `${d.kind}:${d.name}`]));
  const after = new Map(draft.map((d) => [d.date, `${d.kind}:${d.name}`]));
  const changed = new Set<string>();
  for (const date of new Set([...before.keys(), ...after.keys()])) if (before.get(date) !== after.get(date)) changed.add(date);
  return changed;
}

/** The years the picker offers: every year the overview lists, the missing ones ahead, this year and the next. */
export function yearChoices(overview: CalendarOverviewView | null, thisYear: number, current?: number | null): number[] {
  const years = new Set<number>([thisYear, thisYear + 1]);
  for (const y of overview?.years ?? []) years.add(y.year);
  for (const y of overview?.coverage.missingYears ?? []) years.add(y);
  if (current != null) years.add(current);
  return [...years].sort((a, b) => b - a);
}

/** The year the page opens on: the first missing one (that is what needs doing), else this year. */
export function defaultYear(overview: CalendarOverviewView | null, thisYear: number): number {
  return overview?.coverage.missingYears[0] ?? thisYear;
}

export type DraftCheck = { ok: true; body: PutCalendarYearInput } | { ok: false; problems: string[] };

/**
 * The draft checked with the same shared rules the service applies (the schema, then the checks that
 * need the year), each problem said with its date so the admin can find the day.
 */
export function checkDraft(year: number, days: readonly CalendarDay[], source: 'manual' | 'notice'): DraftCheck {
  const parsed = putCalendarYearSchema.safeParse({ days, source });
  const issues = parsed.success ? calendarYearProblems(year, parsed.data.days) : parsed.error.issues;
  if (parsed.success && issues.length === 0) return { ok: true, body: parsed.data };
  return { ok: false, problems: problemLines(issues, days) };
}

/** The service's VALIDATION_FAILED details (paths like "days.3.date") as lines naming the day. */
export function serverProblems(details: unknown, days: readonly CalendarDay[]): string[] {
  if (!Array.isArray(details)) return [];
  return problemLines(
    details.filter((d): d is Issue => typeof d?.message === 'string'),
    days,
  );
}

/** A problem as zod reports it (a path of keys) or as the service and calendarYearProblems do ("days.3.date"). */
interface Issue {
  path?: string | readonly PropertyKey[];
  message: string;
}

function problemLines(issues: readonly Issue[], days: readonly CalendarDay[]): string[] {
  const lines = issues.map((issue) => {
    const path = typeof issue.path === 'string' ? issue.path.split('.') : (issue.path ?? []);
    const [head, index] = path;
    const day = head === 'days' && index !== undefined ? days[Number(index)] : undefined;
    // Messages about a day that already name its date ("2027-02-13 重复") are not prefixed twice.
    return day && !issue.message.includes(day.date) ? `${day.date}（${day.name || '未命名'}）：${issue.message}` : issue.message;
  });
  return [...new Set(lines)];
}
