import type { StaffActor } from '@manyi/shared';

// The staff actor is what GET /admin/whoami answers, so its shape lives in @manyi/shared; the many
// guards, services and audit records that take one keep importing it from here.
export type { StaffActor };

/** Who is calling, as the auth guard established it from the bearer token. */
export type Actor = ResidentActor | StaffActor;

export interface ResidentActor {
  kind: 'resident';
  residentId: number;
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
