import { CALENDAR_DAY_KIND_LABELS, type CalendarDay } from '@manyi/shared';
import { Button, Table, Tag, type TableColumnsType } from 'antd';
import { weekdayLabel } from './calendar-model';

export const KIND_COLORS = { holiday: 'red', workday: 'blue' } as const;

/** The days as a compact list — date, 星期, 放假/调休上班, name — for checking against the notice. */
export function DaysTable({
  days,
  onRemove,
  changed,
}: {
  days: readonly CalendarDay[];
  /** With it, each row gets a 移除 button. */
  onRemove?: (date: string) => void;
  changed?: ReadonlySet<string>;
}) {
  const columns: TableColumnsType<CalendarDay> = [
    { key: 'date', title: '日期', dataIndex: 'date', className: 'mono', width: 120 },
    { key: 'weekday', title: '星期', width: 80, render: (_, d) => weekdayLabel(d.date) },
    {
      key: 'kind',
      title: '类型',
      width: 110,
      render: (_, d) => (
        <Tag color={KIND_COLORS[d.kind]} data-kind={d.kind}>
          {CALENDAR_DAY_KIND_LABELS[d.kind]}
        </Tag>
      ),
    },
    { key: 'name', title: '节日', dataIndex: 'name' },
  ];
  if (changed) columns.push({ key: 'changed', title: '', width: 80, render: (_, d) => (changed.has(d.date) ? <Tag>未保存</Tag> : null) });
  if (onRemove)
    columns.push({
      key: 'remove',
      title: '操作',
      width: 80,
      render: (_, d) => (
        <Button size="small" type="link" danger onClick={() => onRemove(d.date)} aria-label={`移除 ${d.date}`}>
          移除
        </Button>
      ),
    });
  return (
    <Table<CalendarDay>
      size="small"
      rowKey="date"
      className="calendar-days"
      columns={columns}
      dataSource={days as CalendarDay[]}
      pagination={false}
      locale={{ emptyText: '这一年没有调整日' }}
    />
  );
}
