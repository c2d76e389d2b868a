import { z } from 'zod';
import { CODE_PATTERN } from '../directory/directory.js';
import { pageQuerySchema, type Page } from '../schemas/common.schemas.js';
import type { ConcernSource, ConcernStatus } from './concern-status.js';
import type { RateCounts, RatesRow } from './concern.views.js';

/** Every rate of RatesRow, in the order the dashboard and the Excel export show them. */
export const RATE_KEYS = [
  'responseRate',
  'onTimeAcceptanceRate',
  'resolutionRate',
  'satisfactionRate',
  'oneTimeResolutionRate',
  'onTimeClosingRate',
  'callbackCoverage',
] as const satisfies ReadonlyArray<keyof RatesRow>;
export type RateKey = (typeof RATE_KEYS)[number];

export interface RateDefinition {
  key: RateKey;
  /** The rate's name as the district says it. */
  label: string;
  /** One line: what is divided by what, and on which day a concern counts. */
  definition: string;
  /** The counts summed above the line (满意率: 满意 and 基本满意). */
  numerator: readonly (keyof RateCounts)[];
  denominator: keyof RateCounts;
}

/** Every count at zero: where sums of RateCounts start. */
export function emptyRateCounts(): RateCounts {
  return {
    dispatched: 0,
    signedOnTime: 0,
    rated: 0,
    solved: 0,
    satisfied: 0,
    basicallySatisfied: 0,
    unsatisfied: 0,
    ratedByCallback: 0,
    triaged: 0,
    acceptedOnTime: 0,
    closed: 0,
    closedFirstTime: 0,
    closedOnTime: 0,
    closedRated: 0,
    closedUnreached: 0,
  };
}

/** The rate's numerator: the sum of its counts. */
export function rateNumerator(definition: RateDefinition, counts: RateCounts): number {
  return definition.numerator.reduce((sum, key) => sum + counts[key], 0);
}

/** A rate as the answers carry it: a share to four places, null when nothing was counted (0 of 0 is not 0 %). */
export function shareOf(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10000) / 10000;
}

/** Every rate of a set of counts, as RATE_DEFINITIONS says. */
export function ratesOf(counts: RateCounts): Record<RateKey, number | null> {
  return Object.fromEntries(
    RATE_KEYS.map((key) => [key, shareOf(rateNumerator(RATE_DEFINITIONS[key], counts), counts[RATE_DEFINITIONS[key].denominator])]),
  ) as Record<RateKey, number | null>;
}

/**
 * The definition of every rate, as data: the dashboard shows the line beside each rate and the Excel
 * export writes the same words, so the two never say different things. Periods are Shanghai days.
 */
export const RATE_DEFINITIONS: Readonly<Record<RateKey, RateDefinition>> = {
  responseRate: {
    key: 'responseRate',
    label: '响应率',
    definition: '按时签收的派单 ÷ 派单数（按派单日统计，签收时限内签收为按时）',
    numerator: ['signedOnTime'],
    denominator: 'dispatched',
  },
  onTimeAcceptanceRate: {
    key: 'onTimeAcceptanceRate',
    label: '按时受理率',
    definition: '受理时限内作出受理或不予受理决定的 ÷ 作出决定的诉求（按决定日统计）',
    numerator: ['acceptedOnTime'],
    denominator: 'triaged',
  },
  resolutionRate: {
    key: 'resolutionRate',
    label: '解决率',
    definition: '评价为“已解决”的 ÷ 已评价的（小程序评价与回访评价合计，按评价日统计）',
    numerator: ['solved'],
    denominator: 'rated',
  },
  satisfactionRate: {
    key: 'satisfactionRate',
    label: '满意率',
    definition: '满意与基本满意 ÷ 已评价的（小程序评价与回访评价合计，按评价日统计）',
    numerator: ['satisfied', 'basicallySatisfied'],
    denominator: 'rated',
  },
  oneTimeResolutionRate: {
    key: 'oneTimeResolutionRate',
    label: '一次性化解率',
    definition: '办结且从未重办的 ÷ 办结的诉求（按办结日统计）',
    numerator: ['closedFirstTime'],
    denominator: 'closed',
  },
  onTimeClosingRate: {
    key: 'onTimeClosingRate',
    label: '按时办结率',
    definition: '最后一次答复在办结时限（含批准的延期）内的 ÷ 办结的诉求（按办结日统计）',
    numerator: ['closedOnTime'],
    denominator: 'closed',
  },
  callbackCoverage: {
    key: 'callbackCoverage',
    label: '回访覆盖率',
    definition: '办结时已有评价（小程序评价或回访接通）的 ÷ 办结的诉求；三次未接通按“未回访”另计（按办结日统计）',
    numerator: ['closedRated'],
    denominator: 'closed',
  },
};

/** 提级督办: why a concern is on the supervisor's 督办 list. */
export const ESCALATION_REASONS = ['returned', 'reopened'] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];
export const ESCALATION_REASON_LABELS: Record<EscalationReason, string> = {
  returned: '退单三次',
  reopened: '重办两次',
};

/** `GET /api/v1/admin/escalations` (督办清单): newest first; `reason` narrows to one; `street` to one street. */
export const escalationsQuerySchema = pageQuerySchema.extend({
  street: z.string().regex(CODE_PATTERN, { message: '街道无效' }).optional(),
  reason: z.enum(ESCALATION_REASONS, { error: '督办原因无效' }).optional(),
});
export type EscalationsQuery = z.infer<typeof escalationsQuerySchema>;

/** One row of the 督办 list. */
export interface EscalationRow {
  id: number;
  code: string;
  title: string;
  status: ConcernStatus;
  streetId: number;
  categoryId: number;
  departmentId: number | null;
  source: ConcernSource;
  /** Every reason that applies (a concern can have both), in ESCALATION_REASONS' order. */
  reasons: EscalationReason[];
  returnCount: number;
  reopenCount: number;
  updatedAt: string;
}

export type EscalationsView = Page<EscalationRow>;
