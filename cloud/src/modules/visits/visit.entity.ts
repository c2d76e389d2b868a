import type { VisitParticipantRole, VisitStatus } from '@manyi/shared';
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
import { Compound } from '../directory/compound.entity.js';
import { Street } from '../directory/street.entity.js';

export interface VisitParticipant {
  name: string;
  role: VisitParticipantRole;
  /** e.g. 区人大代表、某律师事务所律师 */
  title?: string;
}

/** 满意在徐汇 走访: officials, deputies, CPPCC members and lawyers meeting residents in a compound. */
@Entity('visit')
@Index('idx_visit_street_starts', ['streetId', 'startsAt'])
@Index('idx_visit_compound_status', ['compoundId', 'status', 'startsAt'])
export class Visit {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 120 })
  title: string;

  @Column({ name: 'street_id', type: 'int' })
  streetId: number;

  @ManyToOne(() => Street, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'street_id', foreignKeyConstraintName: 'fk_visit_street' })
  street?: Relation<Street>;

  @Column({ name: 'compound_id', type: 'int', nullable: true })
  compoundId: number | null;

  @ManyToOne(() => Compound, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'compound_id', foreignKeyConstraintName: 'fk_visit_compound' })
  compound?: Relation<Compound> | null;

  /** 地点: where in the compound, e.g. 居委会活动室. */
  @Column({ type: 'varchar', length: 120 })
  place: string;

  @Column({ name: 'starts_at', ...DATETIME })
  startsAt: Date;

  @Column({ name: 'ends_at', ...DATETIME })
  endsAt: Date;

  @Column({ type: 'simple-json' })
  participants: VisitParticipant[];

  @Column({ type: 'simple-json' })
  topics: string[];

  @Column({ type: 'int' })
  capacity: number;

  @Column({ type: 'varchar', length: 20 })
  status: VisitStatus;

  /**
   * Confirmed sign-ups, kept beside `capacity` so that taking a place is one conditional UPDATE
   * (`confirmed_count < capacity`): two residents racing for the last place cannot both get it.
   */
  @Column({ name: 'confirmed_count', type: 'int', default: 0 })
  confirmedCount: number;

  /**
   * Bumped by every sign-up and cancellation. The UPDATE that bumps it is the visit's row lock (the
   * rest of the transaction runs one at a time per visit), and its value orders the waiting list.
   */
  @Column({ name: 'signup_seq', type: 'int', default: 0 })
  signupSeq: number;

  /** 到场人数, recorded after the visit. */
  @Column({ type: 'int', nullable: true })
  attendance: number | null;

  /** 走访纪要. */
  @Column({ type: 'text', nullable: true })
  summary: string | null;

  @Column({ name: 'held_at', ...DATETIME, nullable: true })
  heldAt: Date | null;

  /** When the list of issues raised was (last) published; null until then. */
  @Column({ name: 'issues_published_at', ...DATETIME, nullable: true })
  issuesPublishedAt: Date | null;

  @Column({ name: 'is_demo', type: 'boolean', default: false })
  isDemo: boolean;

  @CreateDateColumn({ name: 'created_at', ...AUTO_TIMESTAMP })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', ...AUTO_TIMESTAMP })
  updatedAt: Date;
}
