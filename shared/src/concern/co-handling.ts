import { z } from 'zod';
import { ROLE_LABELS, type ActorRole } from '../roles.js';
import { MAX_CONCERN_PHOTOS } from '../schemas/concern.schemas.js';
import { id, text } from '../schemas/text.js';
import { CONCERN_ACTION_LABELS, type ConcernAction } from './concern-state-machine.js';
import { CONCERN_STATUS_LABELS, type ConcernStatus } from './concern-status.js';

/*
 * 协办: a concern dispatched to a lead department (主办) may name co-handling departments (协办部门). Each
 * co-handler is asked when the concern is dispatched, signs for it (签收) within its own sign-for
 * deadline, then adds its part (协办意见: text and photos, internal or for the reply) or declines (拒绝协办)
 * with a reason. The lead cannot submit the reply while a co-handler's part is outstanding, unless the
 * dispatcher or the supervisor waives it (免除协办). One table here says who may do what from where; the
 * service, the admin page and the tests all read it.
 */

/** Where one co-handling department stands on one concern. */
export const CO_HANDLER_STATUSES = [
  'pending', // 待签收: asked, not yet signed for
  'signed', // 已签收: working on its part
  'submitted', // 已提交: its part is in
  'declined', // 已拒绝: declined with a reason; the dispatcher decides (waive, or re-dispatch)
  'waived', // 已免除: the dispatcher or supervisor no longer waits for it
  'released', // 已解除: a re-dispatch without it, or the lead's return (退单), ended its co-handling
] as const;
export type CoHandlerStatus = (typeof CO_HANDLER_STATUSES)[number];

export const CO_HANDLER_STATUS_LABELS: Record<CoHandlerStatus, string> = {
  pending: '待签收',
  signed: '已签收',
  submitted: '已提交',
  declined: '已拒绝',
  waived: '已免除',
  released: '已解除',
};

/**
 * The co-handlers the lead's reply waits for: asked and not yet done (pending, signed), or declined and
 * not yet waived — a decline is the dispatcher's to settle, not the lead's to ignore.
 */
export const OUTSTANDING_CO_HANDLER_STATUSES = ['pending', 'signed', 'declined'] as const satisfies readonly CoHandlerStatus[];

export function isOutstandingCoHandler(status: CoHandlerStatus): boolean {
  return (OUTSTANDING_CO_HANDLER_STATUSES as readonly CoHandlerStatus[]).includes(status);
}

/** The 待协办 list of a co-handling department: what it still has to do (sign, then its part). */
export const CO_HANDLER_TO_DO_STATUSES = ['pending', 'signed'] as const satisfies readonly CoHandlerStatus[];

/** The concern statuses in which a department holds the concern, so co-handling can go on. */
export const CO_HANDLING_CONCERN_STATUSES = ['dispatched', 'in_progress', 'reopened'] as const satisfies readonly ConcernStatus[];

/** The co-handling actions, as the routes `POST /api/v1/admin/concerns/:id/<action>` name them. */
export const CO_HANDLER_ACTIONS = [
  'co-handler-sign', // 协办签收
  'co-handler-part', // 提交协办意见
  'co-handler-decline', // 拒绝协办
  'waive-co-handler', // 免除协办
] as const;
export type CoHandlerAction = (typeof CO_HANDLER_ACTIONS)[number];

export const CO_HANDLER_ACTION_LABELS: Record<CoHandlerAction, string> = {
  'co-handler-sign': '协办签收',
  'co-handler-part': '提交协办意见',
  'co-handler-decline': '拒绝协办',
  'waive-co-handler': '免除协办',
};

export function isCoHandlerAction(action: string): action is CoHandlerAction {
  return (CO_HANDLER_ACTIONS as readonly string[]).includes(action);
}

interface CoHandlerRule {
  /** From which co-handler statuses. */
  from: readonly CoHandlerStatus[];
  /** Who: a handler only for their own department's row; triage for any row of a concern in scope. */
  roles: readonly ActorRole[];
  to: CoHandlerStatus;
}

/** The whole co-handling lifecycle, one row per action. */
export const CO_HANDLER_TRANSITIONS: Readonly<Record<CoHandlerAction, CoHandlerRule>> = {
  'co-handler-sign': { from: ['pending'], roles: ['handler'], to: 'signed' },
  // A part is written after signing for the concern: the sign-for is what the department's rates count.
  'co-handler-part': { from: ['signed'], roles: ['handler'], to: 'submitted' },
  'co-handler-decline': { from: ['pending', 'signed'], roles: ['handler'], to: 'declined' },
  'waive-co-handler': { from: OUTSTANDING_CO_HANDLER_STATUSES, roles: ['dispatcher', 'supervisor'], to: 'waived' },
};

export type CoHandlerDecision =
  | { allowed: true; to: CoHandlerStatus }
  | {
      allowed: false;
      code: 'CONCERN_ROLE_NOT_ALLOWED' | 'CONCERN_ACTION_NOT_ALLOWED' | 'CO_HANDLER_ACTION_NOT_ALLOWED';
      message: string;
    };

/**
 * May `role` do `action` on a co-handler now at `status`, the concern being at `concernStatus`? When
 * not, says why in Chinese, naming the department (`departmentName`) where it helps.
 */
export function decideCoHandlerAction(
  action: CoHandlerAction,
  role: ActorRole,
  concernStatus: ConcernStatus,
  status: CoHandlerStatus,
  departmentName: string,
): CoHandlerDecision {
  const rule = CO_HANDLER_TRANSITIONS[action];
  const label = CO_HANDLER_ACTION_LABELS[action];
  if (!rule.roles.includes(role)) {
    return { allowed: false, code: 'CONCERN_ROLE_NOT_ALLOWED', message: `${ROLE_LABELS[role]}不能执行「${label}」` };
  }
  if (!(CO_HANDLING_CONCERN_STATUSES as readonly ConcernStatus[]).includes(concernStatus)) {
    return {
      allowed: false,
      code: 'CONCERN_ACTION_NOT_ALLOWED',
      message: `诉求当前为「${CONCERN_STATUS_LABELS[concernStatus]}」，不能${label}（仅限派单后、答复前）`,
    };
  }
  if (!rule.from.includes(status)) {
    const allowedFrom = rule.from.map((s) => CO_HANDLER_STATUS_LABELS[s]).join('、');
    return {
      allowed: false,
      code: 'CO_HANDLER_ACTION_NOT_ALLOWED',
      message: `协办部门「${departmentName}」当前为「${CO_HANDLER_STATUS_LABELS[status]}」，不能${label}（仅限：${allowedFrom}）`,
    };
  }
  return { allowed: true, to: rule.to };
}

/**
 * The co-handling actions open to someone on one co-handler row: its own department's handler signs,
 * adds its part or declines; the dispatcher or supervisor (in scope) waives. What the workbench offers.
 */
export function coHandlerActionsFor(
  role: ActorRole,
  ownDepartment: boolean,
  concernStatus: ConcernStatus,
  status: CoHandlerStatus,
): CoHandlerAction[] {
  return CO_HANDLER_ACTIONS.filter((action) => {
    if (role === 'handler' && !ownDepartment) return false;
    return decideCoHandlerAction(action, role, concernStatus, status, '').allowed;
  });
}

/** Why the lead cannot reply yet: the departments whose part is outstanding, by name and status. */
export function replyBlockedMessage(outstanding: ReadonlyArray<{ name: string; status: CoHandlerStatus }>): string {
  const waiting = outstanding.map((o) => `「${o.name}」（${CO_HANDLER_STATUS_LABELS[o.status]}）`).join('、');
  return `协办部门${waiting}尚未提交协办意见，暂不能提交答复；请等待其提交，或请派单员免除协办`;
}

/** Whether a co-handler's part goes out with the reply (答复可用) or stays among staff (仅内部). */
export const CO_HANDLER_PART_VISIBILITIES = ['internal', 'reply'] as const;
export type CoHandlerPartVisibility = (typeof CO_HANDLER_PART_VISIBILITIES)[number];
export const CO_HANDLER_PART_VISIBILITY_LABELS: Record<CoHandlerPartVisibility, string> = {
  internal: '仅内部',
  reply: '用于答复',
};

/** One co-handling department of a concern, as staff read it in the workbench. */
export interface CoHandlerView {
  departmentId: number;
  status: CoHandlerStatus;
  askedAt: string;
  /** 协办签收时限. */
  signDueAt: string;
  signedAt: string | null;
  submittedAt: string | null;
  partText: string | null;
  partVisibility: CoHandlerPartVisibility | null;
  partPhotoIds: number[];
  declinedAt: string | null;
  declineReason: string | null;
  waivedAt: string | null;
  waiveReason: string | null;
  /** What the reader may do on this row now (coHandlerActionsFor). */
  actions: CoHandlerAction[];
}

/** `POST …/co-handler-sign`: nothing to say. */
export const coHandlerSignSchema = z.object({}, { error: '请求内容应为对象' });
/** `POST …/co-handler-part`: the department's part — text, photos, and whether it may go out with the reply. */
export const coHandlerPartSchema = z.object({
  text: text('协办意见', 5, 2000),
  photoIds: z
    .array(id('照片'), { error: '照片列表无效' })
    .max(MAX_CONCERN_PHOTOS, { message: `最多上传 ${MAX_CONCERN_PHOTOS} 张照片` })
    .default([]),
  visibility: z.enum(CO_HANDLER_PART_VISIBILITIES, { error: '请选择协办意见仅内部可见还是用于答复' }),
});
/** `POST …/co-handler-decline`: why not (the dispatcher reads it). */
export const coHandlerDeclineSchema = z.object({ reason: text('拒绝理由', 2, 500) });
/** `POST …/waive-co-handler`: which co-handling department is no longer waited for, and why (audited). */
export const waiveCoHandlerSchema = z.object({ departmentId: id('协办部门'), reason: text('免除理由', 2, 500) });

export type CoHandlerPartInput = z.infer<typeof coHandlerPartSchema>;
export type CoHandlerDeclineInput = z.infer<typeof coHandlerDeclineSchema>;
export type WaiveCoHandlerInput = z.infer<typeof waiveCoHandlerSchema>;

/** The body schema of each co-handling action: the service validates with it, the admin page's forms too. */
export const CO_HANDLER_ACTION_SCHEMAS = {
  'co-handler-sign': coHandlerSignSchema,
  'co-handler-part': coHandlerPartSchema,
  'co-handler-decline': coHandlerDeclineSchema,
  'waive-co-handler': waiveCoHandlerSchema,
} as const satisfies Record<CoHandlerAction, z.ZodType>;
export type CoHandlerActionBodies = { [A in CoHandlerAction]: z.output<(typeof CO_HANDLER_ACTION_SCHEMAS)[A]> };

/** Every step a timeline shows, lifecycle and co-handling alike, as staff and residents read it. */
export const TIMELINE_ACTION_LABELS: Readonly<Record<ConcernAction | CoHandlerAction, string>> = {
  ...CONCERN_ACTION_LABELS,
  ...CO_HANDLER_ACTION_LABELS,
};
