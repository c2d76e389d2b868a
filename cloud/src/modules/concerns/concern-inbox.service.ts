import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  allowedActions,
  CONCERN_STATUSES,
  type ConcernDetailView,
  type ConcernStatus,
  type ConcernSummaryView,
  type DuplicateCandidateView,
  type InboxCountsView,
  type InboxQuery,
  type Page,
  type RevealedContactView,
  type Items,
} from '@manyi/shared';
import type { DataSource } from 'typeorm';
import { FieldCipher } from '../../common/crypto/field-cipher.js';
import { AppException } from '../../common/errors/app.exception.js';
import { AuditService } from '../audit/audit.service.js';
import { DeadlineRulesService } from '../deadlines/deadline-rules.service.js';
import type { StaffActor } from '../../common/actor.js';
import { RoutingService } from '../directory/routing.service.js';
import { followUpOf } from './concern-follow-up.service.js';
import { coHandlersOf, mapCoHandlers } from './concern-co-handlers.js';
import { ConcernFollowers } from './concern-followers.js';
import { ConcernInboxRepository } from './concern-inbox.repository.js';
import { intakeViewOf } from './concern-intake.view.js';
import { ConcernIntake } from './concern-intake.entity.js';
import { Concern } from './concern.entity.js';
import { hiddenPhotoIds } from '../uploads/photo-visibility.js';
import { mapConcernDetail, mapConcernSummary, mapDuplicate, mapTimeline } from './concerns.mapper.js';
import { PublicCaseCard } from './public-case-card.js';

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
    private readonly concerns: ConcernInboxRepository,
  ) {}

  async inbox(actor: StaffActor, query: InboxQuery, now = new Date()): Promise<Page<ConcernSummaryView>> {
    const page = await this.concerns.inbox(actor, query, now);
    return { items: page.items.map((c) => mapConcernSummary(c, this.deadlines.calendar(), now)), nextCursor: page.nextCursor };
  }

  async detail(actor: StaffActor, id: number): Promise<ConcernDetailView> {
    // A co-handling department reads the concern too; it acts on its own part only (coHandlers[].actions).
    const concern = await this.scoped(actor, id, 'read');
    // Once the scope check has passed, every read that needs only the concern goes side by side; the
    // public-case card waits for the timeline alone (it looks for the published reply).
    const timeline = this.concerns.timelineWithStaffNames(id);
    const [{ events, staff }, suggestion, hidden, coHandlers, intake, followerRatings, publicCase, followUp] = await Promise.all([
      timeline,
      this.routing.suggest(concern.categoryId, concern.streetId, concern.compoundId),
      hiddenPhotoIds(this.dataSource.manager, concern.photoIds),
      coHandlersOf(this.dataSource.manager, id),
      intakeViewOf(this.dataSource.manager, concern),
      // 附议 and 公开案例 (issue 17).
      this.followers.ratingsSummary(concern.id),
      timeline.then(({ events }) => this.publicCase.adminView(concern, events)),
      // 先联系 and 回访 (issue 19).
      followUpOf(this.dataSource.manager, concern),
    ]);
    const leads = actor.role !== 'handler' || concern.leadDepartmentId === actor.departmentId;
    return mapConcernDetail(concern, this.deadlines.calendar(), mapTimeline(events, 'staff', staff), concern.phoneMasked, {
      allowedActions: leads ? allowedActions(concern.status, actor.role) : [],
      suggestedDepartmentId: suggestion?.leadDepartmentId ?? null,
      suggestedCoHandlerIds: suggestion?.coHandlerIds ?? [],
      pendingExtensionDays: concern.pendingExtensionDays,
      contentReview: concern.contentReview,
      hiddenPhotoIds: hidden,
      intake,
      coHandlerIds: coHandlers.filter((h) => h.status !== 'released').map((h) => h.departmentId),
      coHandlers: mapCoHandlers(coHandlers, concern.status, actor),
      ...followUp,
      publishConsent: concern.publishConsent,
      followerRatings,
      publicCase,
    });
  }

  /**
   * The saved views' badges and the inbox's change signal. `changeToken` is the count, the sum of
   * versions (every workflow step bumps one) and the sum of ids (a concern arriving in or leaving the
   * scope moves it), so any step in scope changes the token (the totals: ConcernInboxRepository.totals).
   * A finished concern's version is the one of its last step, so an edit outside the workflow (an
   * account deletion's redaction) does not move the token for finished concerns; for open ones it does.
   */
  async counts(actor: StaffActor, now = new Date()): Promise<InboxCountsView> {
    const totals = await this.concerns.totals(actor, now);
    const byStatus = Object.fromEntries(CONCERN_STATUSES.map((status) => [status, 0])) as Record<ConcernStatus, number>;
    let total = 0;
    let versions = 0;
    let ids = 0;
    let escalated = 0;
    for (const row of totals.byStatus) {
      if ((CONCERN_STATUSES as readonly string[]).includes(row.status)) byStatus[row.status as ConcernStatus] += row.concerns;
      total += row.concerns;
      versions += row.versions;
      ids += row.ids;
      escalated += row.escalated;
    }
    const coHandling = totals.coHandling;
    return {
      total,
      byStatus,
      overdue: totals.overdue,
      escalated,
      coHandling: coHandling.concerns,
      changeToken: `${total}.${versions}.${ids}.${coHandling.concerns}.${coHandling.versions}`,
    };
  }

  /**
   * 疑似重复: other open concerns of the same compound and category in the caller's scope, newest
   * first — the candidates a dispatcher would merge this one into. Confidential ones are included: staff see them anyway.
   */
  async duplicates(actor: StaffActor, id: number): Promise<Items<DuplicateCandidateView>> {
    const concern = await this.scoped(actor, id);
    return { items: (await this.concerns.openDuplicates(actor, concern)).map(mapDuplicate) };
  }

  /** 查看完整号码: a separate, audited action, for the roles that contact residents; with the name staff took down for a 代录. */
  async revealPhone(actor: StaffActor, id: number): Promise<RevealedContactView> {
    if (actor.role !== 'dispatcher' && actor.role !== 'handler' && actor.role !== 'supervisor') throw new AppException('FORBIDDEN');
    return this.dataSource.transaction(async (em) => {
      const concern = await this.concerns.scoped(actor, id, 'lead', em);
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
    const concern = await this.concerns.scoped(actor, id, scope);
    if (!concern) throw new AppException('CONCERN_NOT_FOUND');
    return concern;
  }
}
