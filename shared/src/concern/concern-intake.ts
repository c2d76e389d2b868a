import type { StaffRole } from '../roles.js';
import { decideTransition } from './concern-state-machine.js';
import { STAFF_INTAKE_CHANNELS, type StaffIntakeChannel } from './concern-status.js';

/**
 * 代录: staff filing a concern on a resident's behalf. Dispatchers (for their street) and supervisors file
 * through every channel; the organisers of a "满意在徐汇" visit (VISIT_STAFF_ROLES: a street's editors too,
 * and admins) file the problems raised at a visit they organise, and nothing else.
 */
export const INTAKE_STAFF_ROLES = ['dispatcher', 'supervisor', 'editor', 'admin'] as const satisfies readonly StaffRole[];

const VISIT_ONLY: readonly StaffIntakeChannel[] = ['visit'];

/** The channels `role` may file through; empty for a role that files nothing (a handler). */
export function intakeChannelsFor(role: StaffRole): readonly StaffIntakeChannel[] {
  if (role === 'dispatcher' || role === 'supervisor') return STAFF_INTAKE_CHANNELS;
  if (role === 'editor' || role === 'admin') return VISIT_ONLY;
  return [];
}

/** Whether `role` may accept its own intake at once (受理): the state machine's answer for a new concern. */
export function mayAcceptAtIntake(role: StaffRole): boolean {
  return decideTransition('submitted', 'accept', role).allowed;
}

/**
 * 12345 工单号 as the district platform prints it: an optional prefix of up to four capital letters, the
 * 8-digit date of the order (YYYYMMDD) and a sequence of 4 to 8 digits — e.g. `SH202611230012`. Kept in
 * this normal form (capitals, without spaces or dashes), which is also what makes it unique.
 */
export const HOTLINE_ORDER_PATTERN = /^[A-Z]{0,4}(20\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{4,8}$/;

/** An order number as typed (lower case, spaces, dashes) in its normal form; the pattern decides if it is one. */
export function normaliseHotlineOrderNumber(raw: string): string {
  return raw
    .trim()
    .toUpperCase()
    .replace(/[\s\-_]/g, '');
}
