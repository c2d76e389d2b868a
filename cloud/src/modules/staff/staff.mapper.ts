import type { StaffAccountView } from '@manyi/shared';
import type { StaffAccount } from '../auth/staff-account.entity.js';

/** An account as the admin page shows it: never the hash. */
export function mapStaffAccount(account: StaffAccount, now = new Date()): StaffAccountView {
  return {
    id: account.id,
    username: account.username,
    displayName: account.displayName,
    role: account.role,
    streetId: account.streetId,
    departmentId: account.departmentId,
    disabled: account.disabled,
    lockedUntil: account.lockedUntil && account.lockedUntil.getTime() > now.getTime() ? account.lockedUntil.toISOString() : null,
    passwordChangedAt: account.passwordChangedAt.toISOString(),
    createdAt: account.createdAt.toISOString(),
  };
}
