import { CONCERN_STATUS_LABELS, TIMELINE_ACTION_LABELS, type TimelineEntryView } from '@manyi/shared';
import { Text, View } from '@tarojs/components';

import { formatDateTime } from '../utils/format';
import { a11y } from '../utils/a11y';

import './forms.scss';

/** The one step the state machine has no action for: the resident's own report. */
const SUBMIT_LABEL = '提交诉求';

export function timelineLabel(entry: TimelineEntryView): string {
  return entry.action === 'submit' ? SUBMIT_LABEL : TIMELINE_ACTION_LABELS[entry.action];
}

/** The public timeline, oldest first, in plain words: what happened, when, and what the street said. */
export function ConcernTimeline({ entries }: { entries: readonly TimelineEntryView[] }) {
  return (
    <View className="timeline" {...a11y('list', { 'aria-label': '办理进度' })}>
      {entries.map((entry) => (
        <View key={entry.id} className="timeline__entry" {...a11y('listitem')}>
          <View className="timeline__head">
            <Text className="timeline__action">{timelineLabel(entry)}</Text>
            <Text className="timeline__time">{formatDateTime(entry.createdAt)}</Text>
          </View>
          {entry.fromStatus !== entry.toStatus && <Text className="timeline__status">状态：{CONCERN_STATUS_LABELS[entry.toStatus]}</Text>}
          {entry.publicText && <Text className="timeline__text">{entry.publicText}</Text>}
        </View>
      ))}
    </View>
  );
}
