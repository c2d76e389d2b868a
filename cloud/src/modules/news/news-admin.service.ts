import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  AdminNewsQuery,
  AdminNewsView,
  CreateNewsInput,
  ImportNewsInput,
  NewsDraftView,
  Page,
  PublishNewsInput,
  UpdateNewsInput,
  Items,
} from '@manyi/shared';
import { NEWS_STAFF_ROLES } from '@manyi/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { PublicCache } from '../../common/cache/public-cache.js';
import { AppException } from '../../common/errors/app.exception.js';
import { AuditService } from '../audit/audit.service.js';
import type { StaffActor } from '../../common/actor.js';
import { Street } from '../directory/street.entity.js';
import { NewsArticle } from './news-article.entity.js';
import { parseNewsText } from './news-import.parser.js';
import { NewsSearchIndex } from './news-search-index.service.js';
import { searchTextOf } from './news-search.js';
import { mapAdminNews, mapDraft } from './news.mapper.js';
import { NewsRepository } from './news.repository.js';

/** Roles that manage news: a street's editor (their street only), the district's supervisors and admins (every street). */
export const NEWS_STAFF = NEWS_STAFF_ROLES;

const TARGET = (id: number) => ({ type: 'news_article', id });

/**
 * What editors do with news: drafts, edits, publishing now or at a time, taking back, deleting, and
 * importing pasted pages as drafts. Every write is audited in its own transaction.
 */
@Injectable()
export class NewsAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly searchIndex: NewsSearchIndex,
    private readonly audit: AuditService,
    private readonly cache: PublicCache,
    private readonly news: NewsRepository,
  ) {}

  async list(actor: StaffActor, query: AdminNewsQuery, now = new Date()): Promise<Page<AdminNewsView>> {
    const page = await this.news.adminPage(
      {
        ownStreetId: this.ownStreetId(actor),
        streetId: query.street ? (await this.streetFor(actor, query.street)).id : null,
        state: query.status,
        q: query.q,
        cursor: query.cursor,
        limit: query.limit,
      },
      now,
    );
    const streets = await this.news.streetsOf(page.items);
    return { items: page.items.map((a) => mapAdminNews(a, streets.get(a.streetId)!, now)), nextCursor: page.nextCursor };
  }

  async detail(actor: StaffActor, id: number, now = new Date()): Promise<AdminNewsView> {
    const article = await this.scoped(this.dataSource.manager, actor, id);
    return mapAdminNews(article, article.street!, now);
  }

  /** A new draft. `publishedAt` may be set now (the time it will carry); publishing is a separate step. */
  async create(actor: StaffActor, input: CreateNewsInput, now = new Date()): Promise<AdminNewsView> {
    const street = await this.streetFor(actor, input.street);
    return this.dataSource.transaction(async (em) => {
      const searchText = searchTextOf(input.title, input.body);
      const article = await em.save(
        em.create(NewsArticle, {
          streetId: street.id,
          title: input.title,
          body: input.body,
          source: input.source ?? null,
          status: 'draft',
          publishedAt: input.publishedAt ?? null,
          isDemo: false,
          searchText,
        }),
      );
      await this.searchIndex.writeTokens(em, article.id, searchText);
      await this.audit.record(em, actor, 'news.create', TARGET(article.id), { street: street.code, title: input.title });
      return mapAdminNews(article, street, now);
    });
  }

  /** Edits any field. A published or scheduled article keeps being out, at its (possibly new) time. */
  async update(actor: StaffActor, id: number, input: UpdateNewsInput, now = new Date()): Promise<AdminNewsView> {
    return this.published(async (em) => {
      const article = await this.scoped(em, actor, id);
      const changed = (Object.keys(input) as Array<keyof UpdateNewsInput>).filter((k) => input[k] !== undefined);
      if (input.title !== undefined) article.title = input.title;
      if (input.body !== undefined) article.body = input.body;
      if (input.source !== undefined) article.source = input.source;
      if (input.publishedAt !== undefined) {
        if (input.publishedAt === null && article.status !== 'draft') {
          throw new AppException('VALIDATION_FAILED', '已发布或定时发布的资讯必须有发布时间', [
            { path: 'publishedAt', message: '请填写发布时间' },
          ]);
        }
        article.publishedAt = input.publishedAt;
        if (article.status !== 'draft') article.status = article.publishedAt!.getTime() > now.getTime() ? 'scheduled' : 'published';
      }
      const reindex = input.title !== undefined || input.body !== undefined;
      if (reindex) article.searchText = searchTextOf(article.title, article.body);
      const saved = await em.save(article);
      if (reindex) await this.searchIndex.writeTokens(em, article.id, article.searchText!);
      await this.audit.record(em, actor, 'news.update', TARGET(id), { fields: changed });
      return mapAdminNews(saved, article.street!, now);
    });
  }

  /**
   * Publishes at `publishedAt`, else at the time the article already carries, else now. A time in the
   * future schedules it: it appears by itself when the time comes.
   */
  async publish(actor: StaffActor, id: number, input: PublishNewsInput, now = new Date()): Promise<AdminNewsView> {
    return this.published(async (em) => {
      const article = await this.scoped(em, actor, id);
      const at = input.publishedAt ?? article.publishedAt ?? now;
      article.publishedAt = at;
      article.status = at.getTime() > now.getTime() ? 'scheduled' : 'published';
      const saved = await em.save(article);
      await this.audit.record(em, actor, article.status === 'scheduled' ? 'news.schedule' : 'news.publish', TARGET(id), {
        publishedAt: at.toISOString(),
      });
      return mapAdminNews(saved, article.street!, now);
    });
  }

  /** Takes an article back to draft: residents no longer see it. */
  async unpublish(actor: StaffActor, id: number, now = new Date()): Promise<AdminNewsView> {
    return this.published(async (em) => {
      const article = await this.scoped(em, actor, id);
      article.status = 'draft';
      const saved = await em.save(article);
      await this.audit.record(em, actor, 'news.unpublish', TARGET(id));
      return mapAdminNews(saved, article.street!, now);
    });
  }

  async remove(actor: StaffActor, id: number): Promise<void> {
    await this.published(async (em) => {
      const article = await this.scoped(em, actor, id);
      await this.searchIndex.removeTokens(em, id);
      await em.delete(NewsArticle, { id });
      await this.audit.record(em, actor, 'news.delete', TARGET(id), { title: article.title, status: article.status });
    });
  }

  /** Pasted page or newsletter text → the draft articles found in it, not saved (the editor reviews them first). */
  async importDrafts(actor: StaffActor, input: ImportNewsInput): Promise<Items<NewsDraftView>> {
    const street = await this.streetFor(actor, input.street);
    const items = parseNewsText(input.text).flatMap((article) => mapDraft(article, street.code) ?? []);
    return { items };
  }

  /** A write that may change what residents read: once committed, the cached feed and articles go. */
  private published<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.cache.afterWrite(['news'], () => this.dataSource.transaction(work));
  }

  /** An editor's street (they manage only it), or null for roles that manage every street. */
  private ownStreetId(actor: StaffActor): number | null {
    if (actor.role !== 'editor') return null;
    if (actor.streetId === null) throw new AppException('FORBIDDEN', '账号未关联街道，不能管理资讯');
    return actor.streetId;
  }

  /** The street a write or filter names: an editor's own (the default), any for supervisors and admins. */
  private async streetFor(actor: StaffActor, code: string | undefined): Promise<Street> {
    const own = this.ownStreetId(actor);
    const streets = this.dataSource.getRepository(Street);
    if (code === undefined) {
      if (own === null) throw new AppException('VALIDATION_FAILED', '请选择街道', [{ path: 'street', message: '请选择街道' }]);
      return streets.findOneByOrFail({ id: own });
    }
    const street = await streets.findOneBy({ code });
    if (!street) throw new AppException('STREET_NOT_FOUND', `街道「${code}」不存在`);
    if (own !== null && street.id !== own) throw new AppException('NEWS_STREET_NOT_ALLOWED');
    return street;
  }

  /** An article the caller may manage; another street's article is answered as not found. */
  private async scoped(em: EntityManager, actor: StaffActor, id: number): Promise<NewsArticle> {
    const own = this.ownStreetId(actor);
    const article = await em.getRepository(NewsArticle).findOne({ where: { id }, relations: { street: true } });
    if (!article || (own !== null && article.streetId !== own)) throw new AppException('NEWS_NOT_FOUND');
    return article;
  }
}
