import { z } from 'zod';
import type { ConcernStatus } from '../concern/concern-status.js';
import { CODE_PATTERN, VISIT_PARTICIPANT_ROLES, type VisitParticipantRole, type VisitStatus } from '../directory/directory.js';
import { pageQuerySchema } from './common.schemas.js';
import { id, optionalText, text } from './text.js';

/** "满意在徐汇" visits: what editors publish, what residents send, and what both read back. */

export const MAX_VISIT_PARTICIPANTS = 20;
export const MAX_VISIT_TOPICS = 10;
export const MAX_VISIT_CAPACITY = 1000;
/** Questions one resident may ask ahead of one visit: enough to be heard, too few to flood the list. */
export const MAX_QUESTIONS_PER_RESIDENT = 3;
export const MAX_VISIT_ISSUES = 50;

/** A visit lasts an afternoon, not a week: a longer span is a typing mistake. */
const MAX_VISIT_HOURS = 12;

/** An instant with its offset (`2026-11-24T14:00:00+08:00` or `…Z`), as the admin page and the mini-program send it. */
const instant = (label: string) =>
  z.iso
    .datetime({ offset: true, error: `${label}格式不正确，应为带时区的 ISO 时间` })
    .transform((s) => new Date(s))
    .refine((d) => !Number.isNaN(d.getTime()), { message: `${label}无效` });

/**
 * The visit's length, or null while either time is itself invalid: zod still runs an object's
 * refinements after a field failed, with that field's raw input in place of a Date.
 */
function spanMs(v: { startsAt: unknown; endsAt: unknown }): number | null {
  return v.startsAt instanceof Date && v.endsAt instanceof Date ? v.endsAt.getTime() - v.startsAt.getTime() : null;
}

const streetCode = z.string({ error: '街道无效' }).regex(CODE_PATTERN, { message: '街道无效' });
const participantRole = z.enum(VISIT_PARTICIPANT_ROLES, { error: '请选择参加人员的身份' });

export const visitParticipantSchema = z.object({
  name: text('参加人员姓名', 1, 20),
  role: participantRole,
  title: optionalText('参加人员职务', 40),
});
export type VisitParticipantInput = z.infer<typeof visitParticipantSchema>;

/** `POST /api/v1/admin/visits`. Editors and dispatchers may leave `street` out: it is their own. */
export const createVisitSchema = z
  .object({
    title: text('走访标题', 2, 60),
    street: streetCode.optional(),
    compoundId: id('居民区').optional(),
    place: text('走访地点', 2, 60),
    startsAt: instant('开始时间'),
    endsAt: instant('结束时间'),
    participants: z
      .array(visitParticipantSchema, { error: '参加人员列表无效' })
      .min(1, { message: '请至少填写一位参加人员' })
      .max(MAX_VISIT_PARTICIPANTS, { message: `参加人员最多 ${MAX_VISIT_PARTICIPANTS} 位` }),
    topics: z
      .array(text('议题', 2, 40), { error: '议题列表无效' })
      .max(MAX_VISIT_TOPICS, { message: `议题最多 ${MAX_VISIT_TOPICS} 个` })
      .default([]),
    capacity: z
      .number({ error: '报名人数上限必须是数字' })
      .int({ message: '报名人数上限必须是整数' })
      .min(1, { message: '报名人数上限至少为 1' })
      .max(MAX_VISIT_CAPACITY, { message: `报名人数上限最多 ${MAX_VISIT_CAPACITY}` }),
  })
  .refine((v) => (spanMs(v) ?? 1) > 0, { message: '结束时间必须晚于开始时间', path: ['endsAt'] })
  .refine((v) => (spanMs(v) ?? 0) <= MAX_VISIT_HOURS * 3_600_000, {
    message: `一次走访不能超过 ${MAX_VISIT_HOURS} 小时`,
    path: ['endsAt'],
  });
export type CreateVisitInput = z.infer<typeof createVisitSchema>;

/** A compound by its id or its code (`xietu-hengyi`): the mini-program has both from the directory. */
const compoundRef = z.union([id('居民区'), z.string().regex(CODE_PATTERN)], { error: '居民区无效' });

/** `GET /api/v1/visits?street=&compound=&from=`: the schedule from `from` (default now), soonest first. */
export const listVisitsQuerySchema = pageQuerySchema.extend({
  street: streetCode.optional(),
  compound: compoundRef.optional(),
  from: instant('起始时间').optional(),
});
export type ListVisitsQuery = z.infer<typeof listVisitsQuerySchema>;

/** `GET /api/v1/admin/visits?street=&status=`: every visit in the caller's scope, newest first. */
export const adminVisitsQuerySchema = pageQuerySchema.extend({
  street: streetCode.optional(),
  status: z.enum(['planned', 'held', 'cancelled'], { error: '状态无效' }).optional(),
});
export type AdminVisitsQuery = z.infer<typeof adminVisitsQuerySchema>;

/** `POST /api/v1/visits/:id/questions`: a question ahead of the visit, to one kind of participant. */
export const askVisitQuestionSchema = z.object({
  addressedTo: participantRole,
  text: text('问题', 5, 500),
});
export type AskVisitQuestionInput = z.infer<typeof askVisitQuestionSchema>;

/** `POST /api/v1/admin/visits/:id/questions/:questionId/answer`: shown on the visit page. */
export const answerVisitQuestionSchema = z.object({ answer: text('答复', 2, 2000) });
export type AnswerVisitQuestionInput = z.infer<typeof answerVisitQuestionSchema>;

/** `POST /api/v1/admin/visits/:id/questions/:questionId/concern`: filed for the resident who asked, `source = visit`. */
export const visitQuestionToConcernSchema = z.object({
  categoryId: id('诉求类别'),
  compoundId: id('小区'),
  /** Defaults to the start of the question. */
  title: text('标题', 2, 50).optional(),
});
export type VisitQuestionToConcernInput = z.infer<typeof visitQuestionToConcernSchema>;

/** `POST /api/v1/admin/visits/:id/held`: after the visit. Sent again, it corrects the record. */
export const markVisitHeldSchema = z.object({
  attendance: z
    .number({ error: '到场人数必须是数字' })
    .int({ message: '到场人数必须是整数' })
    .min(0, { message: '到场人数不能为负数' })
    .max(100_000, { message: '到场人数过大' }),
  summary: text('走访纪要', 5, 5000),
});
export type MarkVisitHeldInput = z.infer<typeof markVisitHeldSchema>;

/** `POST /api/v1/admin/visits/:id/cancel`: everyone signed up or waiting is told, with the reason. */
export const cancelVisitSchema = z.object({ reason: text('取消原因', 2, 200) });
export type CancelVisitInput = z.infer<typeof cancelVisitSchema>;

/** `PUT /api/v1/admin/visits/:id/issues`: the list of issues raised, each followed as a concern. Replaces the list. */
export const publishVisitIssuesSchema = z.object({
  items: z
    .array(z.object({ text: text('问题内容', 2, 500), concernId: id('关联诉求') }), { error: '问题清单无效' })
    .min(1, { message: '问题清单至少要有一项' })
    .max(MAX_VISIT_ISSUES, { message: `问题清单最多 ${MAX_VISIT_ISSUES} 项` }),
});
export type PublishVisitIssuesInput = z.infer<typeof publishVisitIssuesSchema>;

export const VISIT_EXPORT_PARTS = ['signups', 'questions'] as const;
export type VisitExportPart = (typeof VISIT_EXPORT_PARTS)[number];

/** `GET /api/v1/admin/visits/:id/export?part=`: a CSV for the organisers. */
export const visitExportQuerySchema = z.object({
  part: z.enum(VISIT_EXPORT_PARTS, { error: '导出内容应为 signups（报名名单）或 questions（提前提问）' }).default('signups'),
});
export type VisitExportQuery = z.infer<typeof visitExportQuerySchema>;

// ——— What the API answers ———

export const VISIT_SIGNUP_STATUSES = ['confirmed', 'waiting', 'cancelled'] as const;
export type VisitSignupStatus = (typeof VISIT_SIGNUP_STATUSES)[number];
export const VISIT_SIGNUP_STATUS_LABELS: Record<VisitSignupStatus, string> = {
  confirmed: '已报名',
  waiting: '候补',
  cancelled: '已取消',
};

export const VISIT_QUESTION_STATUSES = ['open', 'answered', 'concern'] as const;
export type VisitQuestionStatus = (typeof VISIT_QUESTION_STATUSES)[number];
export const VISIT_QUESTION_STATUS_LABELS: Record<VisitQuestionStatus, string> = {
  open: '待答复',
  answered: '已答复',
  concern: '已转为诉求',
};

export const VISIT_STATUS_LABELS: Record<VisitStatus, string> = { planned: '即将举行', held: '已举行', cancelled: '已取消' };

export interface VisitParticipantView {
  name: string;
  role: VisitParticipantRole;
  title: string | null;
}

/** A concern as a visit page shows it: where the promise stands now, never who reported it or what they wrote. */
export interface LinkedConcernView {
  id: number;
  /** Null when the concern is confidential. */
  code: string | null;
  /** The live status; a merged concern shows the status of the concern it was merged into. */
  status: ConcernStatus;
}

/** The caller's own sign-up: `position` is their place on the waiting list (1 = next), null when confirmed. */
export interface VisitSignupView {
  status: VisitSignupStatus;
  position: number | null;
}

/**
 * Answer of `POST /api/v1/visits/:id/signups`: the sign-up and the subscribe templates to ask consent for
 * right after (the visit template: reminders, a place freed, a cancellation); empty in preview mode.
 * Each consent is one message, budgeted like the concern templates.
 */
export interface VisitSignupAnswer extends VisitSignupView {
  subscribeTemplates: string[];
}

export interface VisitSummaryView {
  id: number;
  title: string;
  status: VisitStatus;
  street: { id: number; code: string; name: string };
  compound: { id: number; code: string; name: string } | null;
  place: string;
  startsAt: string;
  endsAt: string;
  participants: VisitParticipantView[];
  topics: string[];
  capacity: number;
  /** Confirmed places still free. */
  remaining: number;
  waitingCount: number;
}

/** A line of 我的报名: the visit and where the caller stands on it. */
export interface MyVisitView extends VisitSummaryView {
  mySignup: VisitSignupView;
}

/** `GET /api/v1/visits/mine?from=`: the caller's sign-ups from `from` (default now). */
export const myVisitsQuerySchema = pageQuerySchema.extend({ from: instant('起始时间').optional() });
export type MyVisitsQuery = z.infer<typeof myVisitsQuerySchema>;

export interface VisitQuestionView {
  id: number;
  addressedTo: VisitParticipantRole;
  text: string;
  status: VisitQuestionStatus;
  answer: string | null;
  answeredAt: string | null;
  concern: LinkedConcernView | null;
  /** Asked by the caller. */
  mine: boolean;
  createdAt: string;
}

export interface VisitIssueView {
  text: string;
  concern: LinkedConcernView;
}

/** What was promised at the last held visit to a compound, and where each item stands. */
export interface PreviousIssuesView {
  visitId: number;
  title: string;
  heldAt: string;
  items: VisitIssueView[];
}

export interface VisitDetailView extends VisitSummaryView {
  /** Null for a caller who is not signed in as a resident, or has not signed up. */
  mySignup: VisitSignupView | null;
  /** Answered questions and those followed as concerns, plus the caller's own. */
  questions: VisitQuestionView[];
  attendance: number | null;
  summary: string | null;
  heldAt: string | null;
  /** The published list of issues raised at this visit, with live statuses. */
  issues: VisitIssueView[];
  previousIssues: PreviousIssuesView | null;
}

export interface VisitListView {
  items: VisitSummaryView[];
  nextCursor: string | null;
  /** With `?compound=`: the list from the last held visit there. */
  previousIssues?: PreviousIssuesView | null;
}

export interface AdminVisitSignupView {
  residentId: number;
  nickname: string;
  status: VisitSignupStatus;
  position: number | null;
  signedUpAt: string;
}

/** The organisers' view: every question (asker by nickname only) and every sign-up. */
export interface AdminVisitDetailView extends Omit<VisitDetailView, 'mySignup' | 'questions'> {
  questions: (VisitQuestionView & { nickname: string })[];
  signups: AdminVisitSignupView[];
}
