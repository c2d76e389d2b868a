import { Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The search index of news: one row per distinct character bigram of an article's normalised text
 * (news-search.ts). An article is a candidate for a query when it has every bigram of the query's
 * words; the match is then confirmed on `news_article.search_text`. Written with the article, in its
 * transaction, and deleted with it.
 *
 * No foreign key to news_article, on purpose: tests and operators truncate news_article, which MariaDB
 * refuses while a key points at it. A stray row cannot produce a wrong result — candidates are joined
 * to news_article and confirmed on its own text — and re-indexing an article replaces its rows.
 *
 * On MariaDB `token` compares as utf8mb4_bin (set by the migration): a bigram is an exact pair of code
 * points, never folded by case, accent or width as utf8mb4_unicode_ci would.
 */
@Entity('news_search_token', { withoutRowid: true })
@Index('idx_news_search_token', ['token', 'articleId'])
export class NewsSearchToken {
  @PrimaryColumn({ name: 'article_id', type: 'int' })
  articleId: number;

  /** Two characters (MariaDB counts utf8mb4 characters, so a 4-byte one still fits). */
  @PrimaryColumn({ type: 'varchar', length: 2 })
  token: string;
}
