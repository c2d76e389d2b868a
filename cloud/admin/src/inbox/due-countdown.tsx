import { DUE_KIND_LABELS, type DueKind } from '@manyi/shared';
import { Tag, Tooltip, Typography } from 'antd';
import { countdownText, formatTime, urgency } from './due';

const URGENCY_TYPE = { overdue: 'danger', soon: 'warning', normal: undefined } as const;

/**
 * "暂定": the deadline was counted Monday–Friday over a year whose holidays nobody has entered yet, so
 * it may move when the year is entered (工作日历).
 */
export function ProvisionalTag() {
  return (
    <Tooltip title="该期限经过尚未录入节假日安排的年份，暂按周一至周五计算，录入后可能调整">
      <Tag className="due-provisional" data-testid="due-provisional">
        暂定
      </Tag>
    </Tooltip>
  );
}

/** "签收 剩余 3小时12分": red once past, orange within four hours, plain otherwise; the exact time on hover. */
export function DueCountdown({
  dueAt,
  dueKind,
  now,
  provisional = false,
}: {
  dueAt: string | null;
  dueKind: DueKind | null;
  now: number;
  provisional?: boolean;
}) {
  if (!dueAt) return <Typography.Text type="secondary">—</Typography.Text>;
  const level = urgency(dueAt, now);
  const countdown = (
    <Tooltip title={`${dueKind ? `${DUE_KIND_LABELS[dueKind]}期限 ` : '期限 '}${formatTime(dueAt, now)}`}>
      <Typography.Text type={URGENCY_TYPE[level]} strong={level !== 'normal'} data-urgency={level} className="due-countdown">
        {dueKind ? `${DUE_KIND_LABELS[dueKind]} ` : ''}
        {countdownText(dueAt, now)}
      </Typography.Text>
    </Tooltip>
  );
  if (!provisional) return countdown;
  return (
    <span className="due-countdown">
      {countdown}
      <ProvisionalTag />
    </span>
  );
}
