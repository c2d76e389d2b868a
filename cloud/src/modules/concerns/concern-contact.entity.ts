import type { ContactMethod } from '@manyi/shared';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { AUTO_TIMESTAMP, DATETIME } from '../../database/column-types.js';
import { Concern } from './concern.entity.js';

/** 先联系: one call or visit of the handler to the resident, written with the concern's `contact` step. Staff only. */
@Entity('concern_contact')
@Index('idx_concern_contact_concern', ['concernId', 'id'])
export class ConcernContact {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'concern_id', type: 'int' })
  concernId: number;

  @ManyToOne(() => Concern, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'concern_id', foreignKeyConstraintName: 'fk_concern_contact_concern' })
  concern?: Relation<Concern>;

  @Column({ name: 'staff_id', type: 'int', nullable: true })
  staffId: number | null;

  @Column({ type: 'varchar', length: 10 })
  method: ContactMethod;

  @Column({ name: 'contacted_at', ...DATETIME })
  contactedAt: Date;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note: string | null;

  @CreateDateColumn({ name: 'created_at', ...AUTO_TIMESTAMP })
  createdAt: Date;
}
