import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  shanghaiDate,
  type KnowledgeEntryInput,
  type KnowledgeEntryView,
  type KnowledgeListView,
  type KnowledgeQuery,
  type ReplyTemplateInput,
  type ReplyTemplateQuery,
  type ReplyTemplateView,
  type Items,
} from '@manyi/shared';
import { Brackets, In, type DataSource, type EntityManager } from 'typeorm';
import { AppException } from '../../common/errors/app.exception.js';
import { decodeRowCursor, keysetPage } from '../../database/keyset.js';
import { AuditService } from '../audit/audit.service.js';
import type { StaffActor } from '../../common/actor.js';
import { StaffAccount } from '../auth/staff-account.entity.js';
import { Category } from '../directory/category.entity.js';
import { applyTerms, bigramsOf, normalizeForSearch, planSearch } from '../news/news-search.js';
import { KnowledgeEntry, KnowledgeSearchToken } from './knowledge-entry.entity.js';
import { ReplyTemplate } from './reply-template.entity.js';

/** How many bigram rows go into one INSERT. */
const TOKEN_BATCH = 500;

/**
 * 答复模板 and 政策知识库: read by whoever writes replies, edited by supervisors and the role an admin
 * assigns (ADMIN_AREA_ROLES.knowledge); every change is audited in its own transaction. The knowledge
 * base is searched like news (news-search.ts): the same normaliser (简繁, full width, case) and bigrams,
 * in its own token table.
 */
@Injectable()
export class KnowledgeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** A category's templates and those for every category; without a category, all. */
  async templates(query: ReplyTemplateQuery): Promise<Items<ReplyTemplateView>> {
    const qb = this.dataSource.getRepository(ReplyTemplate).createQueryBuilder('t');
    if (query.categoryId !== undefined)
      qb.andWhere('(t.category_id = :categoryId OR t.category_id IS NULL)', { categoryId: query.categoryId });
    if (query.kind) qb.andWhere('t.kind = :kind', { kind: query.kind });
    const rows = await qb.orderBy('t.category_id', 'ASC').addOrderBy('t.id', 'ASC').getMany();
    return { items: await this.templateViews(rows) };
  }

  async createTemplate(actor: StaffActor, input: ReplyTemplateInput): Promise<ReplyTemplateView> {
    const saved = await this.dataSource.transaction(async (em) => {
      await this.assertCategory(em, input.categoryId);
      const row = await em.save(em.create(ReplyTemplate, { ...input, updatedById: actor.staffId }));
      await this.audit.record(em, actor, 'knowledge.template.create', { type: 'reply_template', id: row.id }, { after: input });
      return row;
    });
    return (await this.templateViews([saved]))[0]!;
  }

  async updateTemplate(actor: StaffActor, id: number, input: ReplyTemplateInput): Promise<ReplyTemplateView> {
    const saved = await this.dataSource.transaction(async (em) => {
      const row = await em.findOneBy(ReplyTemplate, { id });
      if (!row) throw new AppException('NOT_FOUND', '答复模板不存在');
      await this.assertCategory(em, input.categoryId);
      const before = { categoryId: row.categoryId, kind: row.kind, title: row.title, text: row.text };
      Object.assign(row, input, { updatedById: actor.staffId });
      await em.save(row);
      await this.audit.record(em, actor, 'knowledge.template.update', { type: 'reply_template', id }, { before, after: input });
      return row;
    });
    return (await this.templateViews([saved]))[0]!;
  }

  async deleteTemplate(actor: StaffActor, id: number): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const row = await em.findOneBy(ReplyTemplate, { id });
      if (!row) throw new AppException('NOT_FOUND', '答复模板不存在');
      await em.delete(ReplyTemplate, { id });
      await this.audit.record(
        em,
        actor,
        'knowledge.template.delete',
        { type: 'reply_template', id },
        {
          before: { categoryId: row.categoryId, kind: row.kind, title: row.title, text: row.text },
        },
      );
    });
  }

  /**
   * Newest first, or the entries whose title and text contain every word of `q` (simplified and
   * traditional alike); those past their `validUntil` only when asked for.
   */
  async entries(query: KnowledgeQuery, now = new Date()): Promise<KnowledgeListView> {
    const qb = this.dataSource.getRepository(KnowledgeEntry).createQueryBuilder('k');
    if (!query.expired) {
      const today = shanghaiDate(now);
      qb.andWhere(new Brackets((w) => w.where('k.valid_until IS NULL').orWhere('k.valid_until >= :today', { today })));
    }
    const plan = query.q ? planSearch(query.q) : null;
    if (plan) {
      if (plan.tokens.length > 0) {
        qb.innerJoin(
          (sub) =>
            sub
              .select('t.entry_id', 'entry_id')
              .from('knowledge_search_token', 't')
              .where('t.token IN (:...searchTokens)')
              .groupBy('t.entry_id')
              .having('COUNT(DISTINCT t.token) = :searchTokenCount'),
          'm',
          'm.entry_id = k.id',
        ).setParameters({ searchTokens: plan.tokens, searchTokenCount: plan.tokens.length });
      }
      applyTerms(qb, 'k', plan);
    }
    const cursor = decodeRowCursor(query.cursor);
    if (cursor) qb.andWhere('k.id < :beforeId', { beforeId: cursor.id });
    const page = await keysetPage(qb.orderBy('k.id', 'DESC'), query.limit, (last) => ({ id: last.id }));
    return { items: await this.entryViews(page.items, now), nextCursor: page.nextCursor };
  }

  async createEntry(actor: StaffActor, input: KnowledgeEntryInput): Promise<KnowledgeEntryView> {
    const saved = await this.dataSource.transaction(async (em) => {
      const row = await em.save(em.create(KnowledgeEntry, { ...input, updatedById: actor.staffId }));
      await this.index(em, row);
      await this.audit.record(em, actor, 'knowledge.entry.create', { type: 'knowledge_entry', id: row.id }, { after: summary(input) });
      return row;
    });
    return (await this.entryViews([saved]))[0]!;
  }

  async updateEntry(actor: StaffActor, id: number, input: KnowledgeEntryInput): Promise<KnowledgeEntryView> {
    const saved = await this.dataSource.transaction(async (em) => {
      const row = await em.findOneBy(KnowledgeEntry, { id });
      if (!row) throw new AppException('NOT_FOUND', '知识库条目不存在');
      const before = summary(row);
      Object.assign(row, input, { updatedById: actor.staffId });
      await em.save(row);
      await this.index(em, row);
      await this.audit.record(em, actor, 'knowledge.entry.update', { type: 'knowledge_entry', id }, { before, after: summary(input) });
      return row;
    });
    return (await this.entryViews([saved]))[0]!;
  }

  async deleteEntry(actor: StaffActor, id: number): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const row = await em.findOneBy(KnowledgeEntry, { id });
      if (!row) throw new AppException('NOT_FOUND', '知识库条目不存在');
      await em.delete(KnowledgeSearchToken, { entryId: id });
      await em.delete(KnowledgeEntry, { id });
      await this.audit.record(em, actor, 'knowledge.entry.delete', { type: 'knowledge_entry', id }, { before: summary(row) });
    });
  }

  /** The entry's normalised text and its bigrams, replaced in the entry's transaction. */
  private async index(em: EntityManager, row: KnowledgeEntry): Promise<void> {
    const searchText = [row.title, row.text, row.source].map(normalizeForSearch).join('\n');
    await em.query('UPDATE knowledge_entry SET search_text = ? WHERE id = ?', [searchText, row.id]);
    await em.delete(KnowledgeSearchToken, { entryId: row.id });
    const tokens = bigramsOf(searchText);
    for (let i = 0; i < tokens.length; i += TOKEN_BATCH)
      await em
        .createQueryBuilder()
        .insert()
        .into(KnowledgeSearchToken)
        .values(tokens.slice(i, i + TOKEN_BATCH).map((token) => ({ entryId: row.id, token })))
        .execute();
  }

  private async assertCategory(em: EntityManager, categoryId: number | null): Promise<void> {
    if (categoryId !== null && !(await em.existsBy(Category, { id: categoryId }))) throw new AppException('CATEGORY_NOT_FOUND');
  }

  private async templateViews(rows: ReplyTemplate[]): Promise<ReplyTemplateView[]> {
    const categoryIds = [...new Set(rows.map((r) => r.categoryId).filter((v): v is number => v !== null))];
    const [categories, names] = await Promise.all([
      categoryIds.length ? this.dataSource.getRepository(Category).findBy({ id: In(categoryIds) }) : [],
      this.editorNames(rows.map((r) => r.updatedById)),
    ]);
    const categoryName = new Map(categories.map((c) => [c.id, c.name]));
    return rows.map((r) => ({
      id: r.id,
      categoryId: r.categoryId,
      categoryName: r.categoryId === null ? null : (categoryName.get(r.categoryId) ?? null),
      kind: r.kind,
      title: r.title,
      text: r.text,
      updatedAt: r.updatedAt.toISOString(),
      updatedBy: r.updatedById === null ? null : (names.get(r.updatedById) ?? null),
    }));
  }

  private async entryViews(rows: KnowledgeEntry[], now = new Date()): Promise<KnowledgeEntryView[]> {
    const names = await this.editorNames(rows.map((r) => r.updatedById));
    const today = shanghaiDate(now);
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      text: r.text,
      source: r.source,
      validUntil: r.validUntil,
      expired: r.validUntil !== null && r.validUntil < today,
      updatedAt: r.updatedAt.toISOString(),
      updatedBy: r.updatedById === null ? null : (names.get(r.updatedById) ?? null),
    }));
  }

  private async editorNames(ids: Array<number | null>): Promise<Map<number, string>> {
    const unique = [...new Set(ids.filter((v): v is number => v !== null))];
    if (!unique.length) return new Map();
    const staff = await this.dataSource
      .getRepository(StaffAccount)
      .find({ where: { id: In(unique) }, select: { id: true, displayName: true } });
    return new Map(staff.map((s) => [s.id, s.displayName]));
  }
}

/** What the audit record keeps of an entry: its text is long, its length and the rest are enough to see the change. */
function summary(e: Pick<KnowledgeEntry, 'title' | 'text' | 'source' | 'validUntil'>): Record<string, unknown> {
  return { title: e.title, source: e.source, validUntil: e.validUntil, textLength: [...e.text].length };
}
