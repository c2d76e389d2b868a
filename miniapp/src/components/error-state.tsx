import { Button, Text, View } from '@tarojs/components';

import { a11y } from '../utils/a11y';
import './status-state.scss';

export interface ErrorStateProps {
  /** What went wrong, in words a resident understands (usually ApiError.message). */
  message?: string;
  /** Shows a 重试 button when given. */
  onRetry?: () => void;
}

export function ErrorState({ message = '加载失败，请稍后重试', onRetry }: ErrorStateProps) {
  return (
    <View className="status-state status-state--error" {...a11y('alert')}>
      <Text className="status-state__text">{message}</Text>
      {onRetry && (
        <Button className="status-state__action" size="mini" onClick={onRetry} {...a11y('button')}>
          重试
        </Button>
      )}
    </View>
  );
}
