import type { StaffAlertKind } from '@manyi/shared';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { AUTO_TIMESTAMP, DATETIME } from '../../database/column-types.js';
import { StaffAccount } from '../auth/staff-account.entity.js';
import { Concern } from '../concerns/concern.entity.js';

/**
 * 工作提醒: one alert for one staff member, written in the transaction of the step it tells of, for
 * each recipient STAFF_ALERT_RULES names; read state is theirs alone.
 */
@Entity('staff_alert')
@Index('idx_staff_alert_staff', ['staffId', 'id'])
@Index('idx_staff_alert_unread', ['staffId', 'readAt'])
export class StaffAlert {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'staff_id', type: 'int' })
  staffId: number;

  @ManyToOne(() => StaffAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_staff_alert_staff' })
  staff?: Relation<StaffAccount>;

  @Column({ type: 'varchar', length: 30 })
  kind: StaffAlertKind;

  @Column({ name: 'concern_id', type: 'int', nullable: true })
  concernId: number | null;

  @ManyToOne(() => Concern, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'concern_id', foreignKeyConstraintName: 'fk_staff_alert_concern' })
  concern?: Relation<Concern> | null;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'varchar', length: 500 })
  body: string;

  /** Set by the writer (the step's time, which a replayed step on a seeded clock sets too). */
  @CreateDateColumn({ name: 'created_at', ...AUTO_TIMESTAMP })
  createdAt: Date;

  @Column({ name: 'read_at', ...DATETIME, nullable: true })
  readAt: Date | null;
}
