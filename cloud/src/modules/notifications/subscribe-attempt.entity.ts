import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { AUTO_TIMESTAMP, DATETIME } from '../../database/column-types.js';
import { Notification } from './notification.entity.js';

/**
 * sending: recorded with the consent spent, before the call — left so only if the process died during it;
 * sent: WeChat accepted it; failed: WeChat busy or unreachable (consent given back, the outbox retries);
 * refused: WeChat refused this message for good (bad data, page, template; consent given back);
 * no_consent: 43101, the resident has no consent left on WeChat's side (our count zeroed);
 * unknown: a `sending` attempt found after a crash — it may have reached WeChat, so it is not sent again.
 */
export const SUBSCRIBE_ATTEMPT_OUTCOMES = ['sending', 'sent', 'failed', 'refused', 'no_consent', 'unknown'] as const;
export type SubscribeAttemptOutcome = (typeof SUBSCRIBE_ATTEMPT_OUTCOMES)[number];

/** One try at sending an outbox row as a WeChat subscribe message (订阅消息发送记录). */
@Entity('subscribe_attempt')
@Index('idx_subscribe_attempt_notification', ['notificationId'])
export class SubscribeAttempt {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'notification_id', type: 'int' })
  notificationId: number;

  @ManyToOne(() => Notification, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'notification_id', foreignKeyConstraintName: 'fk_subscribe_attempt_notification' })
  notification?: Relation<Notification>;

  @Column({ name: 'template_id', type: 'varchar', length: 64 })
  templateId: string;

  @Column({ type: 'varchar', length: 20 })
  outcome: SubscribeAttemptOutcome;

  /** WeChat's errcode when it refused the message. */
  @Column({ type: 'int', nullable: true })
  errcode: number | null;

  @CreateDateColumn({ name: 'created_at', ...AUTO_TIMESTAMP })
  createdAt: Date;

  @Column({ name: 'finished_at', ...DATETIME, nullable: true })
  finishedAt: Date | null;
}
