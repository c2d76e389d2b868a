import type { Satisfaction } from '@manyi/shared';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { AUTO_TIMESTAMP, DATETIME } from '../../database/column-types.js';
import { Resident } from '../auth/resident.entity.js';
import { Concern } from '../concerns/concern.entity.js';

/**
 * 附议: a resident who follows a concern another resident reported ("我也遇到了"). They hear its public
 * progress like the reporter and may rate the reply; that rating is kept here, apart from the reporter's,
 * and never counted in the three rates. Goes with the follower's account deletion.
 */
@Entity('concern_follower')
@Index('uq_concern_follower', ['concernId', 'residentId'], { unique: true })
@Index('idx_concern_follower_resident', ['residentId', 'id'])
export class ConcernFollower {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'concern_id', type: 'int' })
  concernId: number;

  @ManyToOne(() => Concern, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'concern_id', foreignKeyConstraintName: 'fk_concern_follower_concern' })
  concern?: Relation<Concern>;

  @Column({ name: 'resident_id', type: 'int' })
  residentId: number;

  @ManyToOne(() => Resident, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'resident_id', foreignKeyConstraintName: 'fk_concern_follower_resident' })
  resident?: Relation<Resident>;

  @CreateDateColumn({ name: 'created_at', ...AUTO_TIMESTAMP })
  createdAt: Date;

  /** The follower's rating (a follower's, not the reporter's): null until given. */
  @Column({ type: 'boolean', nullable: true })
  solved: boolean | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  satisfaction: Satisfaction | null;

  @Column({ name: 'rating_comment', type: 'varchar', length: 500, nullable: true })
  ratingComment: string | null;

  @Column({ name: 'rated_at', ...DATETIME, nullable: true })
  ratedAt: Date | null;
}
