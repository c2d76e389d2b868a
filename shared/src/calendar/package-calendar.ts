import chineseDays from 'chinese-days';
import { CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR, type CalendarDay } from './calendar.schemas.js';

/*
 * The chinese-days package as the calendar's seed: each year it holds, as Manyi's dated exceptions. Only
 * the first migration and the tests read it (a subpath of @manyi/shared, so the front ends never bundle
 * the package); after that the calendar is data an admin keeps.
 */

/** The package says 清明 / 端午 / 中秋; the State Council's notices (and Manyi) say 清明节 / 端午节 / 中秋节. */
const NOTICE_NAMES: Record<string, string> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' };

/** The exceptions the package holds for one year, in date order (empty for a year it does not know). */
export function packageCalendarDays(year: number): CalendarDay[] {
  const days: CalendarDay[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 24 * 60 * 60 * 1000) {
    const date = new Date(t).toISOString().slice(0, 10);
    const detail = chineseDays.getDayDetail(date);
    // An exception's name reads "Spring Festival,春节,4"; an ordinary day's is just its weekday.
    const [, chinese] = detail.name.split(',');
    if (!chinese) continue;
    days.push({ date, kind: detail.work ? 'workday' : 'holiday', name: NOTICE_NAMES[chinese] ?? chinese });
  }
  return days;
}

/** Every year the package holds (those with at least one exception). */
export function packageCalendarYears(): number[] {
  const years: number[] = [];
  for (let year = CALENDAR_FIRST_YEAR; year <= CALENDAR_LAST_YEAR; year++) {
    const probe = chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false);
    if (probe.length > 0) years.push(year);
  }
  return years;
}
