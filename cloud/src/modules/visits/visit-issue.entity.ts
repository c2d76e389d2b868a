import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { AUTO_TIMESTAMP } from '../../database/column-types.js';
import { Concern } from '../concerns/concern.entity.js';
import { Visit } from './visit.entity.js';

/** One item of the list of issues raised at a held visit (问题清单), followed as a concern. */
@Entity('visit_issue')
@Index('idx_visit_issue_visit', ['visitId', 'position'])
export class VisitIssue {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'visit_id', type: 'int' })
  visitId: number;

  @ManyToOne(() => Visit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'visit_id', foreignKeyConstraintName: 'fk_visit_issue_visit' })
  visit?: Relation<Visit>;

  /** Order on the published list, from 1. */
  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'varchar', length: 500 })
  text: string;

  @Column({ name: 'concern_id', type: 'int' })
  concernId: number;

  @ManyToOne(() => Concern, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'concern_id', foreignKeyConstraintName: 'fk_visit_issue_concern' })
  concern?: Relation<Concern>;

  @CreateDateColumn({ name: 'created_at', ...AUTO_TIMESTAMP })
  createdAt: Date;
}
