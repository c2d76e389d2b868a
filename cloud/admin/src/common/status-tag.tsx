import { CONCERN_STATUS_LABELS, type ConcernStatus } from '@manyi/shared';
import { Tag } from 'antd';

const STATUS_COLORS: Record<ConcernStatus, string> = {
  submitted: 'gold',
  accepted: 'blue',
  dispatched: 'geekblue',
  returned: 'volcano',
  in_progress: 'processing',
  replied: 'purple',
  awaiting_rating: 'cyan',
  reopened: 'magenta',
  closed: 'success',
  rejected: 'default',
  merged: 'default',
  withdrawn: 'default',
};

export function StatusTag({ status }: { status: ConcernStatus }) {
  return (
    <Tag color={STATUS_COLORS[status]} data-status={status}>
      {CONCERN_STATUS_LABELS[status]}
    </Tag>
  );
}
