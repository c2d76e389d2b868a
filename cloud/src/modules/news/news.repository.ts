import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AdminNewsQuery } from '@manyi/shared';
import { Brackets, In, type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { decodeCursor, isCursorInteger, keysetPage, type KeysetPage } from '../../database/keyset.js';
import { Street } from '../directory/street.entity.js';
import { NewsArticle } from './news-article.entity.js';
import { applySearch, applyTerms, COMMON_TOKEN, narrowPlan, planSearch, tokensToCount } from './news-search.js';

/** How many of the newest articles a search reads by their text before it turns to the bigram index. */
const RECENT_WINDOW = 1000;

/**
 * News keyset cursors: the public list sorts by publication time then id (`{ id, at }`, `at` in ms),
 * the staff list by id (`{ id }`). A cursor of the other list is refused.
 */
interface NewsCursor {
  id: number;
  at?: number;
}

function decodeNewsCursor(raw: string | undefined, withTime: boolean): NewsCursor | null {
  return decodeCursor(raw, (value) => {
    if (!isCursorInteger(value.id) || value.id < 1) return null;
    if (withTime !== isCursorInteger(value.at)) return null;
    return withTime ? { id: value.id, at: value.at as number } : { id: value.id };
  });
}

/** The news articles' reads: the residents' list and search, the staff list, one article. */
@Injectable()
export class NewsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** When the next scheduled article comes out, or null when none is waiting. */
  async nextScheduledAt(now: Date, em: EntityManager = this.dataSource.manager): Promise<Date | null> {
    const next = await em
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

  /**
   * What residents read: visible articles (of `streetId` when given; matching the search `q` when
   * given), newest published first, keyset-paged on (published_at, id).
   */
  async visiblePage(
    options: { streetId: number | null; q: string | undefined; cursor: string | undefined; limit: number },
    now: Date,
    em: EntityManager = this.dataSource.manager,
  ): Promise<KeysetPage<NewsArticle>> {
    const { streetId, q, limit } = options;
    const cursor = decodeNewsCursor(options.cursor, true);
    const plan = q ? planSearch(q) : null;
    // A query of only spaces or punctuation that normalises to nothing finds nothing.
    if (q && !plan) return { items: [], nextCursor: null };
    const repo = em.getRepository(NewsArticle);
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
    const read = async (take: number): Promise<NewsArticle[]> => {
      const page = (qb: SelectQueryBuilder<NewsArticle>) => qb.limit(take).getMany();
      if (!plan) return page(listed(repo.createQueryBuilder('a'), 'a'));
      const narrowed = narrowPlan(plan, await this.tokenCounts(tokensToCount(plan), em));
      if (narrowed === 'none') return [];
      // Some bigram is rare: its short list of articles leads.
      if (narrowed) return page(applySearch(listed(repo.createQueryBuilder('a'), 'a'), 'a', narrowed));
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
      const rows = await page(recent);
      return rows.length < take ? page(applySearch(listed(repo.createQueryBuilder('a'), 'a'), 'a', plan)) : rows;
    };
    return keysetPage(read, limit, (last) => ({ id: last.id, at: last.publishedAt!.getTime() }));
  }

  /** One visible article with its street, or null. */
  async visibleById(id: number, now: Date, em: EntityManager = this.dataSource.manager): Promise<NewsArticle | null> {
    const qb = em.getRepository(NewsArticle).createQueryBuilder('a').innerJoinAndSelect('a.street', 's').where('a.id = :id', { id });
    return visibleNews(qb, 'a', now).getOne();
  }

  /**
   * The staff list, newest first, keyset-paged on the id: of one street when `streetId` is given (and
   * always of `ownStreetId`, an editor's), in a state, matching the search `q`.
   */
  async adminPage(
    options: {
      ownStreetId: number | null;
      streetId: number | null;
      state: AdminNewsQuery['status'];
      q: string | undefined;
      cursor: string | undefined;
      limit: number;
    },
    now: Date,
    em: EntityManager = this.dataSource.manager,
  ): Promise<KeysetPage<NewsArticle>> {
    const qb = em.getRepository(NewsArticle).createQueryBuilder('a');
    if (options.ownStreetId !== null) qb.andWhere('a.street_id = :own', { own: options.ownStreetId });
    if (options.streetId !== null) qb.andWhere('a.street_id = :streetId', { streetId: options.streetId });
    if (options.state === 'draft') qb.andWhere("a.status = 'draft'");
    if (options.state === 'scheduled') qb.andWhere("a.status = 'scheduled' AND a.published_at > :now", { now });
    if (options.state === 'published') qb.andWhere("a.status IN ('published', 'scheduled') AND a.published_at <= :now", { now });
    if (options.q) {
      const plan = planSearch(options.q);
      if (!plan) return { items: [], nextCursor: null };
      applySearch(qb, 'a', plan);
    }
    const cursor = decodeNewsCursor(options.cursor, false);
    if (cursor) qb.andWhere('a.id < :cursorId', { cursorId: cursor.id });
    return keysetPage(
      (take) => qb.orderBy('a.id', 'DESC').limit(take).getMany(),
      options.limit,
      (last) => ({ id: last.id }),
    );
  }

  /**
   * How many articles have each bigram, counted up to `COMMON_TOKEN` (so a common one costs no more
   * than that): one row of scalar subqueries, the same SQL on SQLite and MariaDB.
   */
  async tokenCounts(tokens: readonly string[], em: EntityManager = this.dataSource.manager): Promise<Map<string, number>> {
    if (tokens.length === 0) return new Map();
    const columns = tokens.map(
      (_t, i) => `(SELECT COUNT(*) FROM (SELECT 1 AS one FROM news_search_token WHERE token = ? LIMIT ${COMMON_TOKEN}) x${i}) AS c${i}`,
    );
    const [row] = (await em.query(`SELECT ${columns.join(', ')}`, [...tokens])) as Array<Record<string, number | string>>;
    return new Map(tokens.map((token, i) => [token, Number(row?.[`c${i}`] ?? 0)]));
  }

  /** The streets of a page of articles, by id: one small query instead of a join. */
  async streetsOf(articles: readonly NewsArticle[], em: EntityManager = this.dataSource.manager): Promise<Map<number, Street>> {
    const ids = [...new Set(articles.map((a) => a.streetId))];
    const streets = ids.length ? await em.getRepository(Street).findBy({ id: In(ids) }) : [];
    return new Map(streets.map((s) => [s.id, s]));
  }

  async streetByCode(code: string, em: EntityManager = this.dataSource.manager): Promise<Street | null> {
    return em.getRepository(Street).findOneBy({ code });
  }
}

/** Published, or scheduled for a time that has come: no job flips the status, this condition does. */
export function visibleNews<T extends SelectQueryBuilder<NewsArticle>>(qb: T, alias: string, now: Date): T {
  qb.andWhere(`${alias}.status IN ('published', 'scheduled')`).andWhere(`${alias}.published_at <= :now`, { now });
  return qb;
}
