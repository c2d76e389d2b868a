import Taro from '@tarojs/taro';

import { answerWith, failWith, sentRequest } from '../../test/taro-request';
import { TOKEN_STORAGE_KEY } from './config';
import { badgeText, refreshUnreadBadge, refreshUnreadCount, setUnreadCount, unreadCount } from './unread-badge';

const ME_TAB = 3;

describe('the unread badge of 我的消息', () => {
  afterEach(() => {
    Taro.removeStorageSync(TOKEN_STORAGE_KEY);
    setUnreadCount(0);
  });

  it('reads the count and puts it on the 我的 tab', async () => {
    signedIn();
    answerWith(200, { count: 3 });

    expect(await refreshUnreadBadge()).toBe(3);

    expect(sentRequest(0).url).toBe('/api/v1/notifications/unread-count');
    expect(Taro.setTabBarBadge).toHaveBeenCalledWith({ index: ME_TAB, text: '3' });
    expect(unreadCount()).toBe(3);
  });

  it('takes the badge off the tab when nothing is unread', async () => {
    signedIn();
    answerWith(200, { count: 0 });

    await refreshUnreadBadge();

    expect(Taro.removeTabBarBadge).toHaveBeenCalledWith({ index: ME_TAB });
  });

  it('asks nothing and shows no badge while logged out', async () => {
    setUnreadCount(5);

    expect(await refreshUnreadBadge()).toBe(0);

    expect(Taro.request).not.toHaveBeenCalled();
    expect(Taro.removeTabBarBadge).toHaveBeenCalledWith({ index: ME_TAB });
  });

  it('keeps the last count when the service cannot be reached, without throwing', async () => {
    signedIn();
    answerWith(200, { count: 2 });
    await refreshUnreadCount();
    failWith('request:fail timeout');

    await expect(refreshUnreadBadge()).resolves.toBe(2);
  });

  it('does not throw when the page has no tab bar (weapp refuses the badge there)', async () => {
    signedIn();
    answerWith(200, { count: 1 });
    (Taro.setTabBarBadge as jest.Mock).mockRejectedValueOnce({ errMsg: 'setTabBarBadge:fail not TabBar page' });

    await expect(refreshUnreadBadge()).resolves.toBe(1);
  });

  it('writes large counts as 99+ so they fit the badge', () => {
    expect(badgeText(7)).toBe('7');
    expect(badgeText(99)).toBe('99');
    expect(badgeText(120)).toBe('99+');
  });
});

/** A stored session, put there without the token listeners (which would read the count themselves). */
function signedIn(): void {
  Taro.setStorageSync(TOKEN_STORAGE_KEY, 't');
}
