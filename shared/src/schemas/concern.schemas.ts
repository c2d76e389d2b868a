import { z } from 'zod';
import { RETURN_REASONS, SATISFACTION_LEVELS } from '../concern/concern-status.js';
import { MOBILE_PATTERN } from '../directory/directory.js';
import { id, optionalText, text } from './text.js';

/** WeChat's chooseMedia gives at most 9 photos on older clients; that is our limit too. */
export const MAX_CONCERN_PHOTOS = 9;

export const createConcernSchema = z
  .object({
    categoryId: id('诉求类别'),
    compoundId: id('小区'),
    title: text('标题', 2, 50),
    description: text('问题描述', 5, 2000),
    photoIds: z
      .array(id('照片'), { error: '照片列表无效' })
      .max(MAX_CONCERN_PHOTOS, { message: `最多上传 ${MAX_CONCERN_PHOTOS} 张照片` })
      .default([]),
    latitude: z.number({ error: '纬度无效' }).min(-90, { message: '纬度无效' }).max(90, { message: '纬度无效' }).optional(),
    longitude: z.number({ error: '经度无效' }).min(-180, { message: '经度无效' }).max(180, { message: '经度无效' }).optional(),
    address: optionalText('地址', 200),
    phone: z.string({ error: '手机号码格式不正确' }).trim().regex(MOBILE_PATTERN, { message: '手机号码格式不正确' }).optional(),
    confidential: z.boolean({ error: '保密选项无效' }).default(false),
    /** 同意公开: the reporter agrees that, once closed and approved by staff, it may show on the street's board (masked). Off by default. */
    publishConsent: z.boolean({ error: '公开选项无效' }).default(false),
  })
  .refine((v) => (v.latitude === undefined) === (v.longitude === undefined), {
    message: '位置需要同时包含经度和纬度',
    path: ['latitude'],
  });
export type CreateConcernInput = z.infer<typeof createConcernSchema>;

export const rateConcernSchema = z.object({
  solved: z.boolean({ error: '请回答问题是否已解决' }),
  satisfaction: z.enum(SATISFACTION_LEVELS, { error: '请选择满意程度' }),
  comment: optionalText('评价', 500),
});
export type RateConcernInput = z.infer<typeof rateConcernSchema>;

export const rejectConcernSchema = z.object({ reason: text('不予受理理由', 2, 200) });
export const mergeConcernSchema = z.object({ intoId: id('合并目标诉求') });
export const dispatchConcernSchema = z.object({
  departmentId: id('主办部门'),
  coHandlerIds: z.array(id('协办部门')).max(5, { message: '协办部门最多 5 个' }).default([]),
});
export const returnConcernSchema = z.object({
  reason: z.enum(RETURN_REASONS, { error: '请选择退单原因' }),
  note: text('退单说明', 2, 500),
});
export const extendConcernSchema = z.object({
  workingDays: z.number({ error: '延期天数无效' }).int({ message: '延期天数必须是整数' }),
  reason: text('延期理由', 2, 500),
});
export const replyConcernSchema = z.object({
  text: text('答复内容', 5, 2000),
  photoIds: z
    .array(id('照片'))
    .max(MAX_CONCERN_PHOTOS, { message: `最多上传 ${MAX_CONCERN_PHOTOS} 张照片` })
    .default([]),
  internalNote: optionalText('内部备注', 1000),
});
export const sendBackReplySchema = z.object({ reason: text('退回理由', 2, 500) });
export const noteConcernSchema = z.object({ text: text('备注', 1, 1000) });

export type RejectConcernInput = z.infer<typeof rejectConcernSchema>;
export type MergeConcernInput = z.infer<typeof mergeConcernSchema>;
export type DispatchConcernInput = z.infer<typeof dispatchConcernSchema>;
export type ReturnConcernInput = z.infer<typeof returnConcernSchema>;
export type ExtendConcernInput = z.infer<typeof extendConcernSchema>;
export type ReplyConcernInput = z.infer<typeof replyConcernSchema>;
export type SendBackReplyInput = z.infer<typeof sendBackReplySchema>;
export type NoteConcernInput = z.infer<typeof noteConcernSchema>;
