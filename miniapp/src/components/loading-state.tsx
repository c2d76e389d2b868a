import { Text, View } from '@tarojs/components';

import './status-state.scss';

export interface LoadingStateProps {
  text?: string;
}

export function LoadingState({ text = '正在加载…' }: LoadingStateProps) {
  return (
    <View className="status-state status-state--loading" aria-busy="true">
      <Text className="status-state__text">{text}</Text>
    </View>
  );
}
