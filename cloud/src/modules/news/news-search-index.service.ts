import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { NewsArticle } from './news-article.entity.js';
import { NewsSearchToken } from './news-search-token.entity.js';
import { bigramsOf, searchTextOf } from './news-search.js';

/** Rows per INSERT: well under SQLite's limit of bound parameters. */
const TOKEN_BATCH = 400;

/**
 * Keeps the search index of news (news-search.ts) in step with the articles: NewsService writes it in
 * the article's own transaction; at start-up this indexes whatever was written without it (demo
 * content, rows from before the index existed) — in the worker role, or the one process of `all`,
 * never in each of several api instances at once.
 */
@Injectable()
export class NewsSearchIndex implements OnApplicationBootstrap {
  private readonly logger = new Logger(NewsSearchIndex.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    // Optional for the benchmarks, which build the index by hand.
    @Inject(APP_CONFIG) private readonly config?: Pick<AppConfig, 'role'>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config?.role === 'api') return;
    const indexed = await this.indexPending();
    if (indexed > 0) this.logger.log(`indexed ${indexed} news articles for search`);
  }

  /** Indexes every article whose `search_text` is still null; returns how many. */
  async indexPending(batchSize = 200): Promise<number> {
    let total = 0;
    for (;;) {
      const articles = await this.dataSource
        .getRepository(NewsArticle)
        .createQueryBuilder('a')
        .select(['a.id', 'a.title', 'a.body'])
        .where('a.search_text IS NULL')
        .orderBy('a.id', 'ASC')
        .limit(batchSize)
        .getMany();
      if (articles.length === 0) return total;
      await this.dataSource.transaction(async (em) => {
        for (const article of articles) await this.reindex(em, article.id, searchTextOf(article.title, article.body));
      });
      total += articles.length;
    }
  }

  /** Stores an article's normalised text and replaces its bigrams. */
  async reindex(em: EntityManager, articleId: number, searchText: string): Promise<void> {
    // Plain SQL: an update through TypeORM would also move updated_at, and indexing is not an edit.
    await em.query('UPDATE news_article SET search_text = ? WHERE id = ?', [searchText, articleId]);
    await this.writeTokens(em, articleId, searchText);
  }

  /** Replaces an article's bigrams with those of `searchText` (already stored on the article). */
  async writeTokens(em: EntityManager, articleId: number, searchText: string): Promise<void> {
    await this.removeTokens(em, articleId);
    const tokens = bigramsOf(searchText);
    for (let i = 0; i < tokens.length; i += TOKEN_BATCH) {
      await em
        .createQueryBuilder()
        .insert()
        .into(NewsSearchToken)
        .values(tokens.slice(i, i + TOKEN_BATCH).map((token) => ({ articleId, token })))
        .execute();
    }
  }

  async removeTokens(em: EntityManager, articleId: number): Promise<void> {
    await em.delete(NewsSearchToken, { articleId });
  }
}
