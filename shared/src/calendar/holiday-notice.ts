import type { HolidayNoticeView } from './calendar.schemas.js';

/** Placeholder until the parser lands: reads nothing. */
export function parseHolidayNotice(text: string): HolidayNoticeView {
  void text;
  return { year: null, days: [], warnings: [] };
}
