import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { AUTO_TIMESTAMP } from '../../database/column-types.js';
import { Resident } from '../auth/resident.entity.js';
import { StaffAccount } from '../auth/staff-account.entity.js';

export type PhotoUploaderKind = 'resident' | 'staff';

/**
 * 处理状态. `pending`: acknowledged and stored as uploaded, not yet re-encoded (served to nobody until it
 * is: a read processes it first); `ready`: the stored photo and thumbnail exist; `failed`: the bytes
 * passed the upload's checks but could not be re-encoded after all, so nothing is ever served.
 */
export type PhotoStatus = 'pending' | 'ready' | 'failed';

/**
 * 照片: one uploaded photo, stored re-encoded without metadata (by a job after the upload is acknowledged). Concerns and replies refer to photos by
 * id (`photoIds`); the uploader is a resident or a staff member, never both. The original file name is
 * not kept.
 */
@Entity('photo')
@Index('idx_photo_resident', ['residentId'])
@Index('idx_photo_staff', ['staffId'])
export class Photo {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'uploader_kind', type: 'varchar', length: 10 })
  uploaderKind: PhotoUploaderKind;

  @Column({ name: 'resident_id', type: 'int', nullable: true })
  residentId: number | null;

  @ManyToOne(() => Resident, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'resident_id', foreignKeyConstraintName: 'fk_photo_resident' })
  resident?: Relation<Resident> | null;

  @Column({ name: 'staff_id', type: 'int', nullable: true })
  staffId: number | null;

  @ManyToOne(() => StaffAccount, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_photo_staff' })
  staff?: Relation<StaffAccount> | null;

  /** Key of the full-size JPEG in the photo storage, e.g. `2026/11/<random>.jpg`. */
  @Index('uq_photo_storage_key', { unique: true })
  @Column({ name: 'storage_key', type: 'varchar', length: 120 })
  storageKey: string;

  @Column({ name: 'thumbnail_key', type: 'varchar', length: 120 })
  thumbnailKey: string;

  /** Of the stored file (always `image/jpeg` today), not of what was uploaded. */
  @Column({ type: 'varchar', length: 40 })
  mime: string;

  /** Of the stored photo; while pending, what it will be (from the header: upright, fitted into 2048 px). */
  @Column({ type: 'int' })
  width: number;

  @Column({ type: 'int' })
  height: number;

  @Index('idx_photo_status')
  @Column({ type: 'varchar', length: 10, default: 'ready' })
  status: PhotoStatus;

  /** The bytes as uploaded (EXIF and location included) while `pending`; removed once processed. Never served. */
  @Column({ name: 'original_key', type: 'varchar', length: 120, nullable: true })
  originalKey: string | null;

  /** Size of the stored full-size file (0 while pending). */
  @Column({ type: 'int' })
  bytes: number;

  /** Hex SHA-256 of the stored full-size file ('' while pending). */
  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  /** WeChat's image check found it risky: shown to staff only. */
  @Column({ type: 'boolean', default: false })
  hidden: boolean;

  /** The trace id of WeChat's asynchronous image check, to match its verdict. */
  @Index('idx_photo_media_trace')
  @Column({ name: 'media_trace_id', type: 'varchar', length: 64, nullable: true })
  mediaTraceId: string | null;

  @CreateDateColumn({ name: 'created_at', ...AUTO_TIMESTAMP })
  createdAt: Date;
}
