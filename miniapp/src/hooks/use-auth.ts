import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from '@manyi/shared';

import { toApiError } from '../services/api-error';
import { demoResidentLogin, loginMethod, previewLogin, wechatLogin, type LoginMethod } from '../services/auth';
import { getToken, onTokenChange } from '../services/token-store';

export interface UseAuthResult {
  loggedIn: boolean;
  /** The service refused the stored token (401): the login panel says to log in again. */
  expired: boolean;
  method: LoginMethod;
  pending: boolean;
  error: ApiError | undefined;
  /** Preview login (h5) with the nickname, or WeChat login (weapp; the nickname is ignored). */
  login: (nickname?: string) => Promise<void>;
  /** Sign in as 演示居民 (demo and preview mode only). */
  loginAsDemoResident: () => Promise<void>;
}

/** The session as a page sees it: follows every token change, including a 401 from any call. */
export function useAuth(): UseAuthResult {
  const [loggedIn, setLoggedIn] = useState(() => getToken() !== undefined);
  const [expired, setExpired] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();

  useEffect(
    () =>
      onTokenChange((change) => {
        setLoggedIn(change.token !== undefined);
        setExpired(change.token === undefined && change.reason === 'expired');
      }),
    [],
  );

  const method = loginMethod();
  const attempt = useCallback(async (run: () => Promise<unknown>) => {
    setPending(true);
    setError(undefined);
    try {
      await run();
    } catch (cause) {
      setError(toApiError(cause));
    } finally {
      setPending(false);
    }
  }, []);
  const login = useCallback(
    (nickname = '') => attempt(() => (method === 'wechat' ? wechatLogin() : previewLogin(nickname))),
    [attempt, method],
  );
  const loginAsDemoResident = useCallback(() => attempt(demoResidentLogin), [attempt]);

  return { loggedIn, expired, method, pending, error, login, loginAsDemoResident };
}
