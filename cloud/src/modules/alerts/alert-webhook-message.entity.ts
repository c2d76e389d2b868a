import type { StaffAlertKind } from '@manyi/shared';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { AUTO_TIMESTAMP, DATETIME } from '../../database/column-types.js';
import { Concern } from '../concerns/concern.entity.js';

/** Whose group robot a message goes to: a department's (its handlers) or a street's (its dispatchers). */
export type WebhookTargetKind = 'department' | 'street';

/**
 * The group-robot outbox (企业微信群机器人): a markdown message for one department's or street's robot,
 * written with the alert it copies and delivered by the notification dispatcher's job, with the same
 * claim, retries and back-off as the residents' messages. The robot's address is read when it is
 * sent, so a changed address takes effect at once and a removed one drops the message.
 */
@Entity('alert_webhook_message')
@Index('idx_alert_webhook_pending', ['status', 'id'])
export class AlertWebhookMessage {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'target_kind', type: 'varchar', length: 12 })
  targetKind: WebhookTargetKind;

  @Column({ name: 'target_id', type: 'int' })
  targetId: number;

  @Column({ name: 'alert_kind', type: 'varchar', length: 30 })
  alertKind: StaffAlertKind;

  @Column({ name: 'concern_id', type: 'int', nullable: true })
  concernId: number | null;

  @ManyToOne(() => Concern, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'concern_id', foreignKeyConstraintName: 'fk_alert_webhook_concern' })
  concern?: Relation<Concern> | null;

  /** The markdown the robot posts. */
  @Column({ type: 'text' })
  content: string;

  /** pending → delivered (or failed after retries); `sending` while claimed. */
  @Column({ type: 'varchar', length: 20 })
  status: 'pending' | 'delivered' | 'failed';

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', ...DATETIME, nullable: true })
  nextAttemptAt: Date | null;

  @Column({ name: 'delivered_at', ...DATETIME, nullable: true })
  deliveredAt: Date | null;

  @CreateDateColumn({ name: 'created_at', ...AUTO_TIMESTAMP })
  createdAt: Date;
}
