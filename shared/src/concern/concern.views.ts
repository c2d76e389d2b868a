import type { ActorRole } from '../roles.js';
import type { PublicCaseAdminView } from './board.views.js';
import type { CoHandlerAction, CoHandlerView } from './co-handling.js';
import type { CallbackRecordView, ContactRecordView, RatingChannel } from './follow-up.js';
import type { ConcernAction } from './concern-state-machine.js';
import type { ConcernSource, ConcernStatus, Satisfaction, StaffIntakeChannel } from './concern-status.js';
import type { FollowerRatingsSummary, FollowerRatingView } from './follow.js';
import type { RequestType } from './request-types.js';

/**
 * Which clock a concern's `dueAt` belongs to. After the reply is published: the resident's rating window
 * (`rating`, 评价期), or for a concern from a channel without the app the street's 回访期 (`callback`).
 */
export const DUE_KINDS = ['triage', 'dispatch', 'sign', 'contact', 'resolve', 'review', 'rating', 'callback'] as const;
export type DueKind = (typeof DUE_KINDS)[number];

/** Which clock `dueAt` is, as staff and residents say it (受理期限, 办结期限 …). */
export const DUE_KIND_LABELS: Record<DueKind, string> = {
  triage: '受理',
  dispatch: '派单',
  sign: '签收',
  contact: '先联系',
  resolve: '办结',
  review: '审核',
  rating: '评价',
  callback: '回访',
};

/**
 * Why a concern's text waits for a person's look (内容待复核): WeChat's content check answered
 * 'review', or the check could not be reached ('unchecked') and the report was accepted anyway.
 */
export const CONTENT_REVIEW_FLAGS = ['review', 'unchecked'] as const;
export type ContentReviewFlag = (typeof CONTENT_REVIEW_FLAGS)[number];

/** One line of a concern's list (mine, or the staff inbox). */
export interface ConcernSummaryView {
  id: number;
  code: string;
  status: ConcernStatus;
  title: string;
  streetId: number;
  compoundId: number;
  categoryId: number;
  departmentId: number | null;
  /** 来源: the resident's own channel, or the one staff filed it through (代录). */
  source: ConcernSource;
  confidential: boolean;
  escalated: boolean;
  dueAt: string | null;
  dueKind: DueKind | null;
  /**
   * 暂定: `dueAt` was counted Monday–Friday over a year whose holidays nobody has entered yet; it moves
   * when the year is entered.
   */
  dueProvisional: boolean;
  overdue: boolean;
  createdAt: string;
  updatedAt: string;
  /** 附议人数: residents following it besides the reporter (staff inbox rows and every detail). */
  followerCount?: number;
}

/** One step of the timeline. Residents see only public steps and never staff names or internal text. */
export interface TimelineEntryView {
  id: number;
  action: ConcernAction | CoHandlerAction | 'submit';
  actorRole: ActorRole;
  fromStatus: ConcernStatus | null;
  toStatus: ConcernStatus;
  publicText: string | null;
  /** Photos published with this step (the evidence of an approved reply). */
  photoIds?: number[];
  /** Staff only. */
  internalText?: string | null;
  actorName?: string | null;
  data?: Record<string, unknown> | null;
  createdAt: string;
}

export interface ConcernDetailView extends ConcernSummaryView {
  description: string;
  requestType: RequestType;
  photoIds: number[];
  latitude: number | null;
  longitude: number | null;
  address: string | null;
  /** Masked for staff (138****1234); the resident sees their own in full. */
  phone: string | null;
  coHandlerIds: number[];
  reopenCount: number;
  returnCount: number;
  resolveDueAt: string | null;
  /** 暂定, as `dueProvisional`, for the 办结 deadline. */
  resolveDueProvisional: boolean;
  mergedIntoId: number | null;
  solved: boolean | null;
  satisfaction: Satisfaction | null;
  ratingComment: string | null;
  timeline: TimelineEntryView[];
  /** Staff only: what this user may do now (the state machine's answer for their role). */
  allowedActions?: ConcernAction[];
  /** Staff only: the routing rules' suggestion for dispatch. */
  suggestedDepartmentId?: number | null;
  suggestedCoHandlerIds?: number[];
  pendingExtensionDays?: number | null;
  /** Staff only: the content check's flag for the dispatcher; null when the text passed or was not checked. */
  contentReview?: ContentReviewFlag | null;
  /** Staff only: photos WeChat's image check found risky, hidden from everyone but staff. */
  hiddenPhotoIds?: number[];
  /** Staff only: how staff filed it (代录); null for a concern the resident or a partner filed. */
  intake?: ConcernIntakeView | null;
  /** Staff only: the co-handling departments (协办) with their status and part, and what the reader may do on each. */
  coHandlers?: CoHandlerView[];
  /** Staff only: 先联系 and 回访 records, oldest first; the rating's channel; unreached calls of this round; 未回访. */
  contacts?: ContactRecordView[];
  callbacks?: CallbackRecordView[];
  ratingChannel?: RatingChannel | null;
  unreachedCallbacks?: number;
  callbackUnreached?: boolean;
  /** The reporter agreed at submit to show it on the street's public board once closed (同意公开). */
  publishConsent?: boolean;
  /** Resident only: the caller follows it (附议). */
  followedByMe?: boolean;
  /** Resident only: the caller may follow it now (open, not confidential, not their own, not yet followed). */
  canFollow?: boolean;
  /** Resident only: whether the caller reads it as its reporter or as a follower (who sees no phone, address or photos). */
  viewerRole?: 'reporter' | 'follower';
  /** Resident only, a follower: their own rating, null until given. */
  myFollowerRating?: FollowerRatingView | null;
  /** Staff only: the followers' ratings, apart from the reporter's and not in the three rates. */
  followerRatings?: FollowerRatingsSummary;
  /** Staff only: the 公开案例 card. */
  publicCase?: PublicCaseAdminView;
}

/** Staff only: how a concern filed by staff (代录) came in. */
export interface ConcernIntakeView {
  channel: StaffIntakeChannel;
  /** 代录人. */
  staffName: string | null;
  visitId: number | null;
  visitTitle: string | null;
  /** 12345 工单号. */
  orderNumber: string | null;
  /** The resident's name, masked like the phone (张*); null when none was given. */
  contactName: string | null;
  /** A resident verified the phone number and now follows it in 我的诉求. */
  claimed: boolean;
}

/** What withdrawing and rating answer (submitting answers the whole summary): enough to go to the concern page. */
export type ConcernRef = Pick<ConcernSummaryView, 'id' | 'code' | 'status'>;

/** `POST /api/v1/admin/concerns/:id/reveal-phone`: the contact in full, audited (null when the resident left none). */
export interface RevealedContactView {
  phone: string | null;
  contactName: string | null;
}

export interface DuplicateCandidateView {
  id: number;
  code: string;
  title: string;
  status: ConcernStatus;
  createdAt: string;
}

/**
 * The counts the rates are made of, each on the Shanghai day of its fact (RATE_DEFINITIONS words each
 * rate). A callback's rating (channel 回访) counts in `rated` like the app's, once; `ratedByCallback` says
 * how many of them came that way.
 */
export interface RateCounts {
  dispatched: number;
  signedOnTime: number;
  rated: number;
  solved: number;
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
  /** Of `rated`, those rated by a reached 回访 rather than in the app. */
  ratedByCallback: number;
  /** 受理决定 (accepted or rejected), on the day decided; of them, within the 受理时限. */
  triaged: number;
  acceptedOnTime: number;
  /** 已办结 (status closed), on the day closed; of them: never reopened, last reply within 办结时限, rated (app or 回访), closed as 未回访. */
  closed: number;
  closedFirstTime: number;
  closedOnTime: number;
  closedRated: number;
  closedUnreached: number;
}

export interface RatesRow extends RateCounts {
  key: string;
  name: string;
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  /** 一次性化解率: closedFirstTime / closed. */
  oneTimeResolutionRate: number | null;
  /** 按时受理率: acceptedOnTime / triaged. */
  onTimeAcceptanceRate: number | null;
  /** 按时办结率: closedOnTime / closed. */
  onTimeClosingRate: number | null;
  /** 回访覆盖率: closedRated / closed. */
  callbackCoverage: number | null;
}

/**
 * 协办情况 of one department in a period, counted apart from the lead's rates: the co-handling asks made
 * in the period (by the day asked; a department asked again after a re-dispatch counts again), those
 * signed for within the sign-for deadline, the parts submitted, declined and waived.
 */
export interface CoHandlingRow {
  key: string;
  name: string;
  asked: number;
  signedOnTime: number;
  submitted: number;
  declined: number;
  waived: number;
  /** signedOnTime / asked; null when nothing was asked. */
  signRate: number | null;
}

export interface RatesView {
  from: string;
  to: string;
  total: RatesRow;
  byStreet: RatesRow[];
  byDepartment: RatesRow[];
  /** By category (类别) and by channel (来源: the concern's source; `key` is the ConcernSource). */
  byCategory: RatesRow[];
  byChannel: RatesRow[];
  /** The departments' co-handling (协办) in the period, for the concerns the caller may see. */
  coHandling: CoHandlingRow[];
}
