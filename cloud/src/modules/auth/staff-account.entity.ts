import type { StaffRole } from '@manyi/shared';
import {
  Column,
  Index,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { AUTO_TIMESTAMP, DATETIME } from '../../database/column-types.js';
import { Department } from '../directory/department.entity.js';
import { Street } from '../directory/street.entity.js';

/**
 * A staff member's account (工作人员账号). The role and scope decide what they see: a street's
 * dispatcher and editor only that street, a handler only their department's work.
 */
@Entity('staff_account')
export class StaffAccount {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_staff_account_username', { unique: true })
  @Column({ type: 'varchar', length: 40 })
  username: string;

  @Column({ name: 'display_name', type: 'varchar', length: 40 })
  displayName: string;

  /** argon2id hash; never the password. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 20 })
  role: StaffRole;

  @Column({ name: 'street_id', type: 'int', nullable: true })
  streetId: number | null;

  @ManyToOne(() => Street, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'street_id', foreignKeyConstraintName: 'fk_staff_account_street' })
  street?: Relation<Street> | null;

  @Column({ name: 'department_id', type: 'int', nullable: true })
  departmentId: number | null;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id', foreignKeyConstraintName: 'fk_staff_account_department' })
  department?: Relation<Department> | null;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  /** Set on accounts demo mode created while they still have the demo password; outside demo mode the service refuses to start while one is active. */
  @Column({ name: 'has_demo_password', type: 'boolean', default: false })
  hasDemoPassword: boolean;

  @Column({ name: 'failed_logins', type: 'int', default: 0 })
  failedLogins: number;

  @Column({ name: 'locked_until', ...DATETIME, nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'password_changed_at', ...DATETIME })
  passwordChangedAt: Date;

  /** Set while the password is a temporary one (a new account, an admin's reset): the session may only change it. */
  @Column({ name: 'must_change_password', type: 'boolean', default: false })
  mustChangePassword: boolean;

  /** The TOTP secret, encrypted with FieldCipher; set by setup, in force only once `totpEnabled`. */
  @Column({ name: 'totp_secret', type: 'varchar', length: 255, nullable: true })
  totpSecret: string | null;

  @Column({ name: 'totp_enabled', type: 'boolean', default: false })
  totpEnabled: boolean;

  /** The 30-second step of the last code accepted, so one code cannot be used twice. */
  @Column({ name: 'totp_last_step', type: 'int', nullable: true })
  totpLastStep: number | null;

  @CreateDateColumn({ name: 'created_at', ...AUTO_TIMESTAMP })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', ...AUTO_TIMESTAMP })
  updatedAt: Date;
}
