import type { NewsBlock, NewsStatus } from '@manyi/shared';
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
import { AUTO_TIMESTAMP, DATETIME } from '../../database/column-types.js';
import { Street } from '../directory/street.entity.js';

/** One block of an article's body: a paragraph, or an image with its caption. Plain text only — never markup. */
export type { NewsBlock };

/** 街道资讯: a street's news article. */
@Entity('news_article')
@Index('idx_news_street_published', ['streetId', 'status', 'publishedAt'])
// Newest first, per street and overall; with the status, so that counting the newest is read from the index alone.
@Index('idx_news_street_time', ['streetId', 'publishedAt', 'id', 'status'])
@Index('idx_news_time', ['publishedAt', 'id', 'status'])
export class NewsArticle {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'street_id', type: 'int' })
  streetId: number;

  @ManyToOne(() => Street, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'street_id', foreignKeyConstraintName: 'fk_news_article_street' })
  street?: Relation<Street>;

  @Column({ type: 'varchar', length: 120 })
  title: string;

  @Column({ type: 'simple-json' })
  body: NewsBlock[];

  /** 来源: who wrote it, e.g. the street's office. */
  @Column({ type: 'varchar', length: 60, nullable: true })
  source: string | null;

  @Column({ type: 'varchar', length: 20 })
  status: NewsStatus;

  @Column({ name: 'published_at', ...DATETIME, nullable: true })
  publishedAt: Date | null;

  /**
   * Title, body and captions normalised for search (news-search.ts): simplified characters, NFKC,
   * lower case. Null until the article is indexed — rows written outside NewsService (demo content)
   * are indexed when the service starts.
   */
  @Column({ name: 'search_text', type: 'text', nullable: true, select: false })
  searchText: string | null;

  /** Invented content seeded by demo mode, shown with a 演示 mark. */
  @Column({ name: 'is_demo', type: 'boolean', default: false })
  isDemo: boolean;

  @CreateDateColumn({ name: 'created_at', ...AUTO_TIMESTAMP })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', ...AUTO_TIMESTAMP })
  updatedAt: Date;
}
