import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CO_HANDLER_TO_DO_STATUSES,
  CO_HANDLING_CONCERN_STATUSES,
  CONCERN_STATUSES,
  OUTSTANDING_CO_HANDLER_STATUSES,
  isFinalStatus,
  MULTI_REPORT_MIN_FOLLOWERS,
  NO_APP_SOURCES,
  REOPENS_BEFORE_ESCALATION,
  RETURNS_BEFORE_ESCALATION,
  type CallbackQueueQuery,
  type EscalationsQuery,
  type InboxQuery,
} from '@manyi/shared';
import { Brackets, type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { decodeRowCursor, keysetPage, type KeysetPage } from '../../database/keyset.js';
import { LIKE_ESCAPE, likeContains } from '../../database/like.js';
import { entityRows } from '../../database/plain-rows.js';
import { staffNames } from '../auth/staff-names.js';
import type { StaffActor } from '../../common/actor.js';
import { Street } from '../directory/street.entity.js';
import { ConcernEvent } from './concern-event.entity.js';
import { applyConcernScope, applyTallyScope, concernReadScopeCondition, concernScopeCondition } from './concern-scope.js';
import { FINAL_TALLY_TABLE } from './concern-tallies.js';
import { Concern } from './concern.entity.js';

const OPEN_STATUSES = CONCERN_STATUSES.filter((s) => !isFinalStatus(s));

/** One status's concerns in a scope: how many, and the sums of their versions, ids and escalations. */
export interface StatusTotals {
  status: string;
  concerns: number;
  versions: number;
  ids: number;
  escalated: number;
}

/** What the inbox's badges and change signal are made of (ConcernInboxService.counts). */
export interface InboxTotals {
  /** Per status: the open ones from the concerns, the finished ones from concern_final_tally. */
  byStatus: StatusTotals[];
  overdue: number;
  /** 待协办, with the sum of its versions. */
  coHandling: { concerns: number; versions: number };
}

/**
 * The staff's reads of concerns: the inbox and its counts, the 回访 queue and the 督办 list, one concern
 * in scope, its duplicates and its timeline.
 */
@Injectable()
export class ConcernInboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The inbox: the concerns in the caller's scope that match `query`, most urgent (or most followed) first, keyset-paged. */
  async inbox(actor: StaffActor, query: InboxQuery, now: Date, em: EntityManager = this.dataSource.manager): Promise<KeysetPage<Concern>> {
    const qb = query.coHandling
      ? this.coHandlingQuery(actor, em)
      : applyConcernScope(em.getRepository(Concern).createQueryBuilder('c'), actor);
    if (query.status?.length) qb.andWhere('c.status IN (:...statuses)', { statuses: query.status });
    if (query.street) {
      const street = await em.getRepository(Street).findOneBy({ code: query.street });
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
      const like = likeContains(query.q);
      qb.andWhere(
        new Brackets((w) =>
          w
            .where(`c.title LIKE :like ${LIKE_ESCAPE}`, { like })
            .orWhere(`c.code LIKE :like ${LIKE_ESCAPE}`, { like })
            .orWhere(`c.description LIKE :like ${LIKE_ESCAPE}`, { like }),
        ),
      );
    }
    // 多人反映 (issue 17): at least MULTI_REPORT_MIN_FOLLOWERS followers, i.e. two people or more.
    if (query.multi) qb.andWhere('c.follower_count >= :minFollowers', { minFollowers: MULTI_REPORT_MIN_FOLLOWERS });
    if (query.sort === 'followers') return this.byFollowers(qb, query);
    // Most urgent first: earliest deadline (so overdue ones lead), then concerns without a clock, oldest first.
    // Read as two index walks rather than one sort: the concerns with a deadline in (due_at, id) order,
    // then — only if the page is not full — those without one in id order. Each stops after a page, so
    // the cost does not grow with the size of the scope (a single ORDER BY over both would sort it all).
    const cursor = decodeRowCursor(query.cursor);
    const read = async (take: number): Promise<Concern[]> => {
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
      return rows;
    };
    return keysetPage(read, query.limit, (last) => ({ id: last.id, due: last.dueAt ? last.dueAt.getTime() : null }));
  }

  /** Most followed first, then newest: keyset on (follower_count, id), walking idx_concern_followers backwards. */
  private async byFollowers(qb: SelectQueryBuilder<Concern>, query: InboxQuery): Promise<KeysetPage<Concern>> {
    const cursor = decodeRowCursor(query.cursor);
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
    return keysetPage(qb.orderBy('c.follower_count', 'DESC').addOrderBy('c.id', 'DESC'), query.limit, (last) => ({
      id: last.id,
      followers: last.followerCount,
    }));
  }

  /**
   * 待协办: for a handler, the concerns their department co-handles and has still to sign for or add its
   * part to (whoever leads them); for triage, the concerns in scope whose co-handling is outstanding.
   * Either way only while a department holds the concern.
   */
  private coHandlingQuery(actor: StaffActor, em: EntityManager): SelectQueryBuilder<Concern> {
    const qb = em.getRepository(Concern).createQueryBuilder('c');
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

  /**
   * 回访队列: the caller's concerns awaiting their rating whose reply was published before
   * `publishedBefore`, and every one from a channel without the app (NO_APP_SOURCES) at once — oldest
   * published first, keyset-paged on (due_from, id).
   */
  async callbackQueue(
    actor: StaffActor,
    query: CallbackQueueQuery,
    publishedBefore: Date,
    em: EntityManager = this.dataSource.manager,
  ): Promise<KeysetPage<Concern>> {
    const qb = applyConcernScope(em.getRepository(Concern).createQueryBuilder('c'), actor).andWhere("c.status = 'awaiting_rating'");
    if (query.street) {
      const street = await em.getRepository(Street).findOneBy({ code: query.street });
      qb.andWhere('c.street_id = :street', { street: street?.id ?? -1 });
    }
    if (query.reason === 'no_app') qb.andWhere('c.source IN (:...noApp)', { noApp: NO_APP_SOURCES });
    else if (query.reason === 'unrated')
      qb.andWhere('c.source NOT IN (:...noApp) AND c.due_from <= :publishedBefore', { noApp: NO_APP_SOURCES, publishedBefore });
    else qb.andWhere('(c.source IN (:...noApp) OR c.due_from <= :publishedBefore)', { noApp: NO_APP_SOURCES, publishedBefore });
    const cursor = decodeRowCursor(query.cursor);
    if (cursor) {
      const after = new Date(cursor.due ?? 0);
      qb.andWhere('(c.due_from > :after OR (c.due_from = :after AND c.id > :afterId))', { after, afterId: cursor.id });
    }
    return keysetPage(qb.orderBy('c.due_from', 'ASC').addOrderBy('c.id', 'ASC'), query.limit, (last) => ({
      id: last.id,
      due: (last.dueFrom ?? last.updatedAt).getTime(),
    }));
  }

  /** 督办清单: the caller's concerns returned three times (退单三次) or reopened twice (重办两次), newest first. */
  async escalated(actor: StaffActor, query: EscalationsQuery, em: EntityManager = this.dataSource.manager): Promise<KeysetPage<Concern>> {
    const qb = applyConcernScope(em.getRepository(Concern).createQueryBuilder('c'), actor);
    const returned = 'c.return_count >= :returns';
    const reopened = 'c.reopen_count >= :reopens';
    const params = { returns: RETURNS_BEFORE_ESCALATION, reopens: REOPENS_BEFORE_ESCALATION };
    if (query.reason === 'returned') qb.andWhere(returned, params);
    else if (query.reason === 'reopened') qb.andWhere(reopened, params);
    else qb.andWhere(`(${returned} OR ${reopened})`, params);
    if (query.street) {
      const street = await em.getRepository(Street).findOneBy({ code: query.street });
      qb.andWhere('c.street_id = :street', { street: street?.id ?? -1 });
    }
    const cursor = decodeRowCursor(query.cursor);
    if (cursor) qb.andWhere('c.id < :beforeId', { beforeId: cursor.id });
    return keysetPage(qb.orderBy('c.id', 'DESC'), query.limit, (last) => ({ id: last.id }));
  }

  /**
   * The inbox's totals in the caller's scope, read in four small parts, none of which reads the
   * finished concerns (most of the table): the open ones grouped by status from an index that holds
   * every column counted; the finished ones from concern_final_tally, which the workflow step keeps
   * (it is the only way into, out of or within a final status); 已超期 from the deadline index; and
   * 待协办.
   */
  async totals(actor: StaffActor, now: Date, em: EntityManager = this.dataSource.manager): Promise<InboxTotals> {
    type Raw = { status: string; n: unknown; versions: unknown; ids: unknown; escalated: unknown };
    const [open, finished, overdue, coHandling] = await Promise.all([
      applyConcernScope(em.getRepository(Concern).createQueryBuilder('c'), actor)
        .andWhere('c.status IN (:...open)', { open: OPEN_STATUSES })
        .select('c.status', 'status')
        .addSelect('COUNT(*)', 'n')
        .addSelect('SUM(c.version)', 'versions')
        .addSelect('SUM(c.id)', 'ids')
        .addSelect('SUM(CASE WHEN c.escalated = :yes THEN 1 ELSE 0 END)', 'escalated')
        .setParameter('yes', true)
        .groupBy('c.status')
        .getRawMany<Raw>(),
      applyTallyScope(em.createQueryBuilder().from(FINAL_TALLY_TABLE, 't'), actor, 't')
        .select('t.status', 'status')
        .addSelect('SUM(t.concerns)', 'n')
        .addSelect('SUM(t.version_sum)', 'versions')
        .addSelect('SUM(t.id_sum)', 'ids')
        .addSelect('SUM(t.escalated)', 'escalated')
        .groupBy('t.status')
        .getRawMany<Raw>(),
      applyConcernScope(em.getRepository(Concern).createQueryBuilder('c'), actor).andWhere('c.due_at < :now', { now }).getCount(),
      // 待协办, with its versions: a co-handling step on a concern outside the lead scope moves the token too.
      this.coHandlingQuery(actor, em)
        .select('COUNT(*)', 'n')
        .addSelect('SUM(c.version)', 'versions')
        .getRawOne<{ n: unknown; versions: unknown }>(),
    ]);
    // MariaDB answers SUM/COUNT as strings (DECIMAL/BIGINT), SQLite as numbers.
    const byStatus = [...open, ...finished].map((row) => ({
      status: row.status,
      concerns: Number(row.n),
      versions: Number(row.versions),
      ids: Number(row.ids),
      escalated: Number(row.escalated),
    }));
    return {
      byStatus,
      overdue,
      coHandling: { concerns: Number(coHandling?.n ?? 0), versions: Number(coHandling?.versions ?? 0) },
    };
  }

  /** One concern in the caller's scope — the lead scope, or the read scope that adds co-handling departments — or null. */
  async scoped(
    actor: StaffActor,
    id: number,
    scope: 'lead' | 'read' = 'lead',
    em: EntityManager = this.dataSource.manager,
  ): Promise<Concern | null> {
    const condition = scope === 'read' ? concernReadScopeCondition(actor) : concernScopeCondition(actor);
    const rows = entityRows(em, Concern);
    return rows.readOne(`SELECT ${rows.columns('c')} FROM concern c WHERE c.id = :id${condition ? ` AND ${condition.sql}` : ''}`, {
      id,
      ...condition?.params,
    });
  }

  /** One concern by id, whoever's it is: the caller checks whose it may be. */
  async byId(id: number, em: EntityManager = this.dataSource.manager): Promise<Concern | null> {
    const rows = entityRows(em, Concern);
    return rows.readOne(`SELECT ${rows.columns('c')} FROM concern c WHERE c.id = :id`, { id });
  }

  /**
   * 疑似重复: other open concerns of the same compound and category in the caller's scope, newest first.
   * Confidential ones are included: staff see them anyway.
   */
  async openDuplicates(actor: StaffActor, concern: Concern, em: EntityManager = this.dataSource.manager): Promise<Concern[]> {
    return applyConcernScope(em.getRepository(Concern).createQueryBuilder('c'), actor)
      .andWhere('c.id <> :id', { id: concern.id })
      .andWhere('c.compound_id = :compound', { compound: concern.compoundId })
      .andWhere('c.category_id = :category', { category: concern.categoryId })
      .andWhere('c.status IN (:...open)', { open: OPEN_STATUSES })
      .orderBy('c.id', 'DESC')
      .take(5)
      .getMany();
  }

  /** A concern's timeline, oldest first. */
  async timeline(id: number, em: EntityManager = this.dataSource.manager): Promise<ConcernEvent[]> {
    const rows = entityRows(em, ConcernEvent);
    return rows.read(`SELECT ${rows.columns('e')} FROM concern_event e WHERE e.concern_id = :id ORDER BY e.id ASC`, { id });
  }

  /** A concern's timeline, oldest first, with the names of the staff who wrote it. */
  async timelineWithStaffNames(
    id: number,
    em: EntityManager = this.dataSource.manager,
  ): Promise<{ events: ConcernEvent[]; staff: Map<number, string> }> {
    const events = await this.timeline(id, em);
    const staff = await staffNames(
      em,
      events.filter((e) => e.actorRole !== 'resident').map((e) => e.actorId),
    );
    return { events, staff };
  }
}
