/**
 * Request types (诉求性质) and their default resolve times (时限设置 may change them) in working days, from Shanghai's street
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
