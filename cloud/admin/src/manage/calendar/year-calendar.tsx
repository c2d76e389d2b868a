import { CALENDAR_DAY_KIND_LABELS, type CalendarDay } from '@manyi/shared';
import { memo } from 'react';
import { isWeekend, monthWeeks, shortDate, WEEK_HEADS, weekdayLabel } from './calendar-model';

const BADGES = { holiday: '休', workday: '班' } as const;

/**
 * A year as twelve small month calendars, Monday first: 放假 in red with 休, 调休上班 in blue with 班,
 * weekends grey, and the draft's unsaved changes outlined. Every day is a button (it opens the
 * editor); its title says the date, the weekday and the holiday.
 */
export const YearCalendar = memo(function YearCalendar({
  year,
  days,
  changed,
  onPick,
}: {
  year: number;
  days: readonly CalendarDay[];
  /** Dates that differ from what is saved. */
  changed?: ReadonlySet<string>;
  onPick?: (date: string) => void;
}) {
  const byDate = new Map(days.map((d) => [d.date, d]));
  return (
    <div className="year-calendar" data-testid="year-calendar" data-year={year}>
      {Array.from({ length: 12 }, (_, month) => (
        <section key={month} className="month-calendar" aria-label={`${year}年${month + 1}月`}>
          <h5 className="month-title">{month + 1}月</h5>
          <div className="month-grid" role="grid">
            <div className="month-row" role="row">
              {WEEK_HEADS.map((head, i) => (
                <span key={head} role="columnheader" className={i >= 5 ? 'week-head is-weekend' : 'week-head'}>
                  {head}
                </span>
              ))}
            </div>
            {monthWeeks(year, month).map((week, w) => (
              <div key={w} className="month-row" role="row">
                {week.map((date, i) =>
                  date === null ? (
                    <span key={i} className="day-cell is-empty" role="gridcell" />
                  ) : (
                    <DayCell key={date} date={date} day={byDate.get(date)} changed={changed?.has(date) ?? false} onPick={onPick} />
                  ),
                )}
              </div>
            ))}
          </div>
        </section>
      ))}
    </div>
  );
});

function DayCell({
  date,
  day,
  changed,
  onPick,
}: {
  date: string;
  day: CalendarDay | undefined;
  changed: boolean;
  onPick?: (date: string) => void;
}) {
  const weekend = isWeekend(date);
  const title = `${shortDate(date)} ${weekdayLabel(date)}${day ? ` · ${day.name} ${CALENDAR_DAY_KIND_LABELS[day.kind]}` : weekend ? ' · 休息日' : ''}${changed ? '（未保存）' : ''}`;
  const className = ['day-cell', weekend ? 'is-weekend' : '', day ? `is-${day.kind}` : '', changed ? 'is-changed' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <span role="gridcell">
      <button
        type="button"
        className={className}
        data-date={date}
        data-kind={day?.kind ?? (weekend ? 'weekend' : 'normal')}
        title={title}
        aria-label={title}
        onClick={onPick ? () => onPick(date) : undefined}
        disabled={!onPick}
      >
        <span className="day-number">{Number(date.slice(8))}</span>
        {day && <span className="day-badge">{BADGES[day.kind]}</span>}
      </button>
    </span>
  );
}
