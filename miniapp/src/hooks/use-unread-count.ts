import { useDidShow } from '@tarojs/taro';
import { useSyncExternalStore } from 'react';

import { onUnreadCountChange, refreshUnreadBadge, unreadCount } from '../services/unread-badge';

/** The unread count of 我的消息, following every change made anywhere in the app. */
export function useUnreadCount(): number {
  return useSyncExternalStore(onUnreadCountChange, unreadCount, unreadCount);
}

/** For the tab pages: each time one is shown, the 我的 tab's badge is read again (setTabBarBadge). */
export function useUnreadBadgeOnShow(): void {
  useDidShow(() => {
    void refreshUnreadBadge();
  });
}
