import { z } from 'zod';
import type { StaffConcernAction } from '../concern/concern-state-machine.js';
import { callbackConcernSchema, contactConcernSchema } from '../concern/follow-up.js';
import {
  dispatchConcernSchema,
  extendConcernSchema,
  mergeConcernSchema,
  noteConcernSchema,
  rejectConcernSchema,
  replyConcernSchema,
  returnConcernSchema,
  sendBackReplySchema,
} from './concern.schemas.js';
import { optionalText } from './text.js';

const noBody = z.object({}, { error: '请求内容应为对象' });

export const chaseConcernSchema = z.object({ text: optionalText('催办说明', 500) });
export type ChaseConcernInput = z.infer<typeof chaseConcernSchema>;

/** The body schema of each staff action (`POST /api/v1/admin/concerns/:id/<action>`, docs/development.md "The API"): the service validates with it, the admin page's forms too. */
export const STAFF_ACTION_SCHEMAS = {
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
  chase: chaseConcernSchema,
  contact: contactConcernSchema,
  callback: callbackConcernSchema,
} as const satisfies Record<StaffConcernAction, z.ZodType>;

/** The validated body of each staff action. */
export type StaffActionBodies = { [A in StaffConcernAction]: z.output<(typeof STAFF_ACTION_SCHEMAS)[A]> };
