import Taro from '@tarojs/taro';

import { TOKEN_STORAGE_KEY } from './config';

// The session token lives in Taro storage (wx storage on weapp, localStorage on h5) so a
// resident stays signed in across launches. The login flow writes it; the request wrapper reads it.

export function getToken(): string | undefined {
  const token: unknown = Taro.getStorageSync(TOKEN_STORAGE_KEY);
  return typeof token === 'string' && token !== '' ? token : undefined;
}

export function setToken(token: string): void {
  Taro.setStorageSync(TOKEN_STORAGE_KEY, token);
}

export function clearToken(): void {
  Taro.removeStorageSync(TOKEN_STORAGE_KEY);
}
