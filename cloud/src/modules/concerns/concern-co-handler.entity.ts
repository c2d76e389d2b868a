import type { CoHandlerPartVisibility, CoHandlerStatus } from '@manyi/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { DATETIME } from '../../database/column-types.js';
import { Department } from '../directory/department.entity.js';
import { Concern } from './concern.entity.js';

/**
 * 协办部门: one co-handling department of one concern — asked at dispatch, with its own sign-for
 * deadline (协办签收时限), its part (协办意见) or its decline, or waived by the dispatcher. Changed only by
 * the co-handling steps of the workflow, which bump the concern's version with it.
 */
@Entity('concern_co_handler')
@Index('uq_concern_co_handler', ['concernId', 'departmentId'], { unique: true })
@Index('idx_concern_co_handler_department', ['departmentId', 'status'])
@Index('idx_concern_co_handler_sign', ['status', 'signDueAt'])
@Index('idx_concern_co_handler_asked', ['askedAt', 'departmentId'])
export class ConcernCoHandler {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'concern_id', type: 'int' })
  concernId: number;

  @ManyToOne(() => Concern, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'concern_id', foreignKeyConstraintName: 'fk_concern_co_handler_concern' })
  concern?: Relation<Concern>;

  @Column({ name: 'department_id', type: 'int' })
  departmentId: number;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id', foreignKeyConstraintName: 'fk_concern_co_handler_department' })
  department?: Relation<Department>;

  @Column({ type: 'varchar', length: 20 })
  status: CoHandlerStatus;

  /** When it was (last) asked: the dispatch that named it. */
  @Column({ name: 'asked_at', ...DATETIME })
  askedAt: Date;

  /** 协办签收时限. */
  @Column({ name: 'sign_due_at', ...DATETIME })
  signDueAt: Date;

  @Column({ name: 'signed_at', ...DATETIME, nullable: true })
  signedAt: Date | null;

  /** When the sweep announced the approaching sign-for deadline (即将超期), so it does once. */
  @Column({ name: 'sign_warned_at', ...DATETIME, nullable: true })
  signWarnedAt: Date | null;

  /** When the sweep chased the passed sign-for deadline (催办), so it does once. */
  @Column({ name: 'sign_chased_at', ...DATETIME, nullable: true })
  signChasedAt: Date | null;

  @Column({ name: 'submitted_at', ...DATETIME, nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'part_text', type: 'text', nullable: true })
  partText: string | null;

  @Column({ name: 'part_visibility', type: 'varchar', length: 10, nullable: true })
  partVisibility: CoHandlerPartVisibility | null;

  @Column({ name: 'part_photo_ids', type: 'simple-json' })
  partPhotoIds: number[];

  @Column({ name: 'declined_at', ...DATETIME, nullable: true })
  declinedAt: Date | null;

  @Column({ name: 'decline_reason', type: 'varchar', length: 500, nullable: true })
  declineReason: string | null;

  @Column({ name: 'waived_at', ...DATETIME, nullable: true })
  waivedAt: Date | null;

  @Column({ name: 'waive_reason', type: 'varchar', length: 500, nullable: true })
  waiveReason: string | null;
}
