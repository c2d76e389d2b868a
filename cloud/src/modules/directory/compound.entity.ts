import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Street } from './street.entity.js';

/** 居民区: a residents' compound, belonging to one street. */
@Entity('compound')
export class Compound {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_compound_code', { unique: true })
  @Column({ type: 'varchar', length: 60 })
  code: string;

  @Column({ type: 'varchar', length: 60 })
  name: string;

  @Index('idx_compound_street')
  @Column({ name: 'street_id', type: 'int' })
  streetId: number;

  @ManyToOne(() => Street, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'street_id', foreignKeyConstraintName: 'fk_compound_street' })
  street?: Relation<Street>;

  /** 停用: hidden from residents' pickers and from routing; what already refers to it keeps it. */
  @Column({ type: 'boolean', default: false })
  disabled: boolean;
}
