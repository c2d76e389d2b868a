import type { StaffRole } from '@manyi/shared';

/** Who is calling, as the auth guard established it from the bearer token. */
export type Actor = ResidentActor | StaffActor;

export interface ResidentActor {
  kind: 'resident';
  residentId: number;
}

export interface StaffActor {
  kind: 'staff';
  staffId: number;
  username: string;
  role: StaffRole;
  /** A dispatcher's or editor's street; a street unit's handler's street. */
  streetId: number | null;
  /** A handler's department. */
  departmentId: number | null;
}

export function isStaff(actor: Actor): actor is StaffActor {
  return actor.kind === 'staff';
}

/** The staff actor of an account: the role and scope every guard and audit record work with. */
export function staffActorOf(account: Pick<StaffActor, 'username' | 'role' | 'streetId' | 'departmentId'> & { id: number }): StaffActor {
  return {
    kind: 'staff',
    staffId: account.id,
    username: account.username,
    role: account.role,
    streetId: account.streetId,
    departmentId: account.departmentId,
  };
}
