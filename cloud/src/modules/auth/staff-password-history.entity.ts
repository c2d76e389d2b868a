import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { DATETIME } from '../../database/column-types.js';
import { StaffAccount } from './staff-account.entity.js';

/** Hashes of a staff member's earlier passwords, so a change cannot go back to a recent one. */
@Entity('staff_password_history')
@Index('idx_staff_password_history_staff', ['staffId', 'id'])
export class StaffPasswordHistory {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'staff_id', type: 'int' })
  staffId: number;

  @ManyToOne(() => StaffAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_staff_password_history_staff' })
  staff?: Relation<StaffAccount>;

  /** argon2id, like the current one. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ name: 'created_at', ...DATETIME })
  createdAt: Date;
}
