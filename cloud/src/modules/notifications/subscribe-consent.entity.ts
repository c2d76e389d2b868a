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
import { AUTO_TIMESTAMP } from '../../database/column-types.js';
import { Resident } from '../auth/resident.entity.js';

/**
 * 订阅消息授权: how many subscribe messages of one template a resident has left. Each 'accept' from
 * wx.requestSubscribeMessage pays for exactly one message and WeChat offers no way to ask for the
 * balance, so the service counts: +1 per accept, −1 per send (in the transaction that records the attempt).
 */
@Entity('subscribe_consent')
@Index('uq_subscribe_consent', ['residentId', 'templateId'], { unique: true })
export class SubscribeConsent {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'resident_id', type: 'int' })
  residentId: number;

  @ManyToOne(() => Resident, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'resident_id', foreignKeyConstraintName: 'fk_subscribe_consent_resident' })
  resident?: Relation<Resident>;

  @Column({ name: 'template_id', type: 'varchar', length: 64 })
  templateId: string;

  @Column({ type: 'int', default: 0 })
  remaining: number;

  @CreateDateColumn({ name: 'created_at', ...AUTO_TIMESTAMP })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', ...AUTO_TIMESTAMP })
  updatedAt: Date;
}
