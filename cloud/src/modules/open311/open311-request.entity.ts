import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { AUTO_TIMESTAMP } from '../../database/column-types.js';
import { Concern } from '../concerns/concern.entity.js';
import { Open311Key } from './open311-key.entity.js';

/**
 * What an Open311 service request adds to the concern it became: which partner's key filed it, the
 * partner's media URL, and the reporter's contact details beyond the phone (encrypted like the phone).
 * The filing key may read its request back in full; everyone else sees the public summary.
 */
@Entity('open311_request')
@Index('idx_open311_request_key', ['keyId', 'concernId'])
export class Open311Request {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_open311_request_concern', { unique: true })
  @Column({ name: 'concern_id', type: 'int' })
  concernId: number;

  @ManyToOne(() => Concern, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'concern_id', foreignKeyConstraintName: 'fk_open311_request_concern' })
  concern?: Relation<Concern>;

  @Column({ name: 'key_id', type: 'int' })
  keyId: number;

  @ManyToOne(() => Open311Key, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'key_id', foreignKeyConstraintName: 'fk_open311_request_key' })
  key?: Relation<Open311Key>;

  @Column({ name: 'media_url', type: 'varchar', length: 500, nullable: true })
  mediaUrl: string | null;

  /** AES-256-GCM of `{ firstName, lastName, email }` as JSON; null when none was given. */
  @Column({ name: 'contact_encrypted', type: 'text', nullable: true })
  contactEncrypted: string | null;

  @CreateDateColumn({ name: 'created_at', ...AUTO_TIMESTAMP })
  createdAt: Date;
}
