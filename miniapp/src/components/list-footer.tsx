import { Button, Text, View } from '@tarojs/components';

import { a11y } from '../utils/a11y';
import { ErrorState } from './error-state';

import './forms.scss';
import './lists.scss';

export interface ListFooterProps {
  hasMore: boolean;
  loadingMore: boolean;
  error?: { message: string };
  onMore: () => void;
}

/**
 * The end of an endless list: reaching the bottom loads the next page by itself (the page's
 * onReachBottom); the 加载更多 button does the same for a screen reader or when the page is too short to scroll.
 */
export function ListFooter({ hasMore, loadingMore, error, onMore }: ListFooterProps) {
  if (error) return <ErrorState message={error.message} onRetry={onMore} />;
  return (
    <View className="list-footer">
      {hasMore ? (
        <Button {...a11y('button')} className="secondary-button" size="mini" loading={loadingMore} disabled={loadingMore} onClick={onMore}>
          {loadingMore ? '正在加载…' : '加载更多'}
        </Button>
      ) : (
        <Text className="list-footer__text">没有更多了</Text>
      )}
    </View>
  );
}
