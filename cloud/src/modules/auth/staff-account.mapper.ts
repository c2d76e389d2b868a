import type { StaffAccountView, StaffUser } from '@manyi/shared';
import type { StaffAccount } from './staff-account.entity.js';

/** Who is signed in, as the login answers it and the admin pages start from. */
export function mapStaffUser(account: StaffAccount): StaffUser {
  return {
    id: account.id,
    username: account.username,
    displayName: account.displayName,
    role: account.role,
    streetId: account.streetId,
    departmentId: account.departmentId,
  };
}

/** An account as the admin page shows it: never the hash. */
export function mapStaffAccount(account: StaffAccount, now = new Date()): StaffAccountView {
  return {
    ...mapStaffUser(account),
    disabled: account.disabled,
    lockedUntil: account.lockedUntil && account.lockedUntil.getTime() > now.getTime() ? account.lockedUntil.toISOString() : null,
    passwordChangedAt: account.passwordChangedAt.toISOString(),
    createdAt: account.createdAt.toISOString(),
  };
}
