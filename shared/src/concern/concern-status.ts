/** The concern lifecycle's statuses (docs/concerns.md "The lifecycle"), with the Chinese a resident or staff member reads. */
export const CONCERN_STATUSES = [
  'submitted', // 待受理
  'rejected', // 不予受理
  'merged', // 已合并
  'accepted', // 已受理
  'dispatched', // 已派单
  'returned', // 退单
  'in_progress', // 办理中
  'replied', // 已答复待审核
  'awaiting_rating', // 待评价
  'reopened', // 重办
  'closed', // 已办结
  'withdrawn', // 已撤销
] as const;
export type ConcernStatus = (typeof CONCERN_STATUSES)[number];

export const CONCERN_STATUS_LABELS: Record<ConcernStatus, string> = {
  submitted: '待受理',
  rejected: '不予受理',
  merged: '已合并',
  accepted: '已受理',
  dispatched: '已派单',
  returned: '退单',
  in_progress: '办理中',
  replied: '已答复待审核',
  awaiting_rating: '待评价',
  reopened: '重办',
  closed: '已办结',
  withdrawn: '已撤销',
};

/** Statuses that end the loop: no action but an internal note is possible, and no clock runs. */
export const FINAL_CONCERN_STATUSES = ['rejected', 'merged', 'closed', 'withdrawn'] as const satisfies readonly ConcernStatus[];

export function isFinalStatus(status: ConcernStatus): boolean {
  return (FINAL_CONCERN_STATUSES as readonly ConcernStatus[]).includes(status);
}

/**
 * Where a concern came from (来源), kept on every concern: a filter of the inbox and a dimension of the
 * dashboard. The resident's own channels (the mini-program; an Open311 partner app) and the channels
 * through which staff file it on a resident's behalf (代录, STAFF_INTAKE_CHANNELS).
 */
export const CONCERN_SOURCES = [
  'miniapp', // 小程序: the resident themself
  'visit', // 走访/座谈会: raised at a "满意在徐汇" visit (a question asked ahead, or a problem recorded there)
  'open311', // Open311 接口: a partner system
  'hotline', // 12345 热线转办: an order transferred by the district 12345 platform, with its 工单号
  'phone', // 电话: a resident phoned the street
  'walk_in', // 来访: a resident came to the street's office
] as const;
export type ConcernSource = (typeof CONCERN_SOURCES)[number];
export const CONCERN_SOURCE_LABELS: Record<ConcernSource, string> = {
  miniapp: '小程序',
  visit: '走访/座谈会',
  open311: 'Open311 接口',
  hotline: '12345 热线转办',
  phone: '电话',
  walk_in: '来访',
};

/** The channels staff file a concern through on a resident's behalf (代录): the source of what they file. */
export const STAFF_INTAKE_CHANNELS = ['phone', 'walk_in', 'visit', 'hotline'] as const satisfies readonly ConcernSource[];
export type StaffIntakeChannel = (typeof STAFF_INTAKE_CHANNELS)[number];

/** The resident's two answers when the reply is published (回访评价). */
export const SATISFACTION_LEVELS = ['satisfied', 'basic', 'unsatisfied'] as const;
export type Satisfaction = (typeof SATISFACTION_LEVELS)[number];
export const SATISFACTION_LABELS: Record<Satisfaction, string> = {
  satisfied: '满意',
  basic: '基本满意',
  unsatisfied: '不满意',
};

/** Structured reasons a department gives when it returns a dispatch (退单原因). */
export const RETURN_REASONS = ['not_our_remit', 'wrong_street', 'duplicate', 'insufficient_info', 'other'] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];
export const RETURN_REASON_LABELS: Record<ReturnReason, string> = {
  not_our_remit: '不属于本部门职责',
  wrong_street: '不属于本街道',
  duplicate: '重复诉求',
  insufficient_info: '信息不全无法办理',
  other: '其他',
};
