import { z } from 'zod';
import { HOTLINE_ORDER_PATTERN, normaliseHotlineOrderNumber } from '../concern/concern-intake.js';
import { STAFF_INTAKE_CHANNELS, type StaffIntakeChannel } from '../concern/concern-status.js';
import type { ConcernSummaryView } from '../concern/concern.views.js';
import { REQUEST_TYPES } from '../concern/request-types.js';
import { normaliseContactNumber, normaliseMobile } from '../privacy/phone-number.js';
import { MAX_CONCERN_PHOTOS } from './concern.schemas.js';
import { id, optionalText, text } from './text.js';

const PHONE_MESSAGE = '手机号码格式不正确（请填写 11 位手机号）';

/** A mainland mobile number in any usual spelling, kept as its 11 digits (normaliseMobile). */
export const mobileNumber = (label = '手机号码') =>
  z.string({ error: `请填写${label}` }).transform((raw, ctx) => {
    const phone = normaliseMobile(raw);
    if (phone === null) {
      ctx.addIssue({ code: 'custom', message: PHONE_MESSAGE });
      return z.NEVER;
    }
    return phone;
  });

/** A resident's number for a call back — a mobile or a landline (座机) — in its normal form (normaliseContactNumber). */
export const contactNumber = () =>
  z.string({ error: '请填写联系电话' }).transform((raw, ctx) => {
    const phone = normaliseContactNumber(raw);
    if (phone === null) {
      ctx.addIssue({ code: 'custom', message: '联系电话格式不正确（手机 11 位，或座机如 021-64871234）' });
      return z.NEVER;
    }
    return phone;
  });

/** The 12345 order number (工单号), in its normal form. */
export const hotlineOrderNumber = z
  .string({ error: '请填写 12345 工单号' })
  .transform(normaliseHotlineOrderNumber)
  .refine((v) => HOTLINE_ORDER_PATTERN.test(v), {
    message: '12345 工单号格式不正确（字母前缀可选 + 8 位日期 + 4 至 8 位序号，如 SH202611230012）',
  });

/** Whether a check across fields can read the value: any object, even one whose other fields failed. */
const hasObject = (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null;

/** An empty form field is a field not filled in. */
const blankAsMissing = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** Channels on which the resident is on the line or at the counter, so their number is known (a visit's speaker may give none). */
export const PHONE_REQUIRED_CHANNELS: readonly StaffIntakeChannel[] = ['phone', 'walk_in', 'hotline'];

/**
 * `POST /api/v1/admin/concerns` (代录): a concern filed by staff for a resident. The channel decides the
 * rest: a visit's problem names the visit (it joins the visit's 问题清单), a 12345 transfer its order
 * number; on the phone, at the counter and from 12345 the resident's phone number is asked for.
 */
export const staffIntakeSchema = z
  .object({
    channel: z.enum(STAFF_INTAKE_CHANNELS, { error: '请选择来源渠道（电话、来访、走访/座谈会或 12345 转办）' }),
    visitId: z.preprocess(blankAsMissing, id('走访活动').optional()),
    orderNumber: z.preprocess(blankAsMissing, hotlineOrderNumber.optional()),
    contactName: z.preprocess(blankAsMissing, optionalText('居民姓名', 20)),
    /** 联系电话: a landline too — elderly residents often have no mobile; only a mobile can later be claimed in the app. */
    phone: z.preprocess(blankAsMissing, contactNumber().optional()),
    categoryId: id('诉求类别'),
    compoundId: id('小区'),
    title: text('标题', 2, 50),
    description: text('问题描述', 5, 2000),
    address: z.preprocess(blankAsMissing, optionalText('具体地点', 200)),
    photoIds: z
      .array(id('照片'), { error: '照片列表无效' })
      .max(MAX_CONCERN_PHOTOS, { message: `最多上传 ${MAX_CONCERN_PHOTOS} 张照片` })
      .default([]),
    confidential: z.boolean({ error: '保密选项无效' }).default(false),
    /** 立即受理: the dispatcher (or supervisor) who takes the call accepts it at once. */
    acceptNow: z.boolean({ error: '立即受理选项无效' }).default(false),
  })
  .superRefine(
    (v, ctx) => {
      if (v.channel === 'visit' && v.visitId === undefined)
        ctx.addIssue({ code: 'custom', path: ['visitId'], message: '请选择提出问题的走访活动' });
      if (v.channel !== 'visit' && v.visitId !== undefined)
        ctx.addIssue({ code: 'custom', path: ['visitId'], message: '只有走访/座谈会渠道才关联走访活动' });
      if (v.channel === 'hotline' && v.orderNumber === undefined)
        ctx.addIssue({ code: 'custom', path: ['orderNumber'], message: '请填写 12345 工单号' });
      if (v.channel !== 'hotline' && v.orderNumber !== undefined)
        ctx.addIssue({ code: 'custom', path: ['orderNumber'], message: '只有 12345 转办才填写工单号' });
      if (PHONE_REQUIRED_CHANNELS.includes(v.channel) && v.phone === undefined)
        ctx.addIssue({ code: 'custom', path: ['phone'], message: '请填写居民的联系电话（手机或座机）' });
      // Also while other fields are wrong: a form shows every missing field at once.
    },
    { when: hasObject },
  );
export type StaffIntakeInput = z.infer<typeof staffIntakeSchema>;

/**
 * `POST /api/v1/admin/concerns/:id/reclassify` (更正分类): before dispatch, the category, the compound (and
 * with it the street) and the request type; the reason goes on the timeline. A new category brings its own
 * request type unless one is given.
 */
export const reclassifyConcernSchema = z
  .object({
    categoryId: id('诉求类别').optional(),
    compoundId: id('小区').optional(),
    requestType: z.enum(REQUEST_TYPES, { error: '诉求性质无效' }).optional(),
    reason: text('更正理由', 2, 200),
  })
  .refine((v) => v.categoryId !== undefined || v.compoundId !== undefined || v.requestType !== undefined, {
    message: '请至少更正类别、小区或诉求性质中的一项',
    path: ['categoryId'],
    when: hasObject,
  });
export type ReclassifyConcernInput = z.infer<typeof reclassifyConcernSchema>;

/** What a reclassification answers: the concern as it is now, and the routing rules' new suggestion. */
export interface ReclassifyResultView {
  concern: ConcernSummaryView;
  /** The compound moved it to another street: it left the caller's inbox if they are that street's dispatcher. */
  handedOver: boolean;
  suggestedDepartmentId: number | null;
  suggestedCoHandlerIds: number[];
}

/** `POST /api/v1/auth/preview/phone`: preview mode's stand-in for WeChat's phone-number button. */
export const previewPhoneSchema = z.object({ phone: mobileNumber() });
export type PreviewPhoneInput = z.infer<typeof previewPhoneSchema>;

/** What verifying a phone number answers: the number (masked) and the concerns staff filed for it, now the resident's. */
export interface PhoneClaimView {
  phone: string;
  claimed: number;
  concernIds: number[];
}

/** What a reclassification may change, as the timeline names it. */
export const RECLASSIFY_FIELDS = ['category', 'compound', 'street', 'requestType', 'dueAt', 'resolveDueAt', 'suggestedDepartment'] as const;
export type ReclassifyField = (typeof RECLASSIFY_FIELDS)[number];
export const RECLASSIFY_FIELD_LABELS: Record<ReclassifyField, string> = {
  category: '类别',
  compound: '小区',
  street: '街道',
  requestType: '诉求性质',
  dueAt: '当前期限',
  resolveDueAt: '办结期限',
  suggestedDepartment: '建议承办部门',
};

/**
 * One old → new value of a reclassification, in words (the `changes` of its timeline event's data; the
 * ids are in `before` and `after`). Dates are ISO strings; the page formats them.
 */
export interface ReclassifyChange {
  field: ReclassifyField;
  from: string | null;
  to: string | null;
}
