import { z } from 'zod';
import { rateConcernSchema } from '../schemas/concern.schemas.js';
import { id } from '../schemas/text.js';
import { isFinalStatus, type ConcernStatus, type Satisfaction } from './concern-status.js';

/**
 * 附议 ("我也遇到了"): a resident follows an open, non-confidential concern of their compound instead of
 * filing it twice. Routes (issue 17):
 * - `POST /api/v1/concerns/:id/follow` body `followConcernSchema` → `ConcernFollowView` (200; again: same answer);
 * - `DELETE /api/v1/concerns/:id/follow` → `ConcernFollowView` (200; not following: same answer);
 * - `POST /api/v1/concerns/:id/follower-rating` body `followerRatingSchema` → `FollowerRatingView`:
 *   the follower's own rating of the published reply, kept apart from the reporter's
 *   (`POST …/rating` stays the reporter's) and NOT counted in the three rates;
 * - `GET /api/v1/admin/stats/most-followed` → `{ items: MostFollowedConcernView[] }` (the dashboard);
 * - the inbox: `GET /api/v1/admin/concerns?multi=true&sort=followers` (多人反映, see inbox.schemas.ts).
 * A follower reads the concern's detail (`GET /api/v1/concerns/:id`) like the reporter, without the
 * reporter's phone, address, location or photos, and with the description masked.
 */

/**
 * The service has no proof of where a resident lives: "their compound" is the one they report from —
 * the compound chosen in the report form where the duplicate hint (`GET /api/v1/concerns/duplicates`)
 * appears. A concern of another compound is 403 FOLLOW_OTHER_COMPOUND.
 */
export const followConcernSchema = z.strictObject({ compoundId: id('小区') }, { error: '请选择您所在的小区' });
export type FollowConcernInput = z.infer<typeof followConcernSchema>;

/** Whether a concern may be followed at all (before who asks): open and not confidential. */
export function isFollowable(c: { status: ConcernStatus; confidential: boolean }): boolean {
  return !c.confidential && !isFinalStatus(c.status);
}

/** Answer of follow / unfollow. */
export interface ConcernFollowView {
  concernId: number;
  following: boolean;
  followerCount: number;
}

/**
 * 多人反映: a concern counts as reported by several people once it has at least this many followers.
 * "People" = the reporter + the followers, so 1 follower = 2 people (`peopleCount`).
 */
export const MULTI_REPORT_MIN_FOLLOWERS = 1;
export function peopleCount(followerCount: number): number {
  return 1 + followerCount;
}

/** The statuses in which a follower may rate: the reply is published (待评价), or it is closed after one. */
export const FOLLOWER_RATING_STATUSES = ['awaiting_rating', 'closed'] as const satisfies readonly ConcernStatus[];

/** A follower rates like the reporter: solved? satisfied? a comment. Once; a second is 409 FOLLOWER_ALREADY_RATED. */
export const followerRatingSchema = rateConcernSchema;
export type FollowerRatingInput = z.infer<typeof followerRatingSchema>;

export interface FollowerRatingView {
  solved: boolean;
  satisfaction: Satisfaction;
  comment: string | null;
  ratedAt: string;
}

/** Staff: the followers' ratings of a concern, counted apart from the reporter's (never in the three rates). */
export interface FollowerRatingsSummary {
  rated: number;
  solved: number;
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
}

/** A line of the dashboard's 多人反映 list: open concerns in the caller's scope, most followed first. */
export interface MostFollowedConcernView {
  id: number;
  code: string;
  title: string;
  status: ConcernStatus;
  streetId: number;
  compoundId: number;
  compoundName: string;
  followerCount: number;
  createdAt: string;
}

/** How many the dashboard lists. */
export const MOST_FOLLOWED_LIMIT = 10;

/** In the resident's data export: what they follow, and their rating if they gave one. */
export interface MyFollowExportView {
  concernId: number;
  code: string;
  title: string;
  followedAt: string;
  rating: FollowerRatingView | null;
}
