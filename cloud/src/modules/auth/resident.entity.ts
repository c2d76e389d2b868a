import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { AUTO_TIMESTAMP, DATETIME } from '../../database/column-types.js';

/** 居民: a resident, known by their WeChat openid (or a preview login on h5 in preview mode). */
@Entity('resident')
export class Resident {
  @PrimaryGeneratedColumn()
  id: number;

  /** WeChat openid; null for preview residents and after the account is deleted. */
  @Index('uq_resident_openid', { unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  openid: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  unionid: string | null;

  @Column({ type: 'varchar', length: 40 })
  nickname: string;

  /** Created by the preview login (no WeChat identity). */
  @Column({ name: 'is_preview', type: 'boolean', default: false })
  isPreview: boolean;

  /** A resident of the demo district (demo mode only): 演示居民 and the neighbours who reported the demo concerns. */
  @Column({ name: 'is_demo', type: 'boolean', default: false })
  isDemo: boolean;

  /** Set when the resident deleted their account: the row stays only so their concerns keep a de-identified owner. */
  @Column({ name: 'deleted_at', ...DATETIME, nullable: true })
  deletedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', ...AUTO_TIMESTAMP })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', ...AUTO_TIMESTAMP })
  updatedAt: Date;
}
