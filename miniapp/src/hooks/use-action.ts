import { useCallback, useState } from 'react';
import type { ApiError } from '@manyi/shared';

import { toApiError } from '../services/api-error';

export interface UseActionResult {
  acting: boolean;
  actionError: ApiError | undefined;
  /** Runs one action (withdraw, sign up …); on success reloads the page's data. Resolves true when it went through. */
  act: (action: () => Promise<unknown>) => Promise<boolean>;
}

/** What a page does when the resident acts on what it shows: busy while sending, the error kept to show, the data read again after. */
export function useAction(reload: () => void): UseActionResult {
  const [acting, setActing] = useState(false);
  const [actionError, setActionError] = useState<ApiError>();
  const act = useCallback(
    async (action: () => Promise<unknown>) => {
      setActing(true);
      setActionError(undefined);
      try {
        await action();
        reload();
        return true;
      } catch (error) {
        setActionError(toApiError(error));
        return false;
      } finally {
        setActing(false);
      }
    },
    [reload],
  );
  return { acting, actionError, act };
}
