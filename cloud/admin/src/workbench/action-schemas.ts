import {
  CONCERN_ACTION_LABELS,
  STAFF_ACTION_SCHEMAS,
  STAFF_CONCERN_ACTIONS,
  type ConcernAction,
  type ConcernStatus,
  type StaffConcernAction,
} from '@manyi/shared';
import type { SchemaIssue } from '../common/form-errors';

/** What the action forms need of a schema: parse the form's values into the body, or say what is wrong. */
export interface BodySchema {
  safeParse(value: unknown): { success: true; data: unknown } | { success: false; error: { issues: readonly SchemaIssue[] } };
}

/** The body schema of each staff action: the same shared table the service validates with. */
export const ACTION_BODY_SCHEMAS: Record<StaffConcernAction, BodySchema> = STAFF_ACTION_SCHEMAS;

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

/** 先联系 and 回访 have cards of their own in the workbench (records, clock, attempts), not a button here. */
export const CARD_ACTIONS: ReadonlySet<StaffConcernAction> = new Set<StaffConcernAction>(['contact', 'callback']);

/**
 * The staff actions among those the detail allows (`allowedActions`, the shared state machine's answer
 * for this user now), in the state machine's order, less those with a card of their own. Nothing is
 * added: the page offers exactly these.
 */
export function staffActions(allowed: readonly ConcernAction[] | undefined): StaffConcernAction[] {
  const set = new Set<ConcernAction>(allowed ?? []);
  return STAFF_CONCERN_ACTIONS.filter((action) => set.has(action) && !CARD_ACTIONS.has(action));
}

/** The button's words; a dispatch before the department has signed is a re-dispatch (改派). */
export function actionLabel(action: StaffConcernAction, status?: ConcernStatus): string {
  return action === 'dispatch' && status === 'dispatched' ? '改派' : CONCERN_ACTION_LABELS[action];
}
