import { CONCERN_STATUS_LABELS, isFinalStatus, type ConcernStatus } from '@manyi/shared';
import { Text } from '@tarojs/components';

import './forms.scss';

/** The status in the resident's words; the colour only repeats what the text says. */
export function StatusChip({ status }: { status: ConcernStatus }) {
  const tone = status === 'awaiting_rating' ? 'action' : isFinalStatus(status) ? 'final' : 'open';
  return <Text className={`status-chip status-chip--${tone}`}>{CONCERN_STATUS_LABELS[status]}</Text>;
}
