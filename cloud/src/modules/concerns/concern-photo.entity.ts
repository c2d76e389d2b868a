import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Photo } from '../uploads/photo.entity.js';
import { Concern } from './concern.entity.js';

/**
 * Which photos belong to which concern (the resident's report photos and the handler's evidence), so
 * that reading a photo can be allowed exactly to those who may see the concern.
 */
@Entity('concern_photo')
@Index('uq_concern_photo', ['concernId', 'photoId'], { unique: true })
@Index('idx_concern_photo_photo', ['photoId'])
export class ConcernPhoto {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'concern_id', type: 'int' })
  concernId: number;

  @ManyToOne(() => Concern, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'concern_id', foreignKeyConstraintName: 'fk_concern_photo_concern' })
  concern?: Relation<Concern>;

  @Column({ name: 'photo_id', type: 'int' })
  photoId: number;

  @ManyToOne(() => Photo, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'photo_id', foreignKeyConstraintName: 'fk_concern_photo_photo' })
  photo?: Relation<Photo>;
}
