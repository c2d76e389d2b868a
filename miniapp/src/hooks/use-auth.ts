import { useCallback, useEffect, useState } from 'react';

import { toApiError, type ApiError } from '../services/api-error';
import { loginMethod, previewLogin, wechatLogin, type LoginMethod } from '../services/auth';
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
  const login = useCallback(
    async (nickname = '') => {
      setPending(true);
      setError(undefined);
      try {
        if (method === 'wechat') await wechatLogin();
        else await previewLogin(nickname);
      } catch (cause) {
        setError(toApiError(cause));
      } finally {
        setPending(false);
      }
    },
    [method],
  );

  return { loggedIn, expired, method, pending, error, login };
}
