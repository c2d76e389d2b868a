import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LessThan, type DataSource } from 'typeorm';
import { isUniqueViolation } from '../../database/driver-errors.js';
import { LoginThrottle } from './login-throttle.entity.js';

/** Wrong passwords of one username from one address that cost nothing. */
export const FREE_LOGIN_FAILURES = 5;
/** After the free ones each further attempt waits this long, doubling each time, up to the cap. */
export const FIRST_LOGIN_DELAY_SECONDS = 15;
export const MAX_LOGIN_DELAY_SECONDS = 15 * 60;
/** A throttle row untouched for this long is forgotten (the delay it held is long over). */
const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;
/** Compare-and-set rounds before a heavily contended attempt is simply answered "wait". */
const MAX_CLAIM_ROUNDS = 10;

/** The wait before the next attempt after `failures` counted failures: none for the free ones, then doubling. */
export function loginDelaySeconds(failures: number): number {
  if (failures < FREE_LOGIN_FAILURES) return 0;
  return Math.min(FIRST_LOGIN_DELAY_SECONDS * 2 ** (failures - FREE_LOGIN_FAILURES), MAX_LOGIN_DELAY_SECONDS);
}

export type LoginClaim = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * 登录失败处理 without a lock anyone can trigger. Every attempt of a username from an address first
 * claims a slot in the database — an UPDATE that adds one to the count only if the count is still the
 * one read and no wait is pending — before the slow password hash runs. So parallel guesses each take a
 * distinct count and the ones past the free attempts are turned away (the check and the count used to
 * be separate, and 20 parallel guesses all got through). A successful login clears the count.
 */
@Injectable()
export class LoginThrottleService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async claim(username: string, address: string, now = new Date()): Promise<LoginClaim> {
    const repo = this.dataSource.getRepository(LoginThrottle);
    for (let round = 0; round < MAX_CLAIM_ROUNDS; round++) {
      const row = await repo.findOneBy({ username, address });
      if (!row) {
        try {
          await repo.insert({ username, address, failures: 0, nextAttemptAt: null, updatedAt: now });
        } catch (error) {
          // A parallel first attempt created it: take the next round against that row.
          if (!isUniqueViolation(error)) throw error;
        }
        continue;
      }
      if (row.nextAttemptAt && row.nextAttemptAt.getTime() > now.getTime()) {
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((row.nextAttemptAt.getTime() - now.getTime()) / 1000)) };
      }
      const failures = row.failures + 1;
      const delay = loginDelaySeconds(failures);
      const result = await repo
        .createQueryBuilder()
        .update(LoginThrottle)
        .set({
          failures: () => 'failures + 1',
          nextAttemptAt: delay > 0 ? new Date(now.getTime() + delay * 1000) : null,
          updatedAt: now,
        })
        .where('id = :id AND failures = :read', { id: row.id, read: row.failures })
        .andWhere('(next_attempt_at IS NULL OR next_attempt_at <= :now)', { now })
        .execute();
      if (result.affected === 1) return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: FIRST_LOGIN_DELAY_SECONDS };
  }

  /** The right password (and code): the username starts afresh from this address. */
  async clear(username: string, address: string): Promise<void> {
    await this.dataSource.getRepository(LoginThrottle).delete({ username, address });
  }

  /** An admin's password reset lifts every wait on the username. */
  async clearUsername(username: string): Promise<void> {
    await this.dataSource.getRepository(LoginThrottle).delete({ username });
  }

  /** Rows whose wait is long over, so guessed usernames do not pile up. */
  async forgetStale(now = new Date()): Promise<number> {
    const result = await this.dataSource
      .getRepository(LoginThrottle)
      .delete({ updatedAt: LessThan(new Date(now.getTime() - FORGET_AFTER_MS)) });
    return result.affected ?? 0;
  }
}
