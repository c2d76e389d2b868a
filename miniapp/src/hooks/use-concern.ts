import { allowedActions, type ConcernDetailView, type RateConcernInput } from '@manyi/shared';
import type { ApiError } from '../services/api-error';
import { fetchConcern, rateConcern, withdrawConcern } from '../services/concerns.api';
import { useAction } from './use-action';
import { useRequest, type UseRequestResult } from './use-request';

export interface UseConcernResult {
  result: UseRequestResult<ConcernDetailView>;
  /** What the resident may do now, from the shared state machine. */
  canWithdraw: boolean;
  canRate: boolean;
  acting: boolean;
  actionError: ApiError | undefined;
  withdraw: () => Promise<boolean>;
  rate: (input: RateConcernInput) => Promise<boolean>;
}

/** One of my concerns with its public timeline, and the two things I can do to it. */
export function useConcern(id: number): UseConcernResult {
  const result = useRequest(() => fetchConcern(id), id);
  const { acting, actionError, act } = useAction(result.reload);

  const status = result.data?.status;
  const actions = status ? allowedActions(status, 'resident') : [];
  return {
    result,
    canWithdraw: actions.includes('withdraw'),
    canRate: actions.includes('rate'),
    acting,
    actionError,
    withdraw: () => act(() => withdrawConcern(id)),
    rate: (input) => act(() => rateConcern(id, input)),
  };
}
