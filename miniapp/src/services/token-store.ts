import Taro from '@tarojs/taro';

import { TOKEN_STORAGE_KEY } from './config';

// The session token lives in Taro storage (wx storage on weapp, localStorage on h5) so a
// resident stays signed in across launches. The login flow writes it; the request wrapper reads it
// and clears it when the service answers 401. Listeners (the useAuth hook) hear every change, so a
// page that was showing a list switches to the login panel when the session ends.

/** Why the token went away: the resident logged out, or the service refused it (expired, revoked). */
export type TokenChange = { token: string } | { token: undefined; reason: 'logout' | 'expired' };

type TokenListener = (change: TokenChange) => void;

const listeners = new Set<TokenListener>();

export function getToken(): string | undefined {
  const token: unknown = Taro.getStorageSync(TOKEN_STORAGE_KEY);
  return typeof token === 'string' && token !== '' ? token : undefined;
}

export function setToken(token: string): void {
  Taro.setStorageSync(TOKEN_STORAGE_KEY, token);
  notify({ token });
}

export function clearToken(reason: 'logout' | 'expired' = 'logout'): void {
  Taro.removeStorageSync(TOKEN_STORAGE_KEY);
  notify({ token: undefined, reason });
}

/** Calls `listener` on every change of the token; returns the unsubscribe function. */
export function onTokenChange(listener: TokenListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

function notify(change: TokenChange): void {
  listeners.forEach((listener) => listener(change));
}
