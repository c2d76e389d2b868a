import type { ReplyTemplateKind } from '@manyi/shared';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { AUTO_TIMESTAMP } from '../../database/column-types.js';
import { Category } from '../directory/category.entity.js';

/** 答复模板: a category's (or, without one, every category's) ready text for a reply or a rejection reason. */
@Entity('reply_template')
@Index('idx_reply_template_category', ['categoryId', 'kind'])
export class ReplyTemplate {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'category_id', type: 'int', nullable: true })
  categoryId: number | null;

  @ManyToOne(() => Category, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_id', foreignKeyConstraintName: 'fk_reply_template_category' })
  category?: Relation<Category> | null;

  @Column({ type: 'varchar', length: 20 })
  kind: ReplyTemplateKind;

  @Column({ type: 'varchar', length: 30 })
  title: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'updated_by_id', type: 'int', nullable: true })
  updatedById: number | null;

  @CreateDateColumn({ name: 'created_at', ...AUTO_TIMESTAMP })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', ...AUTO_TIMESTAMP })
  updatedAt: Date;
}
