import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { AUTO_TIMESTAMP } from '../../database/column-types.js';

/** 政策知识库: one policy entry staff cite in replies. */
@Entity('knowledge_entry')
@Index('idx_knowledge_entry_updated', ['updatedAt', 'id'])
export class KnowledgeEntry {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 120 })
  title: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'varchar', length: 60 })
  source: string;

  /** 有效期至: a Shanghai day, inclusive; null for no end. */
  @Column({ name: 'valid_until', type: 'varchar', length: 10, nullable: true })
  validUntil: string | null;

  /** The normalised text (news-search.ts normalizeForSearch) the words are confirmed on. */
  @Column({ name: 'search_text', type: 'text', nullable: true, select: false })
  searchText: string | null;

  @Column({ name: 'updated_by_id', type: 'int', nullable: true })
  updatedById: number | null;

  @CreateDateColumn({ name: 'created_at', ...AUTO_TIMESTAMP })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', ...AUTO_TIMESTAMP })
  updatedAt: Date;
}

/** The bigram index of the knowledge base, as news_search_token is of news (no foreign key, for the same reason). */
@Entity('knowledge_search_token', { withoutRowid: true })
@Index('idx_knowledge_search_token', ['token', 'entryId'])
export class KnowledgeSearchToken {
  @PrimaryColumn({ name: 'entry_id', type: 'int' })
  entryId: number;

  @PrimaryColumn({ type: 'varchar', length: 2 })
  token: string;
}
