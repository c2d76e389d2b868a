import type { Satisfaction } from '@manyi/shared';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { AUTO_TIMESTAMP, DATETIME } from '../../database/column-types.js';
import { Concern } from './concern.entity.js';

/**
 * 回访: one call of the street to the resident after the reply was published, written with the concern's
 * `callback` step. `counted`: this call was the concern's rating (channel 回访). Staff only.
 */
@Entity('concern_callback')
@Index('idx_concern_callback_concern', ['concernId', 'id'])
export class ConcernCallback {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'concern_id', type: 'int' })
  concernId: number;

  @ManyToOne(() => Concern, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'concern_id', foreignKeyConstraintName: 'fk_concern_callback_concern' })
  concern?: Relation<Concern>;

  @Column({ name: 'staff_id', type: 'int', nullable: true })
  staffId: number | null;

  @Column({ type: 'boolean' })
  reached: boolean;

  @Column({ type: 'boolean', nullable: true })
  solved: boolean | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  satisfaction: Satisfaction | null;

  /** What the resident said. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  words: string | null;

  @Column({ name: 'called_at', ...DATETIME })
  calledAt: Date;

  @Column({ type: 'boolean' })
  counted: boolean;

  @CreateDateColumn({ name: 'created_at', ...AUTO_TIMESTAMP })
  createdAt: Date;
}
