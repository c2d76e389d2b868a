import type { ContentReviewFlag, VisitParticipantRole, VisitQuestionStatus } from '@manyi/shared';
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
import { Concern } from '../concerns/concern.entity.js';
import { Visit } from './visit.entity.js';

/** 提前提问: a resident's question ahead of a visit, to one kind of participant; answered publicly or followed as a concern. */
@Entity('visit_question')
@Index('idx_visit_question_visit', ['visitId', 'id'])
@Index('idx_visit_question_resident', ['residentId', 'visitId'])
export class VisitQuestion {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'visit_id', type: 'int' })
  visitId: number;

  @ManyToOne(() => Visit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'visit_id', foreignKeyConstraintName: 'fk_visit_question_visit' })
  visit?: Relation<Visit>;

  @Column({ name: 'resident_id', type: 'int' })
  residentId: number;

  @ManyToOne(() => Resident, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'resident_id', foreignKeyConstraintName: 'fk_visit_question_resident' })
  resident?: Relation<Resident>;

  @Column({ name: 'addressed_to', type: 'varchar', length: 20 })
  addressedTo: VisitParticipantRole;

  @Column({ type: 'varchar', length: 500 })
  text: string;

  @Column({ type: 'varchar', length: 20 })
  status: VisitQuestionStatus;

  @Column({ type: 'text', nullable: true })
  answer: string | null;

  @Column({ name: 'answered_at', ...DATETIME, nullable: true })
  answeredAt: Date | null;

  /** The staff account that answered or filed the concern (the audit log has the rest). */
  @Column({ name: 'handled_by_id', type: 'int', nullable: true })
  handledById: number | null;

  @Column({ name: 'concern_id', type: 'int', nullable: true })
  concernId: number | null;

  @ManyToOne(() => Concern, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'concern_id', foreignKeyConstraintName: 'fk_visit_question_concern' })
  concern?: Relation<Concern> | null;

  /** 内容待复核: WeChat's text check asked a person to look, or could not run; carried to the concern it becomes. */
  @Column({ name: 'content_review', type: 'varchar', length: 20, nullable: true })
  contentReview: ContentReviewFlag | null;

  @CreateDateColumn({ name: 'created_at', ...AUTO_TIMESTAMP })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', ...AUTO_TIMESTAMP })
  updatedAt: Date;
}
