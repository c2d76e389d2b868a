import type { VisitSignupStatus } from '@manyi/shared';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { AUTO_TIMESTAMP, DATETIME } from '../../database/column-types.js';
import { Resident } from '../auth/resident.entity.js';
import { Visit } from './visit.entity.js';

/**
 * 报名: one row per resident per visit (the unique index), confirmed or waiting; a cancellation keeps
 * the row, and signing up again reuses it at the back of the waiting list.
 */
@Entity('visit_signup')
@Index('uq_visit_signup_resident', ['visitId', 'residentId'], { unique: true })
@Index('idx_visit_signup_queue', ['visitId', 'status', 'queueSeq'])
export class VisitSignup {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'visit_id', type: 'int' })
  visitId: number;

  @ManyToOne(() => Visit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'visit_id', foreignKeyConstraintName: 'fk_visit_signup_visit' })
  visit?: Relation<Visit>;

  @Column({ name: 'resident_id', type: 'int' })
  residentId: number;

  @ManyToOne(() => Resident, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'resident_id', foreignKeyConstraintName: 'fk_visit_signup_resident' })
  resident?: Relation<Resident>;

  @Column({ type: 'varchar', length: 20 })
  status: VisitSignupStatus;

  /** The visit's `signup_seq` when this sign-up was (last) made: the waiting list's order. */
  @Column({ name: 'queue_seq', type: 'int' })
  queueSeq: number;

  @Column({ name: 'confirmed_at', ...DATETIME, nullable: true })
  confirmedAt: Date | null;

  @Column({ name: 'cancelled_at', ...DATETIME, nullable: true })
  cancelledAt: Date | null;

  /** Set with the day-before reminder, in the same transaction: the reminder goes out once. */
  @Column({ name: 'reminded_at', ...DATETIME, nullable: true })
  remindedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', ...AUTO_TIMESTAMP })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', ...AUTO_TIMESTAMP })
  updatedAt: Date;
}
