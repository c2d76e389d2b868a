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

  @Column({ name: 'is_demo', type: 'boolean', default: false })
  isDemo: boolean;

  @CreateDateColumn({ name: 'created_at', ...AUTO_TIMESTAMP })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', ...AUTO_TIMESTAMP })
  updatedAt: Date;
}
