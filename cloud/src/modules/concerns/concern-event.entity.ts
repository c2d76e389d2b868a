import type { ActorRole, CoHandlerAction, ConcernAction, ConcernStatus } from '@manyi/shared';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { AUTO_TIMESTAMP } from '../../database/column-types.js';
import { Concern } from './concern.entity.js';

/** One step of a concern's append-only timeline: every transition, reply, note, chase, extension, rating and co-handling step (协办). */
@Entity('concern_event')
@Index('idx_concern_event_concern', ['concernId', 'id'])
export class ConcernEvent {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'concern_id', type: 'int' })
  concernId: number;

  @ManyToOne(() => Concern, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'concern_id', foreignKeyConstraintName: 'fk_concern_event_concern' })
  concern?: Relation<Concern>;

  @Column({ type: 'varchar', length: 30 })
  action: ConcernAction | CoHandlerAction | 'submit';

  @Column({ name: 'actor_role', type: 'varchar', length: 20 })
  actorRole: ActorRole;

  /** Staff account id or resident id; null for the system. */
  @Column({ name: 'actor_id', type: 'int', nullable: true })
  actorId: number | null;

  @Column({ name: 'from_status', type: 'varchar', length: 20, nullable: true })
  fromStatus: ConcernStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 20 })
  toStatus: ConcernStatus;

  /** What the resident reads (a rejection reason, a published reply). */
  @Column({ name: 'public_text', type: 'text', nullable: true })
  publicText: string | null;

  /** Staff only. */
  @Column({ name: 'internal_text', type: 'text', nullable: true })
  internalText: string | null;

  /** Structured facts of the step: department ids, return reason, photo ids, working days … */
  @Column({ type: 'simple-json', nullable: true })
  data: Record<string, unknown> | null;

  @CreateDateColumn({ name: 'created_at', ...AUTO_TIMESTAMP })
  createdAt: Date;
}
