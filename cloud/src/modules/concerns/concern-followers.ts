import type { ConcernNotificationKind, FollowerRatingsSummary, FollowerRatingView } from '@manyi/shared';
import type { EntityManager } from 'typeorm';
import type { Concern } from './concern.entity.js';

/**
 * What the concern loop needs of 附议 (issue 17). Followers sit above concerns (following reads the
 * concern and its scope), so the loop asks through this class, which FollowersModule (global) provides
 * as its FollowersService.
 */
export abstract class ConcernFollowers {
  /** One notification per follower for a step's public progress, in the step's transaction. */
  abstract notifyFollowers(em: EntityManager, concern: Pick<Concern, 'id' | 'title'>, kind: ConcernNotificationKind): Promise<void>;

  /** The resident's side of a concern's detail: following it, may follow, their follower rating. */
  abstract residentContext(
    concern: Concern,
    residentId: number,
  ): Promise<{ followedByMe: boolean; canFollow: boolean; myFollowerRating: FollowerRatingView | null }>;

  abstract isFollower(concernId: number, residentId: number): Promise<boolean>;

  /** The followers' ratings of the published reply, for the staff detail. */
  abstract ratingsSummary(concernId: number): Promise<FollowerRatingsSummary>;
}
