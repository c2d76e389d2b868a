/**
 * Request types (诉求性质) and their default resolve times in working days, from Shanghai's street
 * practice (../shared REFERENCE: consultation/suggestion/help/complaint/complex).
 */
export const REQUEST_TYPES = ['consultation', 'suggestion', 'help', 'complaint', 'complex'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export interface RequestTypeRule {
  label: string;
  resolveWorkingDays: number;
  /** Complex requests get their long deadline only when the dispatcher approves it. */
  needsApproval: boolean;
}

export const REQUEST_TYPE_RULES: Readonly<Record<RequestType, RequestTypeRule>> = {
  consultation: { label: '咨询', resolveWorkingDays: 1, needsApproval: false },
  suggestion: { label: '建议', resolveWorkingDays: 3, needsApproval: false },
  help: { label: '求助', resolveWorkingDays: 5, needsApproval: false },
  complaint: { label: '投诉', resolveWorkingDays: 5, needsApproval: false },
  complex: { label: '疑难', resolveWorkingDays: 15, needsApproval: true },
};

/** Default clocks; the service reads overrides from its settings. */
export const DEFAULT_SLA = {
  /** 受理时限: from submit to accept or reject. */
  triageWorkingHours: 4,
  /** 签收时限: from dispatch to sign or return. */
  signWorkingHours: 4,
  /** 审核时限: from reply to approve or send back. */
  reviewWorkingDays: 1,
  /** 评价期: calendar days the resident has to rate before it closes as not rated. */
  ratingWindowDays: 7,
  /** At most this many extensions, each at most this many working days. */
  maxExtensions: 3,
  maxExtensionWorkingDays: 3,
} as const;
