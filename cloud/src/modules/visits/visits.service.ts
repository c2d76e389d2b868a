import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  AdminVisitDetailView,
  AdminVisitsQuery,
  CancelVisitInput,
  CreateVisitInput,
  ListVisitsQuery,
  MarkVisitHeldInput,
  MyVisitView,
  Page,
  PageQuery,
  PreviousIssuesView,
  PublishVisitIssuesInput,
  VisitDetailView,
  VisitListView,
  VisitSummaryView,
} from '@manyi/shared';
import { shanghaiDateTime } from '@manyi/shared';
import { Brackets, In, type DataSource, type EntityManager } from 'typeorm';
import { AppException } from '../../common/errors/app.exception.js';
import { AuditService } from '../audit/audit.service.js';
import type { Actor, ResidentActor, StaffActor } from '../../common/actor.js';
import { Resident } from '../auth/resident.entity.js';
import { Concern } from '../concerns/concern.entity.js';
import { NotificationOutbox } from '../notifications/notification-outbox.js';
import { Compound } from '../directory/compound.entity.js';
import { Street } from '../directory/street.entity.js';
import { VisitIssue } from './visit-issue.entity.js';
import { loadLinkedConcerns } from './visit-links.js';
import { VisitQuestion } from './visit-question.entity.js';
import { assertManagesStreet, visitStreetOf } from './visit-scope.js';
import { VisitSignup } from './visit-signup.entity.js';
import { lockVisit } from './visit-transaction.js';
import { Visit } from './visit.entity.js';
import { VisitsRepository } from './visits.repository.js';
import { mapAdminSignup, mapIssues, mapQuestion, mapSignup, mapVisitSummary } from './visits.mapper.js';

/** The schedule residents read, and what staff publish on it: the visit, then its record and its list of issues. */
@Injectable()
export class VisitsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly visits: VisitsRepository,
    private readonly outbox: NotificationOutbox,
  ) {}

  /** Visits from `from` (default now), soonest first; with `compound`, also what the last visit there left open. */
  async list(query: ListVisitsQuery, now = new Date()): Promise<VisitListView> {
    const em = this.dataSource.manager;
    let streetId: number | undefined;
    if (query.street) {
      const street = await em.findOneBy(Street, { code: query.street });
      if (!street) throw new AppException('STREET_NOT_FOUND', `街道「${query.street}」不存在`);
      streetId = street.id;
    }
    let compound: Compound | null = null;
    if (query.compound !== undefined) {
      compound = await em.findOneBy(Compound, typeof query.compound === 'number' ? { id: query.compound } : { code: query.compound });
      if (!compound) throw new AppException('COMPOUND_NOT_FOUND');
    }
    const visits = await this.visits.page(
      { order: 'soonest', from: query.from ?? now, streetId, compoundId: compound?.id, cursor: query.cursor, limit: query.limit },
      em,
    );
    const page: VisitListView = { items: await this.summaries(em, visits.items), nextCursor: visits.nextCursor };
    if (compound) page.previousIssues = await this.previousIssues(em, compound.id, now);
    return page;
  }

  /** The visit page; a signed-in resident also sees their own sign-up and questions. */
  async detail(id: number, actor: Actor | null): Promise<VisitDetailView> {
    const em = this.dataSource.manager;
    const visit = await this.findVisit(em, id);
    const residentId = actor?.kind === 'resident' ? actor.residentId : null;
    const questionsQb = em
      .getRepository(VisitQuestion)
      .createQueryBuilder('q')
      .where('q.visit_id = :id', { id })
      .andWhere(
        new Brackets((w) => {
          w.where('q.status IN (:...public)', { public: ['answered', 'concern'] });
          if (residentId !== null) w.orWhere('q.resident_id = :rid', { rid: residentId });
        }),
      )
      .orderBy('q.id', 'ASC');
    const [questions, issues, waiting, signup] = await Promise.all([
      questionsQb.getMany(),
      em.find(VisitIssue, { where: { visitId: id }, order: { position: 'ASC' } }),
      this.waitingCounts(em, [id]),
      residentId === null ? null : em.findOneBy(VisitSignup, { visitId: id, residentId }),
    ]);
    const links = await loadLinkedConcerns(em, [
      ...questions.flatMap((q) => (q.concernId === null ? [] : [q.concernId])),
      ...issues.map((i) => i.concernId),
    ]);
    return {
      ...mapVisitSummary(visit, waiting.get(id) ?? 0),
      ...this.record(visit),
      mySignup: signup && signup.status !== 'cancelled' ? mapSignup(signup, await waitingPosition(em, signup)) : null,
      questions: questions.map((q) =>
        mapQuestion(q, q.concernId === null ? null : (links.get(q.concernId) ?? null), q.residentId === residentId),
      ),
      issues: mapIssues(issues, links),
      previousIssues: visit.compoundId === null ? null : await this.previousIssues(em, visit.compoundId, visit.startsAt, visit.id),
    };
  }

  /** 我的报名: the visits a resident is signed up or waiting for, from `from` (default now), soonest first. */
  async listMine(actor: ResidentActor, query: PageQuery & { from?: Date }, now = new Date()): Promise<Page<MyVisitView>> {
    const em = this.dataSource.manager;
    const { items, nextCursor } = await this.visits.page(
      { order: 'soonest', residentId: actor.residentId, from: query.from ?? now, cursor: query.cursor, limit: query.limit },
      em,
    );
    const summaries = await this.summaries(em, items);
    const signups = await em.find(VisitSignup, { where: { residentId: actor.residentId, visitId: In(items.map((v) => v.id)) } });
    const views: MyVisitView[] = [];
    for (const summary of summaries) {
      const signup = signups.find((s) => s.visitId === summary.id)!;
      views.push({ ...summary, mySignup: mapSignup(signup, await waitingPosition(em, signup)) });
    }
    return { items: views, nextCursor };
  }

  async create(actor: StaffActor, input: CreateVisitInput): Promise<AdminVisitDetailView> {
    const id = await this.dataSource.transaction(async (em) => {
      const street = await this.resolveStreet(em, actor, input.street);
      let compoundId: number | null = null;
      if (input.compoundId !== undefined) {
        const compound = await em.findOneBy(Compound, { id: input.compoundId });
        if (!compound) throw new AppException('COMPOUND_NOT_FOUND');
        if (compound.streetId !== street.id) throw new AppException('VALIDATION_FAILED', '居民区不属于该街道');
        compoundId = compound.id;
      }
      const saved = await em.save(
        em.create(Visit, {
          title: input.title,
          streetId: street.id,
          compoundId,
          place: input.place,
          startsAt: input.startsAt,
          endsAt: input.endsAt,
          participants: input.participants.map((p) => ({ name: p.name, role: p.role, ...(p.title ? { title: p.title } : {}) })),
          topics: input.topics,
          capacity: input.capacity,
          status: 'planned',
          isDemo: false,
          confirmedCount: 0,
          signupSeq: 0,
          attendance: null,
          summary: null,
          heldAt: null,
          issuesPublishedAt: null,
        }),
      );
      await this.audit.record(em, actor, 'visit.create', { type: 'visit', id: saved.id }, { street: street.code, title: input.title });
      return saved.id;
    });
    return this.adminDetail(actor, id);
  }

  /** Every visit in the caller's scope, newest first. */
  async adminList(actor: StaffActor, query: AdminVisitsQuery): Promise<Page<VisitSummaryView>> {
    const em = this.dataSource.manager;
    const streetId = query.street ? ((await em.findOneBy(Street, { code: query.street }))?.id ?? -1) : undefined;
    const visits = await this.visits.page(
      { order: 'newest', scope: actor, streetId, status: query.status, cursor: query.cursor, limit: query.limit },
      em,
    );
    return { items: await this.summaries(em, visits.items), nextCursor: visits.nextCursor };
  }

  /** The organisers' page: every sign-up and every question, residents by nickname. */
  async adminDetail(actor: StaffActor, id: number): Promise<AdminVisitDetailView> {
    const em = this.dataSource.manager;
    const visit = await this.findVisit(em, id);
    assertManagesStreet(actor, visit.streetId);
    const [questions, issues, signups] = await Promise.all([
      em.find(VisitQuestion, { where: { visitId: id }, order: { id: 'ASC' } }),
      em.find(VisitIssue, { where: { visitId: id }, order: { position: 'ASC' } }),
      signupsInOrder(em, id),
    ]);
    const nicknames = await nicknamesOf(em, [...questions.map((q) => q.residentId), ...signups.map((s) => s.residentId)]);
    const links = await loadLinkedConcerns(em, [
      ...questions.flatMap((q) => (q.concernId === null ? [] : [q.concernId])),
      ...issues.map((i) => i.concernId),
    ]);
    const waiting = signups.filter((s) => s.status === 'waiting');
    return {
      ...mapVisitSummary(visit, waiting.length),
      ...this.record(visit),
      questions: questions.map((q) => ({
        ...mapQuestion(q, q.concernId === null ? null : (links.get(q.concernId) ?? null), false),
        nickname: nicknames.get(q.residentId) ?? '',
      })),
      signups: signups.map((s) => mapAdminSignup(s, nicknames.get(s.residentId) ?? '', waiting.indexOf(s) + 1 || null)),
      issues: mapIssues(issues, links),
      previousIssues: visit.compoundId === null ? null : await this.previousIssues(em, visit.compoundId, visit.startsAt, visit.id),
    };
  }

  /** Calls off a planned visit; everyone signed up or waiting is told why (outbox). Sign-ups stay on record. */
  async cancel(actor: StaffActor, id: number, input: CancelVisitInput): Promise<AdminVisitDetailView> {
    await this.dataSource.transaction(async (em) => {
      // Under the visit's lock: no sign-up slips in between the cancellation and the messages.
      await lockVisit(em, id);
      const visit = await this.findVisit(em, id);
      assertManagesStreet(actor, visit.streetId);
      if (visit.status !== 'planned') throw new AppException('VISIT_CLOSED', '走访已举行或已取消');
      await em.update(Visit, { id }, { status: 'cancelled' });
      const signups = await em.find(VisitSignup, { where: { visitId: id, status: In(['confirmed', 'waiting']) }, order: { id: 'ASC' } });
      await this.outbox.enqueueAll(
        em,
        signups.map((s) => ({
          residentId: s.residentId,
          concernId: null,
          visitId: id,
          kind: 'visit_cancelled' as const,
          title: '走访活动取消',
          body: `您报名的「${visit.title}」（${shanghaiDateTime(visit.startsAt)}）已取消。原因：${input.reason}`.slice(0, 500),
        })),
      );
      await this.audit.record(em, actor, 'visit.cancel', { type: 'visit', id }, { reason: input.reason, notified: signups.length });
    });
    return this.adminDetail(actor, id);
  }

  /** After the visit: held, with attendance and a summary. Sent again, it corrects the record. */
  async markHeld(actor: StaffActor, id: number, input: MarkVisitHeldInput, now = new Date()): Promise<AdminVisitDetailView> {
    await this.dataSource.transaction(async (em) => {
      const visit = await this.findVisit(em, id);
      assertManagesStreet(actor, visit.streetId);
      if (visit.status === 'cancelled') throw new AppException('VISIT_CLOSED', '走访已取消');
      if (visit.startsAt.getTime() > now.getTime()) throw new AppException('VISIT_NOT_STARTED');
      await em.update(Visit, { id }, { status: 'held', attendance: input.attendance, summary: input.summary, heldAt: visit.heldAt ?? now });
      await this.audit.record(
        em,
        actor,
        'visit.held',
        { type: 'visit', id },
        { attendance: input.attendance, corrected: visit.status === 'held' },
      );
    });
    return this.adminDetail(actor, id);
  }

  /**
   * Publishes (or replaces) the list of issues raised at a held visit. Each item follows a concern of the
   * visit's street, so the list can only point at work the street itself tracks.
   */
  async publishIssues(actor: StaffActor, id: number, input: PublishVisitIssuesInput, now = new Date()): Promise<AdminVisitDetailView> {
    await this.dataSource.transaction(async (em) => {
      const visit = await this.findVisit(em, id);
      assertManagesStreet(actor, visit.streetId);
      if (visit.status !== 'held') throw new AppException('VISIT_NOT_HELD');
      const concernIds = [...new Set(input.items.map((i) => i.concernId))];
      const found = await em.find(Concern, { where: { id: In(concernIds), streetId: visit.streetId }, select: { id: true } });
      const invalid = concernIds.filter((c) => !found.some((f) => f.id === c));
      if (invalid.length) throw new AppException('VISIT_ISSUE_CONCERN_INVALID', undefined, { concernIds: invalid });
      await em.delete(VisitIssue, { visitId: id });
      await em.insert(
        VisitIssue,
        input.items.map((item, i) => ({ visitId: id, position: i + 1, text: item.text, concernId: item.concernId })),
      );
      await em.update(Visit, { id }, { issuesPublishedAt: now });
      await this.audit.record(
        em,
        actor,
        'visit.issues.publish',
        { type: 'visit', id },
        { concernIds: input.items.map((i) => i.concernId) },
      );
    });
    return this.adminDetail(actor, id);
  }

  async findVisit(em: EntityManager, id: number): Promise<Visit> {
    const visit = await this.visits.byId(id, em);
    if (!visit) throw new AppException('VISIT_NOT_FOUND');
    return visit;
  }

  private record(visit: Visit): Pick<VisitDetailView, 'attendance' | 'summary' | 'heldAt'> {
    return { attendance: visit.attendance, summary: visit.summary, heldAt: visit.heldAt ? visit.heldAt.toISOString() : null };
  }

  /**
   * What the last held visit to a compound before `before` promised, with where each item stands now —
   * the list the next visit there opens with. Null when that visit published no list.
   */
  private async previousIssues(
    em: EntityManager,
    compoundId: number,
    before: Date,
    excludeId?: number,
  ): Promise<PreviousIssuesView | null> {
    const qb = em
      .getRepository(Visit)
      .createQueryBuilder('v')
      .where('v.compound_id = :compoundId AND v.status = :held', { compoundId, held: 'held' })
      .andWhere('v.starts_at < :before', { before })
      .andWhere('v.issues_published_at IS NOT NULL');
    if (excludeId !== undefined) qb.andWhere('v.id <> :excludeId', { excludeId });
    const last = await qb.orderBy('v.starts_at', 'DESC').addOrderBy('v.id', 'DESC').getOne();
    if (!last) return null;
    const issues = await em.find(VisitIssue, { where: { visitId: last.id }, order: { position: 'ASC' } });
    const links = await loadLinkedConcerns(
      em,
      issues.map((i) => i.concernId),
    );
    return { visitId: last.id, title: last.title, heldAt: (last.heldAt ?? last.startsAt).toISOString(), items: mapIssues(issues, links) };
  }

  private async summaries(em: EntityManager, visits: Visit[]): Promise<VisitSummaryView[]> {
    const waiting = await this.waitingCounts(
      em,
      visits.map((v) => v.id),
    );
    return visits.map((v) => mapVisitSummary(v, waiting.get(v.id) ?? 0));
  }

  private async waitingCounts(em: EntityManager, visitIds: number[]): Promise<Map<number, number>> {
    if (visitIds.length === 0) return new Map();
    const rows = await em
      .getRepository(VisitSignup)
      .createQueryBuilder('s')
      .select('s.visit_id', 'visitId')
      .addSelect('COUNT(*)', 'waiting')
      .where('s.visit_id IN (:...visitIds) AND s.status = :waiting', { visitIds, waiting: 'waiting' })
      .groupBy('s.visit_id')
      .getRawMany<{ visitId: number | string; waiting: number | string }>();
    return new Map(rows.map((r) => [Number(r.visitId), Number(r.waiting)]));
  }

  /** Editors and dispatchers publish for their own street (which they may leave out); supervisors and admins name it. */
  private async resolveStreet(em: EntityManager, actor: StaffActor, code: string | undefined): Promise<Street> {
    const own = visitStreetOf(actor);
    if (code === undefined) {
      if (own === null) throw new AppException('VALIDATION_FAILED', '请选择街道');
      return em.findOneByOrFail(Street, { id: own });
    }
    const street = await em.findOneBy(Street, { code });
    if (!street) throw new AppException('STREET_NOT_FOUND', `街道「${code}」不存在`);
    assertManagesStreet(actor, street.id);
    return street;
  }
}

/** 1 for the next on the waiting list; null unless waiting. */
export async function waitingPosition(em: EntityManager, signup: VisitSignup): Promise<number | null> {
  if (signup.status !== 'waiting') return null;
  const ahead = await em
    .getRepository(VisitSignup)
    .createQueryBuilder('s')
    .where('s.visit_id = :visitId AND s.status = :waiting', { visitId: signup.visitId, waiting: 'waiting' })
    .andWhere('(s.queue_seq < :seq OR (s.queue_seq = :seq AND s.id < :id))', { seq: signup.queueSeq, id: signup.id })
    .getCount();
  return ahead + 1;
}

/** Confirmed first, then the waiting list in its order, then cancellations. */
export async function signupsInOrder(em: EntityManager, visitId: number): Promise<VisitSignup[]> {
  const rows = await em.find(VisitSignup, { where: { visitId }, order: { queueSeq: 'ASC', id: 'ASC' } });
  const rank = { confirmed: 0, waiting: 1, cancelled: 2 } as const;
  return rows.sort((a, b) => rank[a.status] - rank[b.status]);
}

export async function nicknamesOf(em: EntityManager, residentIds: number[]): Promise<Map<number, string>> {
  const ids = [...new Set(residentIds)];
  if (ids.length === 0) return new Map();
  const rows = await em.find(Resident, { where: { id: In(ids) }, select: { id: true, nickname: true } });
  return new Map(rows.map((r) => [r.id, r.nickname]));
}
