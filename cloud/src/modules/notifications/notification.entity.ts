import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { AUTO_TIMESTAMP, DATETIME } from '../../database/column-types.js';
import { Resident } from '../auth/resident.entity.js';
import { Concern } from '../concerns/concern.entity.js';
import { Visit } from '../visits/visit.entity.js';
import type { NotificationKind } from '@manyi/shared';

// The kinds live in shared/ (the mini-program's 我的消息 reads them too).
export {
  CONCERN_NOTIFICATION_KINDS,
  NOTIFICATION_KINDS,
  VISIT_NOTIFICATION_KINDS,
  type ConcernNotificationKind,
  type NotificationKind,
} from '@manyi/shared';

/**
 * The outbox: a message to the resident, written in the same transaction as the event that causes it
 * and delivered by a job, so a crash delays it but never loses it. Until the WeChat sender is plugged
 * in, delivery means the in-app inbox the mini-program reads.
 */
@Entity('notification')
@Index('idx_notification_resident', ['residentId', 'id'])
@Index('idx_notification_pending', ['status', 'id'])
export class Notification {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'resident_id', type: 'int' })
  residentId: number;

  @ManyToOne(() => Resident, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'resident_id', foreignKeyConstraintName: 'fk_notification_resident' })
  resident?: Relation<Resident>;

  /** The concern it is about; null for a visit's messages. */
  @Column({ name: 'concern_id', type: 'int', nullable: true })
  concernId: number | null;

  @ManyToOne(() => Concern, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'concern_id', foreignKeyConstraintName: 'fk_notification_concern' })
  concern?: Relation<Concern> | null;

  /** The visit it is about (a reminder, a promotion from the waiting list); null for a concern's messages. */
  @Column({ name: 'visit_id', type: 'int', nullable: true })
  visitId: number | null;

  @ManyToOne(() => Visit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'visit_id', foreignKeyConstraintName: 'fk_notification_visit' })
  visit?: Relation<Visit> | null;

  @Column({ type: 'varchar', length: 30 })
  kind: NotificationKind;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'varchar', length: 500 })
  body: string;

  /** pending → delivered (or failed after retries). */
  @Column({ type: 'varchar', length: 20 })
  status: 'pending' | 'delivered' | 'failed';

  @Column({ type: 'int', default: 0 })
  attempts: number;

  /**
   * Not before this time: set after a failed send to the back-off delay (see DELIVERY_RETRY_DELAYS_MS);
   * null until a send has failed. No index of its own: the claim walks idx_notification_pending (the
   * pending rows, oldest first) and skips those still waiting, and pending rows are few.
   */
  @Column({ name: 'next_attempt_at', ...DATETIME, nullable: true })
  nextAttemptAt: Date | null;

  @Column({ name: 'delivered_at', ...DATETIME, nullable: true })
  deliveredAt: Date | null;

  @Column({ name: 'read_at', ...DATETIME, nullable: true })
  readAt: Date | null;

  @CreateDateColumn({ name: 'created_at', ...AUTO_TIMESTAMP })
  createdAt: Date;
}
