import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  boardPeriod,
  maskPersonal,
  shanghaiDate,
  shanghaiDaysBetween,
  type BoardCaseView,
  type BoardQuery,
  type BoardRatesView,
  type BoardView,
  type PublicCaseAdminView,
  type PublishCaseInput,
} from '@manyi/shared';
import { Brackets, In, type DataSource, type EntityManager } from 'typeorm';
import { AppException } from '../../common/errors/app.exception.js';
import { decodeRowCursor, keysetPage } from '../../database/keyset.js';
import { entityRows, readRaw } from '../../database/plain-rows.js';
import { AuditService } from '../audit/audit.service.js';
import type { StaffActor } from '../../common/actor.js';
import { ConcernEvent } from '../concerns/concern-event.entity.js';
import { ConcernRatesService } from '../concerns/concern-rates.service.js';
import { applyConcernScope } from '../concerns/concern-scope.js';
import { Concern } from '../concerns/concern.entity.js';
import { publishedPhotoIds } from '../concerns/concerns.mapper.js';
import type { PublicCaseCard } from '../concerns/public-case-card.js';
import { Category } from '../directory/category.entity.js';
import { Compound } from '../directory/compound.entity.js';
import { Street } from '../directory/street.entity.js';
import { hiddenPhotoIds } from '../uploads/photo-visibility.js';
import { ConcernPublicCase } from './concern-public-case.entity.js';

/** Who may see the whole district's counts: the board's rates are the street's, read as a supervisor would. */
const DISTRICT: StaffActor = { kind: 'staff', staffId: 0, username: 'board', role: 'supervisor', streetId: null, departmentId: null };

/** May be shown: closed, not confidential, the reporter agreed. Checked again on every read of the board. */
function eligible(c: Pick<Concern, 'status' | 'confidential' | 'publishConsent'>): boolean {
  return c.status === 'closed' && !c.confidential && c.publishConsent;
}

/** The last published reply: its text and photos (approve-reply carries them). */
function publishedReply(events: Pick<ConcernEvent, 'action' | 'publicText' | 'data' | 'createdAt'>[]) {
  const approved = events.filter((e) => e.action === 'approve-reply').at(-1);
  return approved ? { text: approved.publicText ?? '', photoIds: publishedPhotoIds(approved), at: approved.createdAt } : null;
}

/** 已办结: the street's public board, and staff's publication of a closed concern on it (公开案例). */
@Injectable()
export class BoardService implements PublicCaseCard {
  /** The dashboard's rates service itself (it needs only the data source; made here to keep the modules apart). */
  private readonly rates: ConcernRatesService;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {
    this.rates = new ConcernRatesService(dataSource);
  }

  /** Published cases of a street, newest published first, keyset paged on (published_at, concern id). */
  async board(query: BoardQuery, now = new Date()): Promise<BoardView> {
    const street = await this.dataSource.getRepository(Street).findOneBy({ code: query.street });
    if (!street) throw new AppException('STREET_NOT_FOUND');
    const qb = this.dataSource
      .getRepository(ConcernPublicCase)
      .createQueryBuilder('p')
      .innerJoin(Concern, 'c', 'c.id = p.concern_id')
      .where('p.street_id = :street', { street: street.id })
      .andWhere('p.withdrawn_at IS NULL')
      // Whatever happened since it was approved (a concern reopened, made confidential), only what may be shown is.
      .andWhere("c.status = 'closed'")
      .andWhere('c.confidential = :no', { no: false })
      .andWhere('c.publish_consent = :yes', { yes: true });
    const cursor = decodeRowCursor(query.cursor);
    if (cursor) {
      const at = new Date(cursor.due ?? 0);
      qb.andWhere(
        new Brackets((w) =>
          w.where('p.published_at < :at', { at }).orWhere('(p.published_at = :at AND p.concern_id < :cid)', { at, cid: cursor.id }),
        ),
      );
    }
    const page = await keysetPage(qb.orderBy('p.published_at', 'DESC').addOrderBy('p.concern_id', 'DESC'), query.limit, (last) => ({
      id: last.concernId,
      due: last.publishedAt.getTime(),
    }));
    const [items, rates] = await Promise.all([this.cases(page.items), cursor ? null : this.streetRates(street.code, now)]);
    return {
      street: { id: street.id, code: street.code, name: street.name },
      rates,
      items,
      nextCursor: page.nextCursor,
    };
  }

  /** The street's three rates over the board's period, by the dashboard's own service. */
  async streetRates(streetCode: string, now = new Date()): Promise<BoardRatesView> {
    const period = boardPeriod(shanghaiDate(now));
    const { total } = await this.rates.rates(DISTRICT, { ...period, street: streetCode }, []);
    const { key: _key, name: _name, responseRate, resolutionRate, satisfactionRate, ...counts } = total;
    return { ...period, responseRate, resolutionRate, satisfactionRate, counts };
  }

  private async cases(rows: ConcernPublicCase[]): Promise<BoardCaseView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.concernId);
    const concerns = await this.dataSource.getRepository(Concern).findBy({ id: In(ids) });
    const [categories, compounds, events] = await Promise.all([
      this.dataSource.getRepository(Category).findBy({ id: In([...new Set(concerns.map((c) => c.categoryId))]) }),
      this.dataSource.getRepository(Compound).findBy({ id: In([...new Set(concerns.map((c) => c.compoundId))]) }),
      this.dataSource.getRepository(ConcernEvent).find({
        where: { concernId: In(ids), action: In(['accept', 'approve-reply']) },
        order: { id: 'ASC' },
        select: { id: true, concernId: true, action: true, publicText: true, data: true, createdAt: true },
      }),
    ]);
    const byId = new Map(concerns.map((c) => [c.id, c]));
    const categoryName = new Map(categories.map((c) => [c.id, c.name]));
    const compoundName = new Map(compounds.map((c) => [c.id, c.name]));
    return rows.map((row) => {
      const c = byId.get(row.concernId)!;
      const own = events.filter((e) => e.concernId === c.id);
      const acceptedAt = own.find((e) => e.action === 'accept')?.createdAt ?? null;
      const repliedAt = publishedReply(own)?.at ?? null;
      return {
        id: c.id,
        code: c.code ?? '',
        category: { id: c.categoryId, name: categoryName.get(c.categoryId) ?? '' },
        compound: { id: c.compoundId, name: compoundName.get(c.compoundId) ?? '' },
        // Masked again on the way out: a text saved before a pattern was added is covered too.
        text: maskPersonal(row.publicText, { namesLike: true }),
        reply: maskPersonal(row.publicReply, { namesLike: true }),
        photoIds: row.photoIds,
        clock: {
          submittedAt: c.createdAt.toISOString(),
          acceptedAt: acceptedAt?.toISOString() ?? null,
          repliedAt: repliedAt?.toISOString() ?? null,
          closedAt: c.closedAt?.toISOString() ?? null,
          daysToAccept: shanghaiDaysBetween(c.createdAt, acceptedAt),
          daysToReply: shanghaiDaysBetween(c.createdAt, repliedAt),
          daysToClose: shanghaiDaysBetween(c.createdAt, c.closedAt),
          deadline: c.resolveDueAt?.toISOString() ?? null,
          onTime: repliedAt && c.resolveDueAt ? repliedAt.getTime() <= c.resolveDueAt.getTime() : null,
        },
        publishedAt: row.publishedAt.toISOString(),
      };
    });
  }

  /** A photo of a published case on the board (public): only one staff chose, of a case still shown. */
  async isBoardPhoto(photoId: number): Promise<boolean> {
    const rows = await this.dataSource
      .getRepository(ConcernPublicCase)
      .createQueryBuilder('p')
      .innerJoin(Concern, 'c', 'c.id = p.concern_id')
      .where('p.withdrawn_at IS NULL')
      .andWhere("c.status = 'closed'")
      .andWhere('c.confidential = :no', { no: false })
      .andWhere('c.publish_consent = :yes', { yes: true })
      .andWhere('p.photo_ids LIKE :like', { like: `%${photoId}%` })
      .getMany();
    return rows.some((r) => r.photoIds.includes(photoId));
  }

  /** The workbench's 公开案例 card: what is (or would be) published, and whether it may be. */
  async adminView(concern: Concern, events: ConcernEvent[], em: EntityManager = this.dataSource.manager): Promise<PublicCaseAdminView> {
    // Side by side, in plain SQL: the staff detail shows this card on every open (plain-rows.ts).
    const cases = entityRows(em, ConcernPublicCase);
    const [row, names, candidatePhotoIds] = await Promise.all([
      cases.readOne(`SELECT ${cases.columns('p')} FROM concern_public_case p WHERE p.concern_id = :concernId`, { concernId: concern.id }),
      this.namesOf(em, concern),
      this.candidatePhotoIds(em, concern, events),
    ]);
    const reply = publishedReply(events);
    return {
      consent: concern.publishConsent,
      eligible: eligible(concern),
      status: !row ? 'unpublished' : row.withdrawnAt ? 'withdrawn' : 'published',
      text: row ? row.publicText : maskPersonal(concern.description, { names, namesLike: true }),
      reply: row ? row.publicReply : maskPersonal(reply?.text ?? '', { names, namesLike: true }),
      photoIds: row?.photoIds ?? [],
      candidatePhotoIds,
      publishedAt: row?.publishedAt.toISOString() ?? null,
      withdrawnAt: row?.withdrawnAt?.toISOString() ?? null,
    };
  }

  /**
   * 公开: a dispatcher of the street or a supervisor publishes a closed, non-confidential concern whose
   * reporter agreed; the texts are masked whatever staff sent. Publishing again replaces what is shown.
   */
  async publish(actor: StaffActor, concernId: number, input: PublishCaseInput, now = new Date()): Promise<PublicCaseAdminView> {
    return this.dataSource.transaction(async (em) => {
      const concern = await this.scoped(em, actor, concernId);
      if (!eligible(concern)) throw new AppException('PUBLISH_CASE_NOT_ALLOWED');
      const events = await em.find(ConcernEvent, { where: { concernId }, order: { id: 'ASC' } });
      const candidates = new Set(await this.candidatePhotoIds(em, concern, events));
      const photoIds = [...new Set(input.photoIds)];
      if (photoIds.some((p) => !candidates.has(p))) throw new AppException('PUBLISH_CASE_PHOTO_INVALID');
      const names = await this.namesOf(em, concern);
      const publicText = maskPersonal(input.text ?? concern.description, { names, namesLike: true });
      const publicReply = maskPersonal(input.reply ?? publishedReply(events)?.text ?? '', { names, namesLike: true });
      await em.delete(ConcernPublicCase, { concernId });
      await em.insert(ConcernPublicCase, {
        concernId,
        streetId: concern.streetId,
        publicText,
        publicReply,
        photoIds,
        publishedBy: actor.staffId,
        publishedAt: now,
        withdrawnAt: null,
      });
      await this.audit.record(
        em,
        actor,
        'concern.publish-case',
        { type: 'concern', id: concernId },
        {
          photoIds,
          textEdited: input.text !== undefined,
          replyEdited: input.reply !== undefined,
        },
      );
      return this.adminView(concern, events, em);
    });
  }

  /** 撤回: the case leaves the board at once; withdrawing it again changes nothing. */
  async unpublish(actor: StaffActor, concernId: number, now = new Date()): Promise<PublicCaseAdminView> {
    return this.dataSource.transaction(async (em) => {
      const concern = await this.scoped(em, actor, concernId);
      const row = await em.findOneBy(ConcernPublicCase, { concernId });
      if (!row) throw new AppException('PUBLIC_CASE_NOT_PUBLISHED');
      if (!row.withdrawnAt) {
        await em.update(ConcernPublicCase, { concernId }, { withdrawnAt: now });
        await this.audit.record(
          em,
          actor,
          'concern.unpublish-case',
          { type: 'concern', id: concernId },
          { publishedAt: row.publishedAt.toISOString() },
        );
      }
      const events = await em.find(ConcernEvent, { where: { concernId }, order: { id: 'ASC' } });
      return this.adminView(concern, events, em);
    });
  }

  private async scoped(em: EntityManager, actor: StaffActor, id: number): Promise<Concern> {
    const concern = await applyConcernScope(
      em.getRepository(Concern).createQueryBuilder('c').where('c.id = :tid', { tid: id }),
      actor,
    ).getOne();
    if (!concern) throw new AppException('CONCERN_NOT_FOUND');
    return concern;
  }

  /** The reporter's photos and the published reply's, less those WeChat's image check hid. */
  private async candidatePhotoIds(em: EntityManager, concern: Concern, events: ConcernEvent[]): Promise<number[]> {
    const all = [...new Set([...concern.photoIds, ...(publishedReply(events)?.photoIds ?? [])])];
    const hidden = new Set(await hiddenPhotoIds(em, all));
    return all.filter((p) => !hidden.has(p));
  }

  /** The reporter's WeChat nickname: hidden wherever it appears in the public text. */
  private async namesOf(em: EntityManager, concern: Concern): Promise<string[]> {
    if (concern.residentId === null) return [];
    const [resident] = await readRaw<{ nickname: string | null }>(em, 'SELECT r.nickname AS nickname FROM resident r WHERE r.id = :id', {
      id: concern.residentId,
    });
    return resident?.nickname ? [resident.nickname] : [];
  }
}
