import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../../database/column-types.js';

/**
 * Failed staff logins of one username from one source address (the username as typed, whether or not
 * such an account exists, so the answers cannot tell the two apart). Keyed by both, so guessing from
 * one address slows down only that address: the staff member's own computer keeps signing in.
 */
@Entity('login_throttle')
@Index('uq_login_throttle_key', ['username', 'address'], { unique: true })
export class LoginThrottle {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 40 })
  username: string;

  @Column({ type: 'varchar', length: 45 })
  address: string;

  @Column({ type: 'int', default: 0 })
  failures: number;

  /** No attempt is taken before this time; null while under the free attempts. */
  @Column({ name: 'next_attempt_at', ...DATETIME, nullable: true })
  nextAttemptAt: Date | null;

  @Index('idx_login_throttle_updated')
  @Column({ name: 'updated_at', ...DATETIME })
  updatedAt: Date;
}
