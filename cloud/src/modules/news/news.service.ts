import { Injectable } from '@nestjs/common';
import type { NewsDetailView, NewsQuery, NewsSummaryView, Page } from '@manyi/shared';
import { AppException } from '../../common/errors/app.exception.js';
import { NewsRepository } from './news.repository.js';
import { mapNewsDetail, mapNewsSummary } from './news.mapper.js';

/** What residents read: published news (scheduled ones once their time has come), newest first. */
@Injectable()
export class NewsService {
  constructor(private readonly news: NewsRepository) {}

  /** When the next scheduled article comes out, or null when none is waiting. */
  nextScheduledAt(now: Date): Promise<Date | null> {
    return this.news.nextScheduledAt(now);
  }

  async list(query: NewsQuery, now = new Date()): Promise<Page<NewsSummaryView>> {
    const streetId = query.street ? (await this.street(query.street)).id : null;
    const page = await this.news.visiblePage({ streetId, q: query.q, cursor: query.cursor, limit: query.limit }, now);
    const streets = await this.news.streetsOf(page.items);
    return { items: page.items.map((a) => mapNewsSummary(a, streets.get(a.streetId)!)), nextCursor: page.nextCursor };
  }

  async detail(id: number, now = new Date()): Promise<NewsDetailView> {
    const article = await this.news.visibleById(id, now);
    if (!article) throw new AppException('NEWS_NOT_FOUND');
    return mapNewsDetail(article, article.street!);
  }

  private async street(code: string) {
    const street = await this.news.streetByCode(code);
    if (!street) throw new AppException('STREET_NOT_FOUND', `街道「${code}」不存在`);
    return street;
  }
}
