import { deadlineSettingsSchema, REQUEST_TYPE_RULES, REQUEST_TYPES, type DeadlineSettings } from '@manyi/shared';
import { fieldPathErrors } from '../../common/form-errors';

export interface DeadlineField {
  /** The antd name: a key of DeadlineSettings, or ['resolveWorkingDays', type]. */
  name: [keyof DeadlineSettings] | ['resolveWorkingDays', keyof DeadlineSettings['resolveWorkingDays']];
  label: string;
  unit: string;
  /** 0.5 for working hours (counted in half hours), 1 otherwise. */
  step: number;
  hint?: string;
}

/** 时限设置's fields in the order of a concern's life, grouped as the staff talk about them. */
export const DEADLINE_GROUPS: Array<{ title: string; fields: DeadlineField[] }> = [
  {
    title: '受理与签收',
    fields: [
      { name: ['triageWorkingHours'], label: '受理时限', unit: '工作小时', step: 0.5, hint: '居民提交后，受理或不予受理' },
      { name: ['signWorkingHours'], label: '签收时限', unit: '工作小时', step: 0.5, hint: '派单后，部门签收或退单' },
    ],
  },
  {
    title: '办理时限（按诉求性质）',
    fields: REQUEST_TYPES.map((t) => ({
      name: ['resolveWorkingDays', t] as ['resolveWorkingDays', typeof t],
      label: `${REQUEST_TYPE_RULES[t].label}办理时限`,
      unit: '工作日',
      step: 1,
      hint: REQUEST_TYPE_RULES[t].needsApproval ? '派单后至部门答复；需派单员批准方可适用' : '派单（或重办）后至部门答复',
    })),
  },
  {
    title: '审核与评价',
    fields: [
      { name: ['reviewWorkingDays'], label: '审核时限', unit: '工作日', step: 1, hint: '部门答复后，派单员审核' },
      { name: ['ratingWindowDays'], label: '评价期', unit: '自然日', step: 1, hint: '答复公开后居民评价的期限，周末也计算' },
    ],
  },
  {
    title: '重办与延期',
    fields: [
      { name: ['maxReopens'], label: '重办次数', unit: '次', step: 1, hint: '居民不满意时退回部门重办的次数，用完后结案并通知督办' },
      { name: ['maxExtensions'], label: '延期次数上限', unit: '次', step: 1 },
      { name: ['maxExtensionWorkingDays'], label: '每次延期最多', unit: '工作日', step: 1 },
    ],
  },
  {
    title: '先联系与回访',
    fields: [
      { name: ['contactWorkingHours'], label: '先联系时限', unit: '工作小时', step: 0.5, hint: '签收后，经办人首次联系居民' },
      { name: ['callbackAfterDays'], label: '回访等待', unit: '自然日', step: 1, hint: '答复公开后居民仍未评价，进入回访队列' },
      { name: ['maxCallbackAttempts'], label: '回访未接通上限', unit: '次', step: 1, hint: '达到次数仍未接通，按“未回访”办结' },
    ],
  },
];

export const DEADLINE_FIELDS: DeadlineField[] = DEADLINE_GROUPS.flatMap((g) => g.fields);

/** A field's value in a settings record (the defaults beside each field). */
export function valueAt(settings: DeadlineSettings, name: DeadlineField['name']): number {
  return name.length === 1 ? (settings[name[0]] as number) : settings.resolveWorkingDays[name[1]];
}

export type DeadlineFormCheck =
  { ok: true; body: DeadlineSettings } | { ok: false; errors: Array<{ name: (string | number)[]; errors: string[] }> };

/** The form's values checked with the shared schema the service applies: one rule in one place. */
export function checkDeadlineForm(values: unknown): DeadlineFormCheck {
  const result = deadlineSettingsSchema.safeParse(values);
  if (result.success) return { ok: true, body: result.data };
  return { ok: false, errors: fieldPathErrors(result.error.issues) };
}
