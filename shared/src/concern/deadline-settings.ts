import { z } from 'zod';
import { MAX_REOPENS } from './concern-state-machine.js';
import { MAX_CALLBACK_ATTEMPTS } from './follow-up.js';
import { REQUEST_TYPES, REQUEST_TYPE_RULES, type RequestType } from './request-types.js';

/**
 * 时限设置: the district's deadline rules, kept as one settings record an admin edits. A change applies to
 * deadlines set after it; a deadline already running keeps the rule it was set under.
 */
export interface DeadlineSettings {
  /** 受理时限: working hours from submit to accept or reject. */
  triageWorkingHours: number;
  /** 签收时限: working hours from dispatch to sign or return. */
  signWorkingHours: number;
  /** 办理时限: working days from dispatch (or a reopen) to the department's reply, by request type (诉求性质). */
  resolveWorkingDays: Record<RequestType, number>;
  /** 审核时限: working days from a reply to the dispatcher's approval. */
  reviewWorkingDays: number;
  /** 评价期: calendar days the resident has to rate before it closes as not rated. */
  ratingWindowDays: number;
  /** 重办次数: how many unsatisfied ratings send the concern back to the department before it closes with the supervisor told. */
  maxReopens: number;
  /** 延期: at most this many extensions, each at most this many working days. */
  maxExtensions: number;
  maxExtensionWorkingDays: number;
  /** 先联系时限: working hours from signing to the handler's first contact with the resident. */
  contactWorkingHours: number;
  /** 回访: calendar days after the reply is published before an unrated concern joins the callback queue. */
  callbackAfterDays: number;
  /** 回访未接通次数上限: this many unreached callbacks close the concern as 未回访. */
  maxCallbackAttempts: number;
}

/** The rules a new installation starts with (docs/working-calendar.md "The deadline rules" explains each). */
export const DEFAULT_DEADLINE_SETTINGS: DeadlineSettings = {
  triageWorkingHours: 4,
  signWorkingHours: 4,
  resolveWorkingDays: Object.fromEntries(REQUEST_TYPES.map((t) => [t, REQUEST_TYPE_RULES[t].resolveWorkingDays])) as Record<
    RequestType,
    number
  >,
  reviewWorkingDays: 1,
  ratingWindowDays: 7,
  maxReopens: MAX_REOPENS,
  maxExtensions: 3,
  maxExtensionWorkingDays: 3,
  contactWorkingHours: 8,
  callbackAfterDays: 3,
  maxCallbackAttempts: MAX_CALLBACK_ATTEMPTS,
};

/** A whole number in a range, with the field's name in the message. */
function count(label: string, min: number, max: number) {
  const message = `${label}为 ${min} 至 ${max} 的整数`;
  return z.number({ error: message }).int({ message }).min(min, { message }).max(max, { message });
}

/** Working hours in half-hour steps. */
function halfHours(label: string, min: number, max: number) {
  const message = `${label}为 ${min} 至 ${max} 个工作小时（以半小时计）`;
  return z
    .number({ error: message })
    .min(min, { message })
    .max(max, { message })
    .refine((v) => Number.isInteger(v * 2), { message });
}

/** `PUT /api/v1/admin/settings/deadlines`: the whole record, every field checked. */
export const deadlineSettingsSchema = z.strictObject({
  triageWorkingHours: halfHours('受理时限', 0.5, 40),
  signWorkingHours: halfHours('签收时限', 0.5, 40),
  resolveWorkingDays: z.strictObject(
    Object.fromEntries(REQUEST_TYPES.map((t) => [t, count(`${REQUEST_TYPE_RULES[t].label}办理时限`, 1, 60)])) as Record<
      RequestType,
      ReturnType<typeof count>
    >,
  ),
  reviewWorkingDays: count('审核时限', 1, 10),
  ratingWindowDays: count('评价期', 1, 30),
  maxReopens: count('重办次数', 0, 3),
  maxExtensions: count('延期次数', 0, 10),
  maxExtensionWorkingDays: count('每次延期天数', 1, 30),
  contactWorkingHours: halfHours('先联系时限', 0.5, 40),
  callbackAfterDays: count('回访等待天数', 0, 30),
  maxCallbackAttempts: count('回访未接通次数上限', 1, 5),
}) satisfies z.ZodType<DeadlineSettings>;

/** `GET /api/v1/admin/settings/deadlines`: the values in force, who set them, and the defaults beside them. */
export interface DeadlineSettingsView {
  settings: DeadlineSettings;
  defaults: DeadlineSettings;
  /** Null while the defaults are in force (never saved). */
  updatedAt: string | null;
  updatedBy: string | null;
}
