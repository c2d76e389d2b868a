import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  allowedActions,
  CO_HANDLER_TO_DO_STATUSES,
  CO_HANDLING_CONCERN_STATUSES,
  CONCERN_STATUSES,
  OUTSTANDING_CO_HANDLER_STATUSES,
  isFinalStatus,
  MULTI_REPORT_MIN_FOLLOWERS,
  type ConcernDetailView,
  type ConcernStatus,
  type ConcernSummaryView,
  type DuplicateCandidateView,
  type InboxCountsView,
  type InboxQuery,
  type Page,
} from '@manyi/shared';
import { Brackets, In, type DataSource, type SelectQueryBuilder } from 'typeorm';
import { FieldCipher } from '../../common/crypto/field-cipher.js';
import { AppException } from '../../common/errors/app.exception.js';
import { AuditService } from '../audit/audit.service.js';
import { DeadlineRulesService } from '../deadlines/deadline-rules.service.js';
import type { StaffActor } from '../../common/actor.js';
import { StaffAccount } from '../auth/staff-account.entity.js';
import { RoutingService } from '../directory/routing.service.js';
import { Street } from '../directory/street.entity.js';
import { followUpOf } from './concern-follow-up.service.js';
import { coHandlersOf, mapCoHandlers } from './concern-co-handlers.js';
import { ConcernEvent } from './concern-event.entity.js';
import { ConcernFollowers } from './concern-followers.js';
import { intakeViewOf } from './concern-intake.view.js';
import { ConcernIntake } from './concern-intake.entity.js';
import { applyConcernReadScope, applyConcernScope, applyTallyScope } from './concern-scope.js';
import { FINAL_TALLY_TABLE } from './concern-tallies.js';
import { Concern } from './concern.entity.js';
import { hiddenPhotoIds } from '../uploads/photo-visibility.js';
import { mapConcernDetail, mapConcernSummary, mapDuplicate, mapTimeline } from './concerns.mapper.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { PublicCaseCard } from './public-case-card.js';

const OPEN_STATUSES = CONCERN_STATUSES.filter((s) => !isFinalStatus(s));

/** What staff read: the inbox (scoped, filtered, most urgent first, keyset-paged) and the workbench detail. */
@Injectable()
export class ConcernInboxService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly routing: RoutingService,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly deadlines: DeadlineRulesService,
    private readonly followers: ConcernFollowers,
    private readonly publicCase: PublicCaseCard,
  ) {}

  async inbox(actor: StaffActor, query: InboxQuery, now = new Date()): Promise<Page<ConcernSummaryView>> {
    const qb = query.coHandling
      ? this.coHandlingQuery(actor)
      : applyConcernScope(this.dataSource.getRepository(Concern).createQueryBuilder('c'), actor);
    if (query.status?.length) qb.andWhere('c.status IN (:...statuses)', { statuses: query.status });
    if (query.street) {
      const street = await this.dataSource.getRepository(Street).findOneBy({ code: query.street });
      qb.andWhere('c.street_id = :street', { street: street?.id ?? -1 });
    }
    if (query.department) qb.andWhere('c.lead_department_id = :department', { department: query.department });
    if (query.category)
      qb.andWhere('(c.category_id = :category OR c.category_id IN (SELECT id FROM category WHERE parent_id = :category))', {
        category: query.category,
      });
    if (query.source) qb.andWhere('c.source = :source', { source: query.source });
    if (query.overdue !== undefined) qb.andWhere(query.overdue ? 'c.due_at < :now' : '(c.due_at IS NULL OR c.due_at >= :now)', { now });
    if (query.escalated !== undefined) qb.andWhere('c.escalated = :escalated', { escalated: query.escalated });
    if (query.q) {
      // '!' escapes % and _: a backslash is written '\\' in a MySQL literal but '\' in SQLite's, so no one spelling works on both.
      const like = `%${query.q.replace(/[!%_]/g, (ch) => `!${ch}`)}%`;
      qb.andWhere(
        new Brackets((w) =>
          w
            .where("c.title LIKE :like ESCAPE '!'", { like })
            .orWhere("c.code LIKE :like ESCAPE '!'", { like })
            .orWhere("c.description LIKE :like ESCAPE '!'", { like }),
        ),
      );
    }
    // 多人反映 (issue 17): at least MULTI_REPORT_MIN_FOLLOWERS followers, i.e. two people or more.
    if (query.multi) qb.andWhere('c.follower_count >= :minFollowers', { minFollowers: MULTI_REPORT_MIN_FOLLOWERS });
    if (query.sort === 'followers') return this.byFollowers(qb, query, now);
    // Most urgent first: earliest deadline (so overdue ones lead), then concerns without a clock, oldest first.
    // Read as two index walks rather than one sort: the concerns with a deadline in (due_at, id) order,
    // then — only if the page is not full — those without one in id order. Each stops after a page, so
    // the cost does not grow with the size of the scope (a single ORDER BY over both would sort it all).
    const cursor = decodeCursor(query.cursor);
    const take = query.limit + 1;
    let rows: Concern[] = [];
    if (!cursor || cursor.due != null) {
      const withDeadline = qb.clone().andWhere('c.due_at IS NOT NULL');
      if (cursor) {
        const due = new Date(cursor.due!);
        // The redundant `due_at >= :cdue` gives the database a range to start the walk from.
        withDeadline
          .andWhere('c.due_at >= :cdue', { cdue: due })
          .andWhere(new Brackets((w) => w.where('c.due_at > :cdue', { cdue: due }).orWhere('c.id > :cid', { cid: cursor.id })));
      }
      rows = await withDeadline.orderBy('c.due_at', 'ASC').addOrderBy('c.id', 'ASC').take(take).getMany();
    }
    if (rows.length < take) {
      const withoutDeadline = qb.clone().andWhere('c.due_at IS NULL');
      if (cursor && cursor.due == null) withoutDeadline.andWhere('c.id > :cid', { cid: cursor.id });
      rows.push(
        ...(await withoutDeadline
          .orderBy('c.id', 'ASC')
          .take(take - rows.length)
          .getMany()),
      );
    }
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    return {
      items: items.map((c) => mapConcernSummary(c, this.deadlines.calendar(), now)),
      nextCursor: rows.length > query.limit && last ? encodeCursor({ id: last.id, due: last.dueAt ? last.dueAt.getTime() : null }) : null,
    };
  }

  /** Most followed first, then newest: keyset on (follower_count, id), walking idx_concern_followers backwards. */
  private async byFollowers(qb: SelectQueryBuilder<Concern>, query: InboxQuery, now: Date): Promise<Page<ConcernSummaryView>> {
    const cursor = decodeCursor(query.cursor);
    if (cursor) {
      const followers = cursor.followers ?? 0;
      qb.andWhere(
        new Brackets((w) =>
          w
            .where('c.follower_count < :cfollowers', { cfollowers: followers })
            .orWhere('(c.follower_count = :cfollowers AND c.id < :cid)', { cfollowers: followers, cid: cursor.id }),
        ),
      );
    }
    const rows = await qb
      .orderBy('c.follower_count', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .take(query.limit + 1)
      .getMany();
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    return {
      items: items.map((c) => mapConcernSummary(c, this.deadlines.calendar(), now)),
      nextCursor: rows.length > query.limit && last ? encodeCursor({ id: last.id, followers: last.followerCount }) : null,
    };
  }

  /**
   * 待协办: for a handler, the concerns their department co-handles and has still to sign for or add its
   * part to (whoever leads them); for triage, the concerns in scope whose co-handling is outstanding.
   * Either way only while a department holds the concern.
   */
  private coHandlingQuery(actor: StaffActor) {
    const qb = this.dataSource.getRepository(Concern).createQueryBuilder('c');
    const handled = { handled: CO_HANDLING_CONCERN_STATUSES };
    if (actor.role === 'handler') {
      return qb
        .where('c.status IN (:...handled)', handled)
        .andWhere(
          'EXISTS (SELECT 1 FROM concern_co_handler h WHERE h.concern_id = c.id AND h.department_id = :coDepartment AND h.status IN (:...coToDo))',
          { coDepartment: actor.departmentId ?? -1, coToDo: CO_HANDLER_TO_DO_STATUSES },
        );
    }
    return applyConcernScope(qb, actor)
      .andWhere('c.status IN (:...handled)', handled)
      .andWhere('EXISTS (SELECT 1 FROM concern_co_handler h WHERE h.concern_id = c.id AND h.status IN (:...coOutstanding))', {
        coOutstanding: OUTSTANDING_CO_HANDLER_STATUSES,
      });
  }

  async detail(actor: StaffActor, id: number): Promise<ConcernDetailView> {
    // A co-handling department reads the concern too; it acts on its own part only (coHandlers[].actions).
    const concern = await this.scoped(actor, id, 'read');
    // Once the scope check has passed, the rest is read side by side rather than one round trip after another.
    const [{ events, staff }, suggestion, hidden, coHandlers] = await Promise.all([
      this.timelineWithStaffNames(id),
      this.routing.suggest(concern.categoryId, concern.streetId, concern.compoundId),
      hiddenPhotoIds(this.dataSource.manager, concern.photoIds),
      coHandlersOf(this.dataSource.manager, id),
    ]);
    const leads = actor.role !== 'handler' || concern.leadDepartmentId === actor.departmentId;
    const intake = await intakeViewOf(this.dataSource.manager, concern);
    // 附议 and 公开案例 (issue 17).
    const [followerRatings, publicCase] = await Promise.all([
      this.followers.ratingsSummary(concern.id),
      this.publicCase.adminView(concern, events),
    ]);
    return mapConcernDetail(
      concern,
      this.deadlines.calendar(),
      mapTimeline(events, 'staff', new Map(staff.map((s) => [s.id, s.displayName]))),
      concern.phoneMasked,
      {
        allowedActions: leads ? allowedActions(concern.status, actor.role) : [],
        suggestedDepartmentId: suggestion?.leadDepartmentId ?? null,
        suggestedCoHandlerIds: suggestion?.coHandlerIds ?? [],
        pendingExtensionDays: concern.pendingExtensionDays,
        contentReview: concern.contentReview,
        hiddenPhotoIds: hidden,
        intake,
        coHandlerIds: coHandlers.filter((h) => h.status !== 'released').map((h) => h.departmentId),
        coHandlers: mapCoHandlers(coHandlers, concern.status, actor),
        // 先联系 and 回访 (issue 19).
        ...(await followUpOf(this.dataSource.manager, concern)),
        publishConsent: concern.publishConsent,
        followerRatings,
        publicCase,
      },
    );
  }

  private async timelineWithStaffNames(
    id: number,
  ): Promise<{ events: ConcernEvent[]; staff: Array<Pick<StaffAccount, 'id' | 'displayName'>> }> {
    const events = await this.dataSource.getRepository(ConcernEvent).find({ where: { concernId: id }, order: { id: 'ASC' } });
    const staffIds = [...new Set(events.filter((e) => e.actorId !== null && e.actorRole !== 'resident').map((e) => e.actorId!))];
    const staff = staffIds.length
      ? await this.dataSource.getRepository(StaffAccount).find({ where: { id: In(staffIds) }, select: { id: true, displayName: true } })
      : [];
    return { events, staff };
  }

  /**
   * The saved views' badges and the inbox's change signal. `changeToken` is the count, the sum of
   * versions (every workflow step bumps one) and the sum of ids (a concern arriving in or leaving the
   * scope moves it), so any step in scope changes the token. Read in three small parts, none of which
   * reads the finished concerns (most of the table): the open ones grouped by status from an index that
   * holds every column counted; the finished ones from concern_final_tally, which the workflow step keeps
   * (it is the only way into, out of or within a final status); and 已超期 from the deadline index.
   * A finished concern's version is the one of its last step, so an edit outside the workflow (an
   * account deletion's redaction) does not move the token for finished concerns; for open ones it does.
   */
  async counts(actor: StaffActor, now = new Date()): Promise<InboxCountsView> {
    type Raw = { status: string; n: unknown; versions: unknown; ids: unknown; escalated: unknown };
    const [open, finished, overdue, coHandling] = await Promise.all([
      applyConcernScope(this.dataSource.getRepository(Concern).createQueryBuilder('c'), actor)
        .andWhere('c.status IN (:...open)', { open: OPEN_STATUSES })
        .select('c.status', 'status')
        .addSelect('COUNT(*)', 'n')
        .addSelect('SUM(c.version)', 'versions')
        .addSelect('SUM(c.id)', 'ids')
        .addSelect('SUM(CASE WHEN c.escalated = :yes THEN 1 ELSE 0 END)', 'escalated')
        .setParameter('yes', true)
        .groupBy('c.status')
        .getRawMany<Raw>(),
      applyTallyScope(this.dataSource.createQueryBuilder().from(FINAL_TALLY_TABLE, 't'), actor, 't')
        .select('t.status', 'status')
        .addSelect('SUM(t.concerns)', 'n')
        .addSelect('SUM(t.version_sum)', 'versions')
        .addSelect('SUM(t.id_sum)', 'ids')
        .addSelect('SUM(t.escalated)', 'escalated')
        .groupBy('t.status')
        .getRawMany<Raw>(),
      applyConcernScope(this.dataSource.getRepository(Concern).createQueryBuilder('c'), actor)
        .andWhere('c.due_at < :now', { now })
        .getCount(),
      // 待协办, with its versions: a co-handling step on a concern outside the lead scope moves the token too.
      this.coHandlingQuery(actor)
        .select('COUNT(*)', 'n')
        .addSelect('SUM(c.version)', 'versions')
        .getRawOne<{ n: unknown; versions: unknown }>(),
    ]);
    const byStatus = Object.fromEntries(CONCERN_STATUSES.map((status) => [status, 0])) as Record<ConcernStatus, number>;
    let total = 0;
    let versions = 0;
    let ids = 0;
    let escalated = 0;
    for (const row of [...open, ...finished]) {
      // MariaDB answers SUM/COUNT as strings (DECIMAL/BIGINT), SQLite as numbers.
      const n = Number(row.n);
      if ((CONCERN_STATUSES as readonly string[]).includes(row.status)) byStatus[row.status as ConcernStatus] += n;
      total += n;
      versions += Number(row.versions);
      ids += Number(row.ids);
      escalated += Number(row.escalated);
    }
    const coHandlingCount = Number(coHandling?.n ?? 0);
    return {
      total,
      byStatus,
      overdue,
      escalated,
      coHandling: coHandlingCount,
      changeToken: `${total}.${versions}.${ids}.${coHandlingCount}.${Number(coHandling?.versions ?? 0)}`,
    };
  }

  /**
   * 疑似重复: other open concerns of the same compound and category in the caller's scope, newest
   * first — the candidates a dispatcher would merge this one into. Confidential ones are included: staff see them anyway.
   */
  async duplicates(actor: StaffActor, id: number): Promise<{ items: DuplicateCandidateView[] }> {
    const concern = await this.scoped(actor, id);
    const rows = await applyConcernScope(this.dataSource.getRepository(Concern).createQueryBuilder('c'), actor)
      .andWhere('c.id <> :id', { id })
      .andWhere('c.compound_id = :compound', { compound: concern.compoundId })
      .andWhere('c.category_id = :category', { category: concern.categoryId })
      .andWhere('c.status IN (:...open)', { open: CONCERN_STATUSES.filter((s) => !isFinalStatus(s)) })
      .orderBy('c.id', 'DESC')
      .take(5)
      .getMany();
    return { items: rows.map(mapDuplicate) };
  }

  /** 查看完整号码: a separate, audited action, for the roles that contact residents; with the name staff took down for a 代录. */
  async revealPhone(actor: StaffActor, id: number): Promise<{ phone: string | null; contactName: string | null }> {
    if (actor.role !== 'dispatcher' && actor.role !== 'handler' && actor.role !== 'supervisor') throw new AppException('FORBIDDEN');
    return this.dataSource.transaction(async (em) => {
      const concern = await applyConcernScope(
        em.getRepository(Concern).createQueryBuilder('c').where('c.id = :id', { id }),
        actor,
      ).getOne();
      if (!concern) throw new AppException('CONCERN_NOT_FOUND');
      await this.audit.record(em, actor, 'concern.reveal-phone', { type: 'concern', id });
      const intake = await em.findOne(ConcernIntake, { where: { concernId: id }, select: { id: true, contactNameEncrypted: true } });
      return {
        phone: concern.phoneEncrypted ? this.cipher.decrypt(concern.phoneEncrypted) : null,
        contactName: intake?.contactNameEncrypted ? this.cipher.decrypt(intake.contactNameEncrypted) : null,
      };
    });
  }

  private async scoped(actor: StaffActor, id: number, scope: 'lead' | 'read' = 'lead'): Promise<Concern> {
    const qb = this.dataSource.getRepository(Concern).createQueryBuilder('c').where('c.id = :id', { id });
    const concern = await (scope === 'read' ? applyConcernReadScope(qb, actor) : applyConcernScope(qb, actor)).getOne();
    if (!concern) throw new AppException('CONCERN_NOT_FOUND');
    return concern;
  }
}
