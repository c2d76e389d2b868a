/** Kinds of department: a street office (街道科室) or a district unit serving several streets (区职能部门). */
export const DEPARTMENT_KINDS = ['street_office', 'district_unit'] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

/** The people who meet residents on a "满意在徐汇" visit. */
export const VISIT_PARTICIPANT_ROLES = ['district_leader', 'deputy', 'cppcc_member', 'lawyer', 'department_head'] as const;
export type VisitParticipantRole = (typeof VISIT_PARTICIPANT_ROLES)[number];
export const VISIT_PARTICIPANT_ROLE_LABELS: Record<VisitParticipantRole, string> = {
  district_leader: '区领导',
  deputy: '人大代表',
  cppcc_member: '政协委员',
  lawyer: '律师',
  department_head: '部门负责人',
};

export const VISIT_STATUSES = ['planned', 'held', 'cancelled'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];

export const NEWS_STATUSES = ['draft', 'scheduled', 'published'] as const;
export type NewsStatus = (typeof NEWS_STATUSES)[number];

/** Pinyin codes of streets, departments and categories: lowercase letters, digits and hyphens. */
export const CODE_PATTERN = /^[a-z][a-z0-9-]{1,39}$/;
/** Staff usernames: `dispatcher.xietu`, `handler.fanggj`. */
export const USERNAME_PATTERN = /^[a-z][a-z0-9._-]{2,39}$/;
/** A mainland-China mobile number. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;
/** A concern's human code: XH + Shanghai date + sequence, e.g. XH20261123-0042. */
export const CONCERN_CODE_PATTERN = /^XH\d{8}-\d{4,}$/;
