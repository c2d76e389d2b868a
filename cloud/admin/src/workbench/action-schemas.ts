import {
  CONCERN_ACTION_LABELS,
  STAFF_CONCERN_ACTIONS,
  dispatchConcernSchema,
  extendConcernSchema,
  mergeConcernSchema,
  noteConcernSchema,
  optionalText,
  rejectConcernSchema,
  replyConcernSchema,
  returnConcernSchema,
  sendBackReplySchema,
  type ConcernAction,
  type ConcernStatus,
  type StaffConcernAction,
} from '@manyi/shared';
import { z } from 'zod';
import type { SchemaIssue } from '../common/form-errors';

/** What the action forms need of a schema: parse the form's values into the body, or say what is wrong. */
export interface BodySchema {
  safeParse(value: unknown): { success: true; data: unknown } | { success: false; error: { issues: readonly SchemaIssue[] } };
}

const noBody = z.object({});

/**
 * The body schema of each staff action, from @manyi/shared where it has one. `chase` has no shared schema
 * yet (the service declares `{ text?: optionalText('催办说明', 500) }` inline); it is built here from the
 * same shared pieces until shared exports it.
 */
export const ACTION_BODY_SCHEMAS: Record<StaffConcernAction, BodySchema> = {
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

/** How a button looks: the step that moves the concern on is primary, the ones that push it back are red. */
export type ActionTone = 'primary' | 'danger' | 'default';

const TONES: Partial<Record<StaffConcernAction, ActionTone>> = {
  accept: 'primary',
  dispatch: 'primary',
  sign: 'primary',
  reply: 'primary',
  'approve-reply': 'primary',
  'approve-extension': 'primary',
  reject: 'danger',
  return: 'danger',
  'send-back': 'danger',
};

export function actionTone(action: StaffConcernAction): ActionTone {
  return TONES[action] ?? 'default';
}

/**
 * The staff actions among those the detail allows (`allowedActions`, the shared state machine's answer
 * for this user now), in the state machine's order. Nothing is added: the page offers exactly these.
 */
export function staffActions(allowed: readonly ConcernAction[] | undefined): StaffConcernAction[] {
  const set = new Set<ConcernAction>(allowed ?? []);
  return STAFF_CONCERN_ACTIONS.filter((action) => set.has(action));
}

/** The button's words; a dispatch before the department has signed is a re-dispatch (改派). */
export function actionLabel(action: StaffConcernAction, status?: ConcernStatus): string {
  return action === 'dispatch' && status === 'dispatched' ? '改派' : CONCERN_ACTION_LABELS[action];
}
