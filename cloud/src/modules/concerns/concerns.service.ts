import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CONCERN_SOURCE_LABELS,
  CONCERN_STATUSES,
  isFinalStatus,
  maskPersonal,
  shanghaiDate,
  triageDueAt,
  type ConcernDetailView,
  type ConcernSource,
  type ConcernStatus,
  type ConcernSummaryView,
  type CreateConcernInput,
  type DuplicateCandidateView,
  type Page,
  type PageQuery,
  type RateConcernInput,
  type RequestType,
  type StaffIntakeChannel,
} from '@manyi/shared';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { FieldCipher, maskPhone } from '../../common/crypto/field-cipher.js';
import { AppException } from '../../common/errors/app.exception.js';
import { insertedId } from '../../database/inserted-id.js';
import { decodeRowCursor, keysetPage } from '../../database/keyset.js';
import type { ResidentActor, StaffActor } from '../../common/actor.js';
import { hiddenPhotoIds } from '../uploads/photo-visibility.js';
import { UploadsService } from '../uploads/uploads.service.js';
import { ContentCheckService } from '../content-check/content-check.service.js';
import { DeadlineRulesService } from '../deadlines/deadline-rules.service.js';
import { stopClock } from './concern-clock.js';
import { ConcernEvent } from './concern-event.entity.js';
import { ConcernInboxRepository } from './concern-inbox.repository.js';
import { ConcernFollowers } from './concern-followers.js';
import { ConcernPhoto } from './concern-photo.entity.js';
import { applyRating } from './concern-rating.js';
import { ConcernWorkflow } from './concern-workflow.service.js';
import { Concern } from './concern.entity.js';
import { coHandlerIdsOf } from './concern-co-handlers.js';
import { mapConcernDetail, mapConcernSummary, mapDuplicate, mapTimeline } from './concerns.mapper.js';

/** Statuses still open for a duplicate check: not ended and not yet answered. */
const OPEN_STATUSES: ConcernStatus[] = CONCERN_STATUSES.filter((s) => !isFinalStatus(s));

/** A concern filed by staff, a partner or from a visit: nobody agreed to publish it (同意公开 is the reporter's own choice). */
type StaffOrPartnerInput = Omit<CreateConcernInput, 'publishConsent'> & { publishConsent?: boolean };

/** What the callers of insertSubmitted read of the new concern; the rest is the database's defaults, re-read by whoever needs them. */
export type SubmittedConcern = Pick<Concern, 'id' | 'status' | 'title' | 'streetId' | 'dueAt'> & { code: string };

export interface SubmitResult {
  concern: { id: number; code: string; status: ConcernStatus };
  /** False when an earlier submit with the same Idempotency-Key is returned. */
  created: boolean;
}

/**
 * The category and compound a new report names, read in one round trip (two entity reads cost twice the
 * CPU on every submit): the leaf category's request type and the compound's street. A disabled (停用)
 * category or compound can no longer be chosen; a parent category is not a leaf.
 */
async function chosenPlace(
  em: EntityManager,
  categoryId: number,
  compoundId: number,
): Promise<{ requestType: RequestType; streetId: number }> {
  const [row] = (await em.query(
    `SELECT (SELECT COALESCE(request_type, '') FROM category WHERE id = ? AND disabled = 0) AS request_type,
            (SELECT street_id FROM compound WHERE id = ? AND disabled = 0) AS street_id`,
    [categoryId, compoundId],
  )) as Array<{ request_type: RequestType | '' | null; street_id: number | null }>;
  if (row?.request_type == null) throw new AppException('CATEGORY_NOT_FOUND');
  if (row.request_type === '') throw new AppException('CATEGORY_NOT_LEAF');
  if (row.street_id === null) throw new AppException('COMPOUND_NOT_FOUND');
  return { requestType: row.request_type, streetId: Number(row.street_id) };
}

/** The resident's side of the loop: report, follow, withdraw, rate. */
@Injectable()
export class ConcernsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly workflow: ConcernWorkflow,
    private readonly cipher: FieldCipher,
    private readonly uploads: UploadsService,
    private readonly contentCheck: ContentCheckService,
    private readonly deadlines: DeadlineRulesService,
    private readonly followers: ConcernFollowers,
    private readonly reads: ConcernInboxRepository,
  ) {}

  async submit(actor: ResidentActor, input: CreateConcernInput, idempotencyKey: string | null, at?: Date): Promise<SubmitResult> {
    try {
      // WeChat's text check (内容安全) before anything is stored: risky text is refused here with nothing written.
      const contentReview = await this.contentCheck.checkResidentText(
        actor.residentId,
        [input.title, input.description, input.address].filter(Boolean).join('\n'),
      );
      const concern = await this.dataSource.transaction(async (em) => {
        const inserted = await this.insertSubmitted(em, actor, input, 'miniapp', idempotencyKey, at);
        if (contentReview) await em.update(Concern, { id: inserted.id }, { contentReview });
        return inserted;
      });
      return { concern: { id: concern.id, code: concern.code, status: concern.status }, created: true };
    } catch (error) {
      // A retry is rare, so the earlier submit is looked up only when this one fails: the unique index
      // refused the key (the first one got in, perhaps racing this one), or what the first one passed has
      // changed since (a category disabled, the text check's verdict). The first result stands either way.
      if (idempotencyKey) {
        const earlier = await this.findByIdempotencyKey(actor.residentId, idempotencyKey, input);
        if (earlier) return { concern: earlier, created: false };
      }
      throw error;
    }
  }

  /**
   * A question asked ahead of a "满意在徐汇" visit that staff turn into a concern: filed for the resident
   * who asked, with `source = visit`, in the caller's transaction so the question links to it atomically.
   */
  async submitFromVisit(em: EntityManager, residentId: number, input: StaffOrPartnerInput, at?: Date): Promise<SubmittedConcern> {
    return this.insertSubmitted(em, { kind: 'resident', residentId }, input, 'visit', null, at);
  }

  /**
   * A service request filed by a partner system through Open311 (`source = open311`): no resident account
   * stands behind it, so the mini-program notifies no one and the rating window closes it; in the
   * caller's transaction so the partner's record of it commits with it. Partners send a media URL, not uploads.
   */
  async submitFromPartner(em: EntityManager, input: StaffOrPartnerInput, at?: Date): Promise<SubmittedConcern> {
    return this.insertSubmitted(em, null, { ...input, photoIds: [] }, 'open311', null, at);
  }

  /**
   * 代录: a concern staff file on a resident's behalf through `channel` (ConcernIntakeService), in the
   * caller's transaction. It has no resident account yet: the resident claims it by verifying the phone
   * number in the mini-program. The photos are the staff member's own uploads.
   */
  async submitForResident(
    em: EntityManager,
    staff: StaffActor,
    input: StaffOrPartnerInput,
    channel: StaffIntakeChannel,
    at?: Date,
  ): Promise<SubmittedConcern> {
    return this.insertSubmitted(em, staff, input, channel, null, at);
  }

  /**
   * The one way a concern comes into being: checked, coded, photos attached, its first timeline event.
   * `filer` is the resident reporting it, the staff member filing it for a resident (代录), or nobody (a partner system).
   * `at` (work replayed on a seeded clock, the demo district) is when it was reported: its created_at,
   * its submit event's and its first deadline; without it, now and the database's clock.
   */
  private async insertSubmitted(
    em: EntityManager,
    filer: ResidentActor | StaffActor | null,
    input: StaffOrPartnerInput,
    source: ConcernSource,
    idempotencyKey: string | null,
    at?: Date,
  ): Promise<SubmittedConcern> {
    const now = at ?? new Date();
    const { requestType, streetId } = await chosenPlace(em, input.categoryId, input.compoundId);
    const photos = filer ? await this.uploads.assertOwned(input.photoIds, filer, em) : [];
    const residentId = filer?.kind === 'resident' ? filer.residentId : null;
    const staff = filer?.kind === 'staff' ? filer : null;

    const dueAt = triageDueAt(now, this.deadlines.rules());
    // Inserted without TypeORM's save(): its change tracking and the re-read of the row's defaults
    // (RETURNING on MariaDB, a SELECT on SQLite) cost CPU on every submit and nobody here reads them.
    const id = insertedId(
      await em
        .createQueryBuilder()
        .insert()
        .into(Concern)
        .updateEntity(false)
        .values({
          code: null,
          residentId,
          streetId,
          compoundId: input.compoundId,
          categoryId: input.categoryId,
          requestType,
          title: input.title,
          description: input.description,
          photoIds: input.photoIds,
          latitude: input.latitude ?? null,
          longitude: input.longitude ?? null,
          address: input.address || null,
          phoneEncrypted: input.phone ? this.cipher.encrypt(input.phone) : null,
          phoneMasked: input.phone ? maskPhone(input.phone) : null,
          confidential: input.confidential,
          publishConsent: input.publishConsent ?? false,
          source,
          status: 'submitted',
          leadDepartmentId: null,
          dueAt,
          dueKind: 'triage',
          dueFrom: now,
          idempotencyKey,
          ...(at ? { createdAt: at } : {}),
        })
        .execute(),
    );
    // The human code carries the Shanghai date and the row id, so it is unique without a counter to race on.
    const inserted: SubmittedConcern = {
      id,
      code: `XH${shanghaiDate(now).replaceAll('-', '')}-${String(id).padStart(4, '0')}`,
      status: 'submitted',
      title: input.title,
      streetId,
      dueAt,
    };
    await em.update(Concern, { id }, { code: inserted.code });
    if (photos.length)
      await em.insert(
        ConcernPhoto,
        photos.map((p) => ({ concernId: inserted.id, photoId: p.id })),
      );
    // Not re-read after the insert (em.insert would, for created_at: a round trip on MariaDB that nobody uses).
    await em
      .createQueryBuilder()
      .insert()
      .into(ConcernEvent)
      .updateEntity(false)
      .values({
        concernId: inserted.id,
        action: 'submit',
        actorRole: staff ? staff.role : 'resident',
        actorId: staff ? staff.staffId : residentId,
        fromStatus: null,
        toStatus: 'submitted',
        // The resident who later claims it reads how it came in.
        publicText: staff ? `工作人员代为登记（${CONCERN_SOURCE_LABELS[source]}）` : null,
        internalText: null,
        data: staff ? { channel: source } : null,
        ...(at ? { createdAt: at } : {}),
      })
      .execute();
    return inserted;
  }

  /**
   * The concern an earlier submit with this key created. A key reused for a different report is a
   * client bug, not a retry: 422, so that the second report is neither lost silently nor filed twice.
   */
  private async findByIdempotencyKey(residentId: number, key: string, input: CreateConcernInput): Promise<SubmitResult['concern'] | null> {
    const c = await this.dataSource.getRepository(Concern).findOne({
      select: { id: true, code: true, status: true, title: true, description: true, compoundId: true, categoryId: true },
      where: { residentId, idempotencyKey: key },
    });
    if (!c) return null;
    const same =
      c.title === input.title &&
      c.description === input.description &&
      c.compoundId === input.compoundId &&
      c.categoryId === input.categoryId;
    if (!same) throw new AppException('IDEMPOTENCY_KEY_REUSED', '该提交编号已用于另一条诉求，请重新提交', { id: c.id, code: c.code });
    return { id: c.id, code: c.code!, status: c.status };
  }

  /** Open concerns of the same compound and category that are not confidential: follow one instead of filing again. */
  async duplicates(compoundId: number, categoryId: number): Promise<DuplicateCandidateView[]> {
    const rows = await this.dataSource.getRepository(Concern).find({
      where: { compoundId, categoryId, status: In(OPEN_STATUSES), confidential: false },
      order: { id: 'DESC' },
      take: 5,
    });
    return rows.map(mapDuplicate);
  }

  async listMine(actor: ResidentActor, page: PageQuery): Promise<Page<ConcernSummaryView>> {
    const qb = this.dataSource.getRepository(Concern).createQueryBuilder('c').where('c.resident_id = :rid', { rid: actor.residentId });
    const cursor = decodeRowCursor(page.cursor);
    if (cursor) qb.andWhere('c.id < :after', { after: cursor.id });
    const rows = await keysetPage(qb.orderBy('c.id', 'DESC'), page.limit, (last) => ({ id: last.id }));
    return { items: rows.items.map((c) => mapConcernSummary(c, this.deadlines.calendar())), nextCursor: rows.nextCursor };
  }

  async detailForResident(actor: ResidentActor, id: number): Promise<ConcernDetailView> {
    // Side by side: the timeline is only used once the concern is found to be the caller's own, or one they follow.
    const [concern, events] = await Promise.all([this.reads.byId(id), this.reads.timeline(id)]);
    const reporter = concern?.residentId === actor.residentId;
    // 附议: a follower reads it too (never a confidential one), without what is the reporter's alone.
    if (!concern || (!reporter && (concern.confidential || !(await this.followers.isFollower(id, actor.residentId)))))
      throw new AppException('CONCERN_NOT_FOUND');
    const follow = { ...(await this.followers.residentContext(concern, actor.residentId)), publishConsent: concern.publishConsent };
    const timeline = mapTimeline(events, 'resident');
    if (!reporter) {
      return mapConcernDetail(concern, this.deadlines.calendar(), timeline, null, {
        ...follow,
        viewerRole: 'follower',
        description: maskPersonal(concern.description),
        photoIds: [],
        latitude: null,
        longitude: null,
        address: null,
        solved: null,
        satisfaction: null,
        ratingComment: null,
      });
    }
    const phone = concern.phoneEncrypted ? this.cipher.decrypt(concern.phoneEncrypted) : null;
    // Photos WeChat's image check found risky are shown to staff only, not even to the resident who sent them.
    // Read side by side with the co-handlers: neither depends on the other.
    const [hiddenIds, coHandlers] = await Promise.all([
      hiddenPhotoIds(this.dataSource.manager, concern.photoIds),
      coHandlerIdsOf(this.dataSource.manager, [concern.id]),
    ]);
    const hidden = new Set(hiddenIds);
    const coHandlerIds = coHandlers.get(concern.id) ?? [];
    return mapConcernDetail(concern, this.deadlines.calendar(), timeline, phone, {
      photoIds: concern.photoIds.filter((p) => !hidden.has(p)),
      coHandlerIds,
      ...follow,
      viewerRole: 'reporter',
    });
  }

  async withdraw(actor: ResidentActor, id: number, at?: Date): Promise<Concern> {
    return this.workflow.step(
      id,
      actor,
      'withdraw',
      (c) => {
        stopClock(c, at ?? new Date());
        return { publicText: '居民已撤销该诉求' };
      },
      undefined,
      at,
    );
  }

  /**
   * The resident's last word: solved and (basically) satisfied closes it; otherwise the first time it goes
   * back to the same department (重办) with a new due date, the second time it closes and the supervisor is told.
   */
  async rate(actor: ResidentActor, id: number, input: RateConcernInput, at?: Date): Promise<Concern> {
    const now = at ?? new Date();
    const rating = { solved: input.solved, satisfaction: input.satisfaction };
    const rules = this.deadlines.rules();
    return this.workflow.step(
      id,
      actor,
      'rate',
      // The same path as a reached 回访's (concern-rating.ts), channel 小程序.
      (c) => applyRating(c, { ...rating, comment: input.comment }, 'app', now, rules),
      { rating, maxReopens: rules.settings.maxReopens },
      at,
    );
  }
}
