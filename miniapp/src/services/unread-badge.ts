import Taro from '@tarojs/taro';

import { TAB_PAGES } from '../routes';
import { fetchUnreadCount } from './notifications.api';
import { getToken, onTokenChange } from './token-store';

// The unread count of 我的消息, kept once for the whole app: the 我的 tab's badge and the entry on the
// 我的 page show the same number. Tab pages read it again each time they are shown; the messages page
// lowers it as the resident reads.

const ME_TAB = TAB_PAGES.findIndex((tab) => tab.path === 'pages/me/index');

let count = 0;
const listeners = new Set<() => void>();

export function unreadCount(): number {
  return count;
}

/** Calls `listener` whenever the count changes; returns the unsubscribe function. */
export function onUnreadCountChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function setUnreadCount(next: number): void {
  const value = Math.max(0, next);
  if (value === count) return;
  count = value;
  listeners.forEach((listener) => listener());
}

/** What the badge says: WeChat's badge has room for about four characters. */
export function badgeText(n: number): string {
  return n > 99 ? '99+' : String(n);
}

/**
 * Reads the count from the service (nothing to read when logged out). Never throws: a count that
 * could not be read keeps its last number rather than show an error.
 */
export async function refreshUnreadCount(): Promise<number> {
  if (getToken() === undefined) {
    setUnreadCount(0);
    return count;
  }
  try {
    setUnreadCount(await fetchUnreadCount());
  } catch {
    // Offline or a session that just ended: the next show asks again.
  }
  return count;
}

/** Reads the count and puts it on the 我的 tab (setTabBarBadge, or removeTabBarBadge at 0). For the tab pages. */
export async function refreshUnreadBadge(): Promise<number> {
  showOnTabBar(await refreshUnreadCount());
  return count;
}

function showOnTabBar(n: number): void {
  if (ME_TAB < 0) return;
  try {
    const done = n > 0 ? Taro.setTabBarBadge({ index: ME_TAB, text: badgeText(n) }) : Taro.removeTabBarBadge({ index: ME_TAB });
    // weapp refuses on a page without the tab bar; the next tab page shown sets it right.
    void Promise.resolve(done).catch(() => undefined);
  } catch {
    // Same, on a platform that throws instead of rejecting.
  }
}

// Logging out (or a refused session) empties the count; logging in fills it. The tab bar follows on
// the next tab page shown.
onTokenChange(() => {
  void refreshUnreadCount();
});
