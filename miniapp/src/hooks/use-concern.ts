import {
  allowedActions,
  FOLLOWER_RATING_STATUSES,
  type ConcernDetailView,
  type ConcernStatus,
  type RateConcernInput,
  type ApiError,
} from '@manyi/shared';
import { fetchConcern, rateAsFollower, rateConcern, withdrawConcern } from '../services/concerns.api';
import { useAction } from './use-action';
import { useRequest, type UseRequestResult } from './use-request';

export interface UseConcernResult {
  result: UseRequestResult<ConcernDetailView>;
  /** What the resident may do now, from the shared state machine. */
  canWithdraw: boolean;
  canRate: boolean;
  /** I follow it (附议), the reply is out and I have not rated it yet. */
  canRateAsFollower: boolean;
  acting: boolean;
  actionError: ApiError | undefined;
  withdraw: () => Promise<boolean>;
  rate: (input: RateConcernInput) => Promise<boolean>;
  rateAsFollower: (input: RateConcernInput) => Promise<boolean>;
}

/**
 * A concern I reported or follow (附议), with its public timeline, and what I can do to it: the reporter
 * withdraws and rates; a follower rates on their own (counted apart).
 */
export function useConcern(id: number): UseConcernResult {
  const result = useRequest(() => fetchConcern(id), id);
  const { acting, actionError, act } = useAction(result.reload);

  const detail = result.data;
  const follower = detail?.viewerRole === 'follower';
  const actions = detail && !follower ? allowedActions(detail.status, 'resident') : [];
  return {
    result,
    canWithdraw: actions.includes('withdraw'),
    canRate: actions.includes('rate'),
    canRateAsFollower:
      follower &&
      detail.followedByMe === true &&
      !detail.myFollowerRating &&
      (FOLLOWER_RATING_STATUSES as readonly ConcernStatus[]).includes(detail.status),
    acting,
    actionError,
    withdraw: () => act(() => withdrawConcern(id)),
    rate: (input) => act(() => rateConcern(id, input)),
    rateAsFollower: (input) => act(() => rateAsFollower(id, input)),
  };
}
