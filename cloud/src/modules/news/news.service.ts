import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { NewsDetailView, NewsQuery, NewsSummaryView, Page } from '@manyi/shared';
import { Brackets, In, type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AppException } from '../../common/errors/app.exception.js';
import { Street } from '../directory/street.entity.js';
import { NewsArticle } from './news-article.entity.js';
import { decodeNewsCursor, encodeNewsCursor } from './news-cursor.js';
import { NewsSearchIndex } from './news-search-index.service.js';
import { applySearch, applyTerms, narrowPlan, planSearch, tokensToCount } from './news-search.js';

/** How many of the newest articles a search reads by their text before it turns to the bigram index. */
const RECENT_WINDOW = 1000;
import { mapNewsDetail, mapNewsSummary } from './news.mapper.js';

/** What residents read: published news (scheduled ones once their time has come), newest first. */
@Injectable()
export class NewsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly searchIndex: NewsSearchIndex,
  ) {}

  /** When the next scheduled article comes out, or null when none is waiting. */
  async nextScheduledAt(now: Date): Promise<Date | null> {
    const next = await this.dataSource
      .getRepository(NewsArticle)
      .createQueryBuilder('a')
      .select(['a.id', 'a.publishedAt'])
      .where("a.status = 'scheduled'")
      .andWhere('a.published_at > :now', { now })
      .orderBy('a.published_at', 'ASC')
      .limit(1)
      .getOne();
    return next?.publishedAt ?? null;
  }

  async list(query: NewsQuery, now = new Date()): Promise<Page<NewsSummaryView>> {
    const streetId = query.street ? (await this.street(query.street)).id : null;
    const cursor = decodeNewsCursor(query.cursor, true);
    const plan = query.q ? planSearch(query.q) : null;
    // A query of only spaces or punctuation that normalises to nothing finds nothing.
    if (query.q && !plan) return { items: [], nextCursor: null };

    const repo = this.dataSource.getRepository(NewsArticle);
    // The articles the page may show, newest first, on alias `a` or on the window's `w`. No join to
    // street: MariaDB would then read the 13 streets first and sort every article; alone, the query
    // walks an index newest first and stops after one page.
    const listed = <T extends SelectQueryBuilder<NewsArticle>>(qb: T, alias: string): T => {
      visibleNews(qb, alias, now);
      if (streetId !== null) qb.andWhere(`${alias}.street_id = :streetId`, { streetId });
      if (cursor) {
        qb.andWhere(
          new Brackets((w) =>
            w
              .where(`${alias}.published_at < :cursorAt`, { cursorAt: new Date(cursor.at!) })
              .orWhere(`(${alias}.published_at = :cursorAt AND ${alias}.id < :cursorId)`, { cursorId: cursor.id }),
          ),
        );
      }
      return qb.orderBy(`${alias}.published_at`, 'DESC').addOrderBy(`${alias}.id`, 'DESC');
    };
    const page = (qb: SelectQueryBuilder<NewsArticle>) => qb.limit(query.limit + 1).getMany();

    let rows: NewsArticle[];
    if (!plan) {
      rows = await page(listed(repo.createQueryBuilder('a'), 'a'));
    } else {
      const narrowed = narrowPlan(plan, await this.searchIndex.tokenCounts(tokensToCount(plan)));
      if (narrowed === 'none') return { items: [], nextCursor: null };
      if (narrowed) {
        // Some bigram is rare: its short list of articles leads.
        rows = await page(applySearch(listed(repo.createQueryBuilder('a'), 'a'), 'a', narrowed));
      } else {
        // Every bigram is common (or the words are single characters): the newest articles are likely
        // to fill the page by their text alone. The walk is bounded to the newest RECENT_WINDOW
        // articles (those at or after the window's oldest time, a scalar subquery on an index), so a
        // rare combination of common bigrams costs a bounded scan before it goes to the index.
        const floor = listed(repo.createQueryBuilder('w'), 'w')
          .select('w.published_at')
          .offset(RECENT_WINDOW - 1)
          .limit(1);
        const recent = applyTerms(listed(repo.createQueryBuilder('a'), 'a'), 'a', plan)
          .andWhere(`a.published_at >= COALESCE((${floor.getQuery()}), :beforeAll)`)
          .setParameter('beforeAll', new Date(0));
        rows = await page(recent);
        if (rows.length <= query.limit) rows = await page(applySearch(listed(repo.createQueryBuilder('a'), 'a'), 'a', plan));
      }
    }
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    const streets = await streetsOf(this.dataSource.manager, items);
    return {
      items: items.map((a) => mapNewsSummary(a, streets.get(a.streetId)!)),
      nextCursor: rows.length > query.limit && last ? encodeNewsCursor({ id: last.id, at: last.publishedAt!.getTime() }) : null,
    };
  }

  async detail(id: number, now = new Date()): Promise<NewsDetailView> {
    const qb = this.dataSource
      .getRepository(NewsArticle)
      .createQueryBuilder('a')
      .innerJoinAndSelect('a.street', 's')
      .where('a.id = :id', { id });
    const article = await visibleNews(qb, 'a', now).getOne();
    if (!article) throw new AppException('NEWS_NOT_FOUND');
    return mapNewsDetail(article, article.street!);
  }

  private async street(code: string): Promise<Street> {
    const street = await this.dataSource.getRepository(Street).findOneBy({ code });
    if (!street) throw new AppException('STREET_NOT_FOUND', `街道「${code}」不存在`);
    return street;
  }
}

/** The streets of a page of articles, by id: one small query instead of a join. */
export async function streetsOf(em: EntityManager, articles: readonly NewsArticle[]): Promise<Map<number, Street>> {
  const ids = [...new Set(articles.map((a) => a.streetId))];
  const streets = ids.length ? await em.getRepository(Street).findBy({ id: In(ids) }) : [];
  return new Map(streets.map((s) => [s.id, s]));
}

/** Published, or scheduled for a time that has come: no job flips the status, this condition does. */
export function visibleNews<T extends SelectQueryBuilder<NewsArticle>>(qb: T, alias: string, now: Date): T {
  qb.andWhere(`${alias}.status IN ('published', 'scheduled')`).andWhere(`${alias}.published_at <= :now`, { now });
  return qb;
}
