import { Text, View } from '@tarojs/components';

import './status-state.scss';

export interface EmptyStateProps {
  text?: string;
}

export function EmptyState({ text = '暂无内容' }: EmptyStateProps) {
  return (
    <View className="status-state status-state--empty">
      <Text className="status-state__text">{text}</Text>
    </View>
  );
}
