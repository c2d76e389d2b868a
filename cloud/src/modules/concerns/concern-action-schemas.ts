import {
  dispatchConcernSchema,
  extendConcernSchema,
  mergeConcernSchema,
  noteConcernSchema,
  optionalText,
  rejectConcernSchema,
  replyConcernSchema,
  returnConcernSchema,
  sendBackReplySchema,
  type StaffConcernAction,
} from '@manyi/shared';
import { z } from 'zod';

const noBody = z.object({}, { error: '请求内容应为对象' });

/** The body schema of each staff action (DESIGN.md "Core routes"). */
export const STAFF_ACTION_SCHEMAS: Record<StaffConcernAction, z.ZodType> = {
  accept: noBody,
  reject: rejectConcernSchema,
  merge: mergeConcernSchema,
  dispatch: dispatchConcernSchema,
  sign: noBody,
  return: returnConcernSchema,
  extend: extendConcernSchema,
  'approve-extension': noBody,
  reply: replyConcernSchema,
  'approve-reply': noBody,
  'send-back': sendBackReplySchema,
  note: noteConcernSchema,
  chase: z.object({ text: optionalText('催办说明', 500) }),
};
