import { z } from 'zod';
import { CODE_PATTERN } from '../directory/directory.js';
import { pageQuerySchema, type Page } from '../schemas/common.schemas.js';
import { text } from '../schemas/text.js';
import { SATISFACTION_LEVELS, type ConcernSource, type ConcernStatus, type Satisfaction } from './concern-status.js';

/**
 * 双先联、双回访: the handler contacts the resident first (先联系) after signing and before replying, and
 * the street calls back (回访) once the reply is published. Both are steps of the concern's workflow:
 * `POST /api/v1/admin/concerns/:id/contact` and `POST /api/v1/admin/concerns/:id/callback`.
 */

/** 先联系的方式. */
export const CONTACT_METHODS = ['phone', 'visit'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];
export const CONTACT_METHOD_LABELS: Record<ContactMethod, string> = { phone: '电话联系', visit: '上门联系' };

/** The resident-facing line of a contact step (the timeline, the notification). */
export const CONTACT_PUBLIC_TEXT = '经办人已与您联系';

/** The note of a contact and the resident's words of a callback: staff-only text. */
export const CONTACT_NOTE_MAX = 200;
export const CALLBACK_WORDS_MAX = 500;

/** An instant as staff enter it: ISO 8601 with a zone (`2026-12-07T10:30:00+08:00`). */
const instant = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), { message: `${label}无效` });

/**
 * `POST /api/v1/admin/concerns/:id/contact` (先联系): the lead department's handler, after signing and before
 * the reply (in_progress or reopened); again before the reply is the second 先联. `contactedAt` is when
 * the call or visit happened — not in the future, not before the signing (the service checks both).
 */
export const contactConcernSchema = z.object({
  method: z.enum(CONTACT_METHODS, { error: '联系方式应为电话联系或上门联系' }),
  contactedAt: instant('联系时间'),
  note: text('联系情况', 0, CONTACT_NOTE_MAX).optional(),
});
export type ContactConcernInput = z.infer<typeof contactConcernSchema>;

/**
 * `POST /api/v1/admin/concerns/:id/callback` (回访): the street's dispatcher or a supervisor records a call to
 * the resident. Reached: `solved` and `satisfaction` are the resident's answers (the rating, channel 回访);
 * not reached: neither is given. `words` is what the resident said (staff only).
 */
export const callbackConcernSchema = z
  .object({
    reached: z.boolean({ error: '请选择是否联系上居民' }),
    solved: z.boolean({ error: '请选择问题是否解决' }).optional(),
    satisfaction: z.enum(SATISFACTION_LEVELS, { error: '请选择满意程度' }).optional(),
    words: text('居民意见', 0, CALLBACK_WORDS_MAX).optional(),
    calledAt: instant('回访时间').optional(),
  })
  .refine((v) => !v.reached || (v.solved !== undefined && v.satisfaction !== undefined), {
    message: '联系上居民时请填写是否解决和满意程度',
    path: ['satisfaction'],
  })
  .refine((v) => v.reached || (v.solved === undefined && v.satisfaction === undefined), {
    message: '未联系上居民时不能填写评价',
    path: ['reached'],
  });
export type CallbackConcernInput = z.infer<typeof callbackConcernSchema>;

/**
 * 无小程序渠道: concerns that came in where the resident has no app to rate in (电话, 来访, 走访, 12345,
 * Open311). Every one of them enters the 回访 queue as soon as its reply is published, and the published
 * reply starts the street's 回访期 instead of the resident's rating window (`publishedClock`): it is never
 * closed unrated by the clock, only by a 回访 (reached, or the last unreached attempt).
 */
export const NO_APP_SOURCES = ['phone', 'walk_in', 'visit', 'hotline', 'open311'] as const satisfies readonly ConcernSource[];
export function isNoAppSource(source: ConcernSource): boolean {
  return (NO_APP_SOURCES as readonly ConcernSource[]).includes(source);
}

/**
 * 评价渠道: the resident's own rating in the mini-program, or the answers a reached callback recorded.
 * Which counts when both exist: the first rating of the round decides the concern. A reached callback on a
 * concern awaiting its rating is the rating (the app then shows it rated); a callback made after the
 * resident's own rating is kept on record (counted for 回访覆盖率) but the resident's rating counts.
 */
export const RATING_CHANNELS = ['app', 'callback'] as const;
export type RatingChannel = (typeof RATING_CHANNELS)[number];
export const RATING_CHANNEL_LABELS: Record<RatingChannel, string> = { app: '小程序评价', callback: '回访' };

/** Why a concern is in the 回访 queue. */
export const CALLBACK_REASONS = ['no_app', 'unrated'] as const;
export type CallbackReason = (typeof CALLBACK_REASONS)[number];
export const CALLBACK_REASON_LABELS: Record<CallbackReason, string> = {
  no_app: '无小程序渠道',
  unrated: '居民逾期未评价',
};

/** The default of 回访未接通次数上限 (settable): this many unreached attempts close the concern as 未回访. */
export const MAX_CALLBACK_ATTEMPTS = 3;

/** What a callback does to a concern awaiting its rating. */
export interface CallbackOutcome {
  /** awaiting_rating when nothing changes yet (unreached, attempts left). */
  status: ConcernStatus;
  escalate: boolean;
  /** The callback is the concern's rating (channel 回访). */
  counts: boolean;
  /** Closed as 未回访: the attempts ran out without reaching the resident. */
  unreached: boolean;
}

/** The public word of an unreached-closed concern. */
export const UNREACHED_CLOSING_TEXT = '多次回访未能联系上您，本诉求已办结';

/**
 * `GET /api/v1/admin/callbacks` (回访队列): the caller's street (a dispatcher) or every street or one (a
 * supervisor); `reason` narrows to one kind. Keyset pages in the order the concerns became due for a call.
 */
export const callbackQueueQuerySchema = pageQuerySchema.extend({
  street: z.string().regex(CODE_PATTERN, { message: '街道无效' }).optional(),
  reason: z.enum(CALLBACK_REASONS, { error: '回访原因无效' }).optional(),
});
export type CallbackQueueQuery = z.infer<typeof callbackQueueQuerySchema>;

/** One concern waiting for its 回访. */
export interface CallbackQueueRow {
  id: number;
  code: string;
  title: string;
  streetId: number;
  compoundId: number;
  categoryId: number;
  departmentId: number | null;
  source: ConcernSource;
  reason: CallbackReason;
  /** When the reply was published (审核通过). */
  publishedAt: string;
  /** When the concern became due for a call: at publishing (no app), or `callbackAfterDays` later. */
  callbackDueAt: string;
  /** Unreached attempts so far, and the limit that closes it as 未回访. */
  attempts: number;
  maxAttempts: number;
  /** 回访超期: the 回访期 of a concern from a channel without the app has passed without its 回访 (the sweep chased it). */
  overdue: boolean;
  lastAttemptAt: string | null;
  /** Masked (138****1234); the reveal route shows it in full. */
  phone: string | null;
}

export type CallbackQueueView = Page<CallbackQueueRow>;

/** One 先联系 record, on a concern's staff detail. */
export interface ContactRecordView {
  id: number;
  method: ContactMethod;
  contactedAt: string;
  note: string | null;
  staffName: string | null;
  createdAt: string;
}

/** One 回访 record, on a concern's staff detail. */
export interface CallbackRecordView {
  id: number;
  reached: boolean;
  solved: boolean | null;
  satisfaction: Satisfaction | null;
  words: string | null;
  calledAt: string;
  staffName: string | null;
  /** This callback is the concern's rating (it came before any app rating in its round). */
  counted: boolean;
  createdAt: string;
}
