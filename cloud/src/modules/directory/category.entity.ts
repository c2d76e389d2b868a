import type { RequestType } from '@manyi/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';

/** 诉求类别: a tree; each leaf has the request type that sets its deadline. */
@Entity('category')
export class Category {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_category_code', { unique: true })
  @Column({ type: 'varchar', length: 60 })
  code: string;

  @Column({ type: 'varchar', length: 40 })
  name: string;

  @Index('idx_category_parent')
  @Column({ name: 'parent_id', type: 'int', nullable: true })
  parentId: number | null;

  @ManyToOne(() => Category, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_category_parent' })
  parent?: Relation<Category> | null;

  /** Null on a parent; set on every leaf. */
  @Column({ name: 'request_type', type: 'varchar', length: 20, nullable: true })
  requestType: RequestType | null;

  @Column({ name: 'sort_order', type: 'int', default: 0 })
  sortOrder: number;

  /** 停用: hidden from residents' pickers and from routing; what already refers to it keeps it. */
  @Column({ type: 'boolean', default: false })
  disabled: boolean;
}
