import { Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { DATETIME } from '../../database/column-types.js';
import { Concern } from '../concerns/concern.entity.js';
import { Street } from '../directory/street.entity.js';

/**
 * 公开案例: what staff approved to show on the street's public board (已办结) — the resident's text and the
 * reply as published (masked, maybe edited) and the photos chosen. Withdrawn (撤回) rows stay, with the
 * time, so the workbench shows what was shown; the board reads only those not withdrawn.
 */
@Entity('concern_public_case')
@Index('idx_concern_public_case_board', ['streetId', 'withdrawnAt', 'publishedAt'])
export class ConcernPublicCase {
  @PrimaryColumn({ name: 'concern_id', type: 'int' })
  concernId: number;

  @OneToOne(() => Concern, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'concern_id', foreignKeyConstraintName: 'fk_concern_public_case_concern' })
  concern?: Relation<Concern>;

  /** The concern's street when published: the board's filter. */
  @Column({ name: 'street_id', type: 'int' })
  streetId: number;

  @ManyToOne(() => Street, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'street_id', foreignKeyConstraintName: 'fk_concern_public_case_street' })
  street?: Relation<Street>;

  @Column({ name: 'public_text', type: 'text' })
  publicText: string;

  @Column({ name: 'public_reply', type: 'text' })
  publicReply: string;

  @Column({ name: 'photo_ids', type: 'simple-json' })
  photoIds: number[];

  @Column({ name: 'published_by', type: 'int', nullable: true })
  publishedBy: number | null;

  @Column({ name: 'published_at', ...DATETIME })
  publishedAt: Date;

  @Column({ name: 'withdrawn_at', ...DATETIME, nullable: true })
  withdrawnAt: Date | null;
}
