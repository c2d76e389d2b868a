import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { AUTO_TIMESTAMP, DATETIME } from '../../database/column-types.js';
import { StaffAccount } from '../auth/staff-account.entity.js';
import { Visit } from '../visits/visit.entity.js';
import { Concern } from './concern.entity.js';

/**
 * 代录记录: what a concern filed by staff on a resident's behalf adds to it — who filed it, the visit it was
 * raised at or the 12345 order it came with, the resident's name (encrypted like the phone), and the
 * phone's lookup hash, by which the resident claims it once they have verified that number in the
 * mini-program. The channel is the concern's `source`.
 */
@Entity('concern_intake')
@Index('idx_concern_intake_phone', ['phoneHash'])
@Index('idx_concern_intake_visit', ['visitId'])
export class ConcernIntake {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_concern_intake_concern', { unique: true })
  @Column({ name: 'concern_id', type: 'int' })
  concernId: number;

  @ManyToOne(() => Concern, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'concern_id', foreignKeyConstraintName: 'fk_concern_intake_concern' })
  concern?: Relation<Concern>;

  /** 代录人. */
  @Column({ name: 'staff_id', type: 'int' })
  staffId: number;

  @ManyToOne(() => StaffAccount, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_concern_intake_staff' })
  staff?: Relation<StaffAccount>;

  /** The "满意在徐汇" visit or 座谈会 it was raised at (source = visit). */
  @Column({ name: 'visit_id', type: 'int', nullable: true })
  visitId: number | null;

  @ManyToOne(() => Visit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'visit_id', foreignKeyConstraintName: 'fk_concern_intake_visit' })
  visit?: Relation<Visit> | null;

  /** 12345 工单号 in its normal form (source = hotline): one concern per order. */
  @Index('uq_concern_intake_order', { unique: true })
  @Column({ name: 'order_number', type: 'varchar', length: 32, nullable: true })
  orderNumber: string | null;

  /** AES-256-GCM of the resident's name (个人信息加密存储). */
  @Column({ name: 'contact_name_encrypted', type: 'varchar', length: 255, nullable: true })
  contactNameEncrypted: string | null;

  /** 张*, what staff views show. */
  @Column({ name: 'contact_name_masked', type: 'varchar', length: 24, nullable: true })
  contactNameMasked: string | null;

  /** HMAC-SHA256 of the normalised phone number under a key derived from the data key (FieldCipher.lookupHash). */
  @Column({ name: 'phone_hash', type: 'varchar', length: 64, nullable: true })
  phoneHash: string | null;

  /** When a resident who verified the number took it into 我的诉求. */
  @Column({ name: 'claimed_at', ...DATETIME, nullable: true })
  claimedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', ...AUTO_TIMESTAMP })
  createdAt: Date;
}
