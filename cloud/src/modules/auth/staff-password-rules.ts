import type { PasswordChangeReason } from '@manyi/shared';
import type { AppConfig } from '../../config/app-config.js';
import type { StaffAccount } from './staff-account.entity.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Why the account must change its password before anything else, or null. A temporary password (a
 * new account, an admin's reset) always; an old one after MANYI_PASSWORD_MAX_AGE_DAYS — except the
 * demo accounts in demo mode, which keep the published demo password by design.
 */
export function passwordChangeReason(
  account: Pick<StaffAccount, 'mustChangePassword' | 'passwordChangedAt' | 'hasDemoPassword'>,
  config: Pick<AppConfig, 'passwordMaxAgeDays' | 'demo'>,
  now: Date,
): PasswordChangeReason | null {
  if (account.mustChangePassword) return 'temporary';
  if (config.demo && account.hasDemoPassword) return null;
  if (config.passwordMaxAgeDays > 0 && now.getTime() - account.passwordChangedAt.getTime() > config.passwordMaxAgeDays * DAY_MS) {
    return 'expired';
  }
  return null;
}
