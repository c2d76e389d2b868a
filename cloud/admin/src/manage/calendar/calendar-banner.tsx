import { CALENDAR_READERS, mayUseArea, type StaffRole, type StaffActor } from '@manyi/shared';
import { Alert, Button } from 'antd';
import { useEffect } from 'react';
import { navigate } from '../../app/router';
import { loadCalendarCoverage, useCalendarCoverage } from './calendar-coverage';

export function readsCalendar(role: StaffRole): boolean {
  return (CALENDAR_READERS as readonly StaffRole[]).includes(role);
}

/**
 * The reminder at the top of every page while a year the next 60 days reach has no holidays entered:
 * deadlines over it are counted Monday–Friday and marked 暂定. An admin gets a way to enter the year;
 * the supervisor and dispatchers, who watch the deadlines, are told whom to ask.
 */
export function CalendarBanner({ who }: { who: StaffActor }) {
  const reader = readsCalendar(who.role);
  const coverage = useCalendarCoverage();

  useEffect(() => {
    if (!reader) return;
    const controller = new AbortController();
    // A reminder, not the work: when the check fails the page goes on without it.
    loadCalendarCoverage(controller.signal).catch(() => undefined);
    return () => controller.abort();
  }, [reader, who.staffId]);

  const missing = coverage?.missingYears ?? [];
  if (!reader || missing.length === 0) return null;
  const first = missing[0]!;
  return (
    <Alert
      className="calendar-banner"
      data-testid="calendar-banner"
      type="warning"
      showIcon
      title={`工作日历缺少 ${missing.join('、')} 年的节假日安排：这些日期暂按周一至周五计算，相关期限标为“暂定”。`}
      description={mayUseArea(who.role, 'calendar') ? undefined : '请联系系统管理员录入。'}
      action={
        mayUseArea(who.role, 'calendar') ? (
          <Button size="small" type="primary" onClick={() => navigate({ name: 'calendar', year: first })}>
            录入 {first} 年
          </Button>
        ) : undefined
      }
    />
  );
}
