import { ROLE_LABELS, type ActorRole } from '../roles.js';
import { CONCERN_STATUS_LABELS, isFinalStatus, type ConcernStatus, type Satisfaction } from './concern-status.js';
import type { DueKind } from './concern.views.js';
import { MAX_CALLBACK_ATTEMPTS, type CallbackOutcome } from './follow-up.js';

/** Every action on a concern, staff and resident alike. The staff ones are the admin routes' `:action`. */
export const CONCERN_ACTIONS = [
  'accept', // 受理
  'reject', // 不予受理
  'merge', // 并单
  'dispatch', // 派单 / 改派
  'sign', // 签收
  'return', // 退单
  'extend', // 申请延期
  'approve-extension', // 批准延期
  'reply', // 答复
  'approve-reply', // 审核通过
  'send-back', // 退回重答
  'note', // 内部备注
  'chase', // 催办
  'reclassify', // 更正分类: category, compound (and so street), request type — before dispatch
  'withdraw', // 撤销 (resident)
  'rate', // 评价 (resident)
  'expire-rating', // 评价期满自动办结 (system)
  'reschedule', // 期限调整: the working calendar changed under a running deadline (system)
  'contact', // 先联系: the handler called or visited the resident, after signing and before the reply
  'callback', // 回访: the street called the resident after the reply was published
  'chase-callback', // 回访超期催办: the 回访期 of a concern from a channel without the app passed uncalled (system)
] as const;
export type ConcernAction = (typeof CONCERN_ACTIONS)[number];

export const CONCERN_ACTION_LABELS: Record<ConcernAction, string> = {
  accept: '受理',
  reject: '不予受理',
  merge: '并单',
  dispatch: '派单',
  sign: '签收',
  return: '退单',
  extend: '申请延期',
  'approve-extension': '批准延期',
  reply: '答复',
  'approve-reply': '审核通过',
  'send-back': '退回重答',
  note: '内部备注',
  chase: '催办',
  reclassify: '更正分类',
  withdraw: '撤销',
  rate: '评价',
  'expire-rating': '评价期满办结',
  reschedule: '期限调整',
  contact: '先联系',
  callback: '回访',
  'chase-callback': '回访超期催办',
};

/** Staff actions exposed as `POST /api/v1/admin/concerns/:id/<action>`. */
export const STAFF_CONCERN_ACTIONS = [
  'accept',
  'reject',
  'merge',
  'dispatch',
  'sign',
  'return',
  'extend',
  'approve-extension',
  'reply',
  'approve-reply',
  'send-back',
  'note',
  'chase',
  'contact',
  'callback',
] as const satisfies readonly ConcernAction[];
export type StaffConcernAction = (typeof STAFF_CONCERN_ACTIONS)[number];

/** Facts about the concern that some outcomes depend on (not the status alone). */
export interface ConcernContext {
  /** How many times the resident's answer has already reopened it (重办次数). */
  reopenCount: number;
  /** How many reopens the district's rules allow (时限设置); MAX_REOPENS when not given. */
  maxReopens?: number;
  /** The resident's answers, for `rate`. */
  rating?: { solved: boolean; satisfaction: Satisfaction };
  /** The call's answers, for `callback`: reached with the resident's answers, or not reached. */
  callback?: { reached: boolean; solved?: boolean; satisfaction?: Satisfaction };
  /** Unreached callbacks already recorded in this round, and the limit (回访未接通次数上限; MAX_CALLBACK_ATTEMPTS when not given). */
  unreachedCallbacks?: number;
  maxCallbackAttempts?: number;
}

type Outcome = ConcernStatus | 'unchanged' | ((ctx: ConcernContext, from: ConcernStatus) => ConcernStatus);

interface TransitionRule {
  from: readonly ConcernStatus[];
  roles: readonly ActorRole[];
  to: Outcome;
  /** Every status `to` can produce; lets tests and the admin page know the reachable set without a context. */
  possible: readonly ConcernStatus[] | 'unchanged';
  /** Added to the refusal from a status not in `from`: what to do instead. */
  otherwise?: string;
}

const TRIAGE: readonly ActorRole[] = ['dispatcher', 'supervisor'];
/** Statuses where a clock runs, so a deadline can pass and be chased. */
const CLOCKED: readonly ConcernStatus[] = ['submitted', 'accepted', 'dispatched', 'returned', 'in_progress', 'reopened', 'replied'];
const BEING_HANDLED: readonly ConcernStatus[] = ['in_progress', 'reopened'];

/**
 * The whole lifecycle in one table: for each action, from which statuses, by which roles, to what.
 * Scope (which street, which department, whose concern) and time guards (an extension only before the
 * due date) are checked by the service; this table is about status and role only.
 */
export const CONCERN_TRANSITIONS: Readonly<Record<ConcernAction, TransitionRule>> = {
  accept: { from: ['submitted'], roles: TRIAGE, to: 'accepted', possible: ['accepted'] },
  reject: { from: ['submitted', 'accepted', 'returned'], roles: TRIAGE, to: 'rejected', possible: ['rejected'] },
  merge: { from: ['submitted', 'accepted', 'returned'], roles: TRIAGE, to: 'merged', possible: ['merged'] },
  // From `dispatched` it is a re-dispatch (改派) before the department has signed.
  dispatch: { from: ['accepted', 'returned', 'dispatched'], roles: TRIAGE, to: 'dispatched', possible: ['dispatched'] },
  sign: { from: ['dispatched'], roles: ['handler'], to: 'in_progress', possible: ['in_progress'] },
  return: { from: ['dispatched', 'in_progress'], roles: ['handler'], to: 'returned', possible: ['returned'] },
  extend: { from: BEING_HANDLED, roles: ['handler'], to: 'unchanged', possible: 'unchanged' },
  'approve-extension': { from: BEING_HANDLED, roles: TRIAGE, to: 'unchanged', possible: 'unchanged' },
  reply: { from: BEING_HANDLED, roles: ['handler'], to: 'replied', possible: ['replied'] },
  'approve-reply': { from: ['replied'], roles: TRIAGE, to: 'awaiting_rating', possible: ['awaiting_rating'] },
  // A reply sent back returns to the handling it came from: a redo stays a redo.
  'send-back': {
    from: ['replied'],
    roles: TRIAGE,
    to: (ctx) => (ctx.reopenCount > 0 ? 'reopened' : 'in_progress'),
    possible: ['in_progress', 'reopened'],
  },
  note: {
    from: [
      'submitted',
      'rejected',
      'merged',
      'accepted',
      'dispatched',
      'returned',
      'in_progress',
      'replied',
      'awaiting_rating',
      'reopened',
      'closed',
      'withdrawn',
    ],
    roles: ['dispatcher', 'handler', 'supervisor'],
    to: 'unchanged',
    possible: 'unchanged',
  },
  chase: { from: CLOCKED, roles: ['dispatcher', 'supervisor', 'system'], to: 'unchanged', possible: 'unchanged' },
  // Triage is corrected before a department holds it; after dispatch the department returns it (退单) first.
  reclassify: {
    from: ['submitted', 'accepted', 'returned'],
    roles: TRIAGE,
    to: 'unchanged',
    possible: 'unchanged',
    otherwise: '派单后不能直接更正，请由承办部门退单后再更正，或在签收前改派',
  },
  withdraw: {
    from: ['submitted', 'accepted', 'dispatched', 'returned', 'in_progress'],
    roles: ['resident'],
    to: 'withdrawn',
    possible: ['withdrawn'],
  },
  rate: { from: ['awaiting_rating'], roles: ['resident'], to: (ctx) => ratingOutcome(ctx).status, possible: ['closed', 'reopened'] },
  'expire-rating': { from: ['awaiting_rating'], roles: ['system'], to: 'closed', possible: ['closed'] },
  reschedule: { from: CLOCKED, roles: ['system'], to: 'unchanged', possible: 'unchanged' },
  // 先联系 after signing and again before the reply (the second 先联); it stops the contact clock only.
  contact: {
    from: BEING_HANDLED,
    roles: ['handler'],
    to: 'unchanged',
    possible: 'unchanged',
    otherwise: '先联系应在签收后、答复前记录',
  },
  // 回访: on a concern awaiting its rating a reached call is the rating (the same path as the app's);
  // on a closed one it is kept on record only.
  callback: {
    from: ['awaiting_rating', 'closed'],
    roles: ['dispatcher', 'supervisor'],
    to: (ctx, from) => callbackOutcome(ctx, from).status,
    possible: ['awaiting_rating', 'closed', 'reopened'],
  },
  // The 回访期 passed: the street is chased once and the concern keeps waiting for its 回访 (never closed unrated).
  'chase-callback': { from: ['awaiting_rating'], roles: ['system'], to: 'unchanged', possible: 'unchanged' },
};

/** The sweep's chases of a passed deadline (超期): counted as such in the trends. */
export const DEADLINE_CHASE_ACTIONS = ['chase', 'chase-callback'] as const satisfies readonly ConcernAction[];

/**
 * What the deadline sweep does with a concern whose clock has passed: the resident's rating window ends
 * by closing it unrated (评价期满办结); the 回访期 of a concern from a channel without the app is the
 * street's, chased once (回访超期催办) while the concern waits for its 回访; every other clock is chased (催办).
 */
export function passedDeadlineAction(status: ConcernStatus, kind: DueKind | null): 'expire-rating' | 'chase-callback' | 'chase' {
  if (status !== 'awaiting_rating') return 'chase';
  return kind === 'callback' ? 'chase-callback' : 'expire-rating';
}

/** How many times a resident's "not solved / unsatisfied" sends a concern back to the department (重办), by default. */
export const MAX_REOPENS = 1;
/** The return (退单) that escalates a concern to the supervisor (督办). */
export const RETURNS_BEFORE_ESCALATION = 3;
/** The reopen (重办) that puts a concern on the supervisor's 督办 list (提级督办). */
export const REOPENS_BEFORE_ESCALATION = 2;

export interface RatingOutcome {
  status: ConcernStatus;
  /** True when the loop ends unsatisfied a second time: the supervisor takes it up (督办). */
  escalate: boolean;
}

/**
 * The resident's answers decide what happens next: solved and (basically) satisfied closes it; otherwise
 * the first time reopens it to the same department, and the second time closes it with the supervisor told.
 */
export function ratingOutcome(ctx: ConcernContext): RatingOutcome {
  if (!ctx.rating) throw new Error('ratingOutcome needs the rating answers');
  const content = ctx.rating.solved && ctx.rating.satisfaction !== 'unsatisfied';
  if (content) return { status: 'closed', escalate: false };
  if (ctx.reopenCount < (ctx.maxReopens ?? MAX_REOPENS)) return { status: 'reopened', escalate: false };
  return { status: 'closed', escalate: true };
}

/**
 * A callback's effect. On a concern awaiting its rating: reached, it is the rating (ratingOutcome decides
 * closed or reopened, channel 回访); not reached, the concern waits for the next attempt until the
 * `maxCallbackAttempts`-th closes it as 未回访 (unrated, counted apart). On a closed concern (the resident
 * rated in the app first, or the rating window ran out) it changes nothing: the first rating counts.
 */
export function callbackOutcome(ctx: ConcernContext, from: ConcernStatus): CallbackOutcome {
  if (!ctx.callback) throw new Error('callbackOutcome needs the callback answers');
  if (from !== 'awaiting_rating') return { status: from, escalate: false, counts: false, unreached: false };
  const { reached, solved, satisfaction } = ctx.callback;
  if (reached) {
    if (solved === undefined || satisfaction === undefined) throw new Error('a reached callback needs the answers');
    const rated = ratingOutcome({ ...ctx, rating: { solved, satisfaction } });
    return { ...rated, counts: true, unreached: false };
  }
  const attempts = (ctx.unreachedCallbacks ?? 0) + 1;
  if (attempts >= (ctx.maxCallbackAttempts ?? MAX_CALLBACK_ATTEMPTS))
    return { status: 'closed', escalate: false, counts: false, unreached: true };
  return { status: 'awaiting_rating', escalate: false, counts: false, unreached: false };
}

export type TransitionDecision =
  | { allowed: true; to: ConcernStatus }
  | { allowed: false; code: 'CONCERN_ACTION_NOT_ALLOWED' | 'CONCERN_ROLE_NOT_ALLOWED'; message: string };

/**
 * May `role` do `action` on a concern in `status`, and what status results? When not, says why in
 * Chinese (a resident or staff member reads it) with a code the caller can react to.
 */
export function decideTransition(
  status: ConcernStatus,
  action: ConcernAction,
  role: ActorRole,
  ctx: ConcernContext = { reopenCount: 0 },
): TransitionDecision {
  const rule = CONCERN_TRANSITIONS[action];
  if (!rule.roles.includes(role)) {
    return {
      allowed: false,
      code: 'CONCERN_ROLE_NOT_ALLOWED',
      message: `${ROLE_LABELS[role]}不能执行「${CONCERN_ACTION_LABELS[action]}」`,
    };
  }
  if (!rule.from.includes(status)) {
    const allowedFrom = rule.from.map((s) => CONCERN_STATUS_LABELS[s]).join('、');
    return {
      allowed: false,
      code: 'CONCERN_ACTION_NOT_ALLOWED',
      message: `诉求当前为「${CONCERN_STATUS_LABELS[status]}」，不能${CONCERN_ACTION_LABELS[action]}（仅限：${allowedFrom}）${
        rule.otherwise && !isFinalStatus(status) ? `。${rule.otherwise}` : ''
      }`,
    };
  }
  const to = rule.to === 'unchanged' ? status : typeof rule.to === 'function' ? rule.to(ctx, status) : rule.to;
  return { allowed: true, to };
}

/** The actions `role` may take on a concern in `status` now — what the admin page shows as buttons. */
export function allowedActions(status: ConcernStatus, role: ActorRole): ConcernAction[] {
  return CONCERN_ACTIONS.filter((action) => {
    const rule = CONCERN_TRANSITIONS[action];
    return rule.roles.includes(role) && rule.from.includes(status);
  });
}
