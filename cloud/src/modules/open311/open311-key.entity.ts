import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { AUTO_TIMESTAMP, DATETIME } from '../../database/column-types.js';
import { StaffAccount } from '../auth/staff-account.entity.js';

/**
 * An Open311 API key (接口密钥) issued to one partner system (a hotline platform, a partner app). Only
 * the SHA-256 of the key is kept: the key itself is shown once, when the admin creates it. A revoked
 * key keeps its row, so the requests it filed still name their partner.
 */
@Entity('open311_key')
export class Open311Key {
  @PrimaryGeneratedColumn()
  id: number;

  /** Who holds the key, as the admin named them (e.g. 徐汇区12345热线平台). */
  @Column({ type: 'varchar', length: 60 })
  partner: string;

  /** Hex SHA-256 of the key: a random 32-byte key needs no slow hash, and lookups stay one index read. */
  @Index('uq_open311_key_hash', { unique: true })
  @Column({ name: 'key_hash', type: 'varchar', length: 64 })
  keyHash: string;

  /** The key's first characters, so an admin can tell keys apart in the list without seeing them. */
  @Column({ name: 'key_prefix', type: 'varchar', length: 12 })
  keyPrefix: string;

  @Column({ name: 'created_by_id', type: 'int', nullable: true })
  createdById: number | null;

  @ManyToOne(() => StaffAccount, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_open311_key_created_by' })
  createdBy?: Relation<StaffAccount> | null;

  @Column({ name: 'revoked_at', ...DATETIME, nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', ...AUTO_TIMESTAMP })
  createdAt: Date;
}
