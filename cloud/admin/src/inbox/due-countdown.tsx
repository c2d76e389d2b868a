import type { DueKind } from '@manyi/shared';
import { Tooltip, Typography } from 'antd';
import { countdownText, DUE_KIND_LABELS, formatTime, urgency } from './due';

const URGENCY_TYPE = { overdue: 'danger', soon: 'warning', normal: undefined } as const;

/** "签收 剩余 3小时12分": red once past, orange within four hours, plain otherwise; the exact time on hover. */
export function DueCountdown({ dueAt, dueKind, now }: { dueAt: string | null; dueKind: DueKind | null; now: number }) {
  if (!dueAt) return <Typography.Text type="secondary">—</Typography.Text>;
  const level = urgency(dueAt, now);
  return (
    <Tooltip title={`${dueKind ? `${DUE_KIND_LABELS[dueKind]}期限 ` : '期限 '}${formatTime(dueAt, now)}`}>
      <Typography.Text type={URGENCY_TYPE[level]} strong={level !== 'normal'} data-urgency={level} className="due-countdown">
        {dueKind ? `${DUE_KIND_LABELS[dueKind]} ` : ''}
        {countdownText(dueAt, now)}
      </Typography.Text>
    </Tooltip>
  );
}
