import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { maskPersonal, type ResidentExport, type ResidentProfileView } from '@manyi/shared';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { FieldCipher } from '../../common/crypto/field-cipher.js';
import { AppException } from '../../common/errors/app.exception.js';
import { DeadlineRulesService } from '../deadlines/deadline-rules.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { ResidentActor } from '../../common/actor.js';
import { Resident } from '../auth/resident.entity.js';
import { ConcernEvent } from '../concerns/concern-event.entity.js';
import { ConcernIntake } from '../concerns/concern-intake.entity.js';
import { Concern } from '../concerns/concern.entity.js';
import { coHandlerIdsOf } from '../concerns/concern-co-handlers.js';
import { mapConcernDetail, mapTimeline } from '../concerns/concerns.mapper.js';
import { Notification } from '../notifications/notification.entity.js';
import { PhotoStorage } from '../uploads/photo-storage.js';
import { Photo } from '../uploads/photo.entity.js';
import { mapPhoto } from '../uploads/uploads.mapper.js';
import { VisitQuestion } from '../visits/visit-question.entity.js';
import { VisitSignup } from '../visits/visit-signup.entity.js';
import { VisitSignupsService } from '../visits/visit-signups.service.js';
import { SubscribeConsent } from '../notifications/subscribe-consent.entity.js';
import { FollowersService } from '../followers/followers.service.js';

/** What a deleted account is called from then on, wherever its concerns are shown. */
export const DELETED_NICKNAME = '已注销用户';

export interface DeletionSummary {
  concerns: number;
  photos: number;
  notifications: number;
  /** Places at coming visits given back to the waiting list. */
  visitSignups: number;
  /** 附议: the concerns they followed (the follows and their ratings are deleted). */
  follows: number;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The resident's own account: profile, a copy of their data, and deleting the account. */
@Injectable()
export class MeService {
  private readonly logger = new Logger(MeService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly photoStorage: PhotoStorage,
    private readonly visitSignups: VisitSignupsService,
    private readonly deadlines: DeadlineRulesService,
    private readonly followers: FollowersService,
  ) {}

  async profile(actor: ResidentActor): Promise<ResidentProfileView> {
    const r = await this.dataSource.getRepository(Resident).findOneBy({ id: actor.residentId });
    if (!r || r.deletedAt) throw new AppException('UNAUTHENTICATED');
    return {
      id: r.id,
      nickname: r.nickname,
      isPreview: r.isPreview,
      wechatLinked: r.openid !== null,
      createdAt: r.createdAt.toISOString(),
    };
  }

  /**
   * Reads everything in one transaction (a consistent snapshot on MariaDB) and records the export in
   * the audit log in the same transaction: no copy leaves without its record.
   */
  async export(actor: ResidentActor, now = new Date()): Promise<ResidentExport> {
    const residentId = actor.residentId;
    return this.dataSource.transaction(async (em) => {
      const r = await em.findOneBy(Resident, { id: residentId });
      if (!r || r.deletedAt) throw new AppException('UNAUTHENTICATED');
      const concerns = await em.find(Concern, { where: { residentId }, order: { id: 'ASC' } });
      const events = concerns.length
        ? await em.find(ConcernEvent, { where: { concernId: In(concerns.map((c) => c.id)) }, order: { id: 'ASC' } })
        : [];
      const coHandlerIds = await coHandlerIdsOf(
        em,
        concerns.map((c) => c.id),
      );
      const photos = await em.find(Photo, { where: { residentId }, order: { id: 'ASC' } });
      const notifications = await em.find(Notification, { where: { residentId }, order: { id: 'ASC' } });
      const signups = await em.find(VisitSignup, { where: { residentId }, relations: { visit: true }, order: { id: 'ASC' } });
      const questions = await em.find(VisitQuestion, { where: { residentId }, order: { id: 'ASC' } });
      const consents = await em.find(SubscribeConsent, { where: { residentId }, order: { id: 'ASC' } });

      const result: ResidentExport = {
        exportedAt: now.toISOString(),
        resident: {
          id: r.id,
          nickname: r.nickname,
          openid: r.openid,
          unionid: r.unionid,
          isPreview: r.isPreview,
          createdAt: r.createdAt.toISOString(),
          updatedAt: r.updatedAt.toISOString(),
        },
        concerns: concerns.map((c) =>
          mapConcernDetail(
            c,
            this.deadlines.calendar(),
            mapTimeline(
              events.filter((e) => e.concernId === c.id),
              'resident',
            ),
            c.phoneEncrypted ? this.cipher.decrypt(c.phoneEncrypted) : null,
            { coHandlerIds: coHandlerIds.get(c.id) ?? [] },
          ),
        ),
        photos: photos.map((p) => ({
          ...mapPhoto(p),
          mime: p.mime,
          bytes: p.bytes,
          sha256: p.sha256,
          createdAt: p.createdAt.toISOString(),
        })),
        notifications: notifications.map((n) => ({
          id: n.id,
          concernId: n.concernId,
          kind: n.kind,
          title: n.title,
          body: n.body,
          status: n.status,
          attempts: n.attempts,
          createdAt: n.createdAt.toISOString(),
          deliveredAt: iso(n.deliveredAt),
          readAt: iso(n.readAt),
        })),
        visitSignups: signups.map((v) => ({
          visitId: v.visitId,
          visitTitle: v.visit!.title,
          visitStartsAt: v.visit!.startsAt.toISOString(),
          status: v.status,
          createdAt: v.createdAt.toISOString(),
          cancelledAt: iso(v.cancelledAt),
        })),
        visitQuestions: questions.map((q) => ({
          visitId: q.visitId,
          addressedTo: q.addressedTo,
          text: q.text,
          status: q.status,
          answer: q.answer,
          concernId: q.concernId,
          createdAt: q.createdAt.toISOString(),
        })),
        subscribeConsents: consents.map((c) => ({ templateId: c.templateId, remaining: c.remaining })),
        follows: await this.followers.exportFor(em, residentId),
      };
      await this.audit.record(
        em,
        actor,
        'resident.export',
        { type: 'resident', id: residentId },
        {
          concerns: concerns.length,
          photos: photos.length,
          notifications: notifications.length,
          visitSignups: signups.length,
          visitQuestions: questions.length,
        },
      );
      return result;
    });
  }

  /**
   * 注销账号, in one transaction: the resident row loses its name and WeChat identity and is marked
   * deleted (which ends every session — the auth guard refuses it); their concerns stay for the record
   * and the statistics but lose the phone, the place and the photos, and phone numbers, ID numbers and the
   * resident's name in what they wrote are masked (maskFreeText); their photos and notifications
   * are deleted; the audit log says so. The photo files go after the commit: a crash in between leaves
   * files without rows (unreachable), never rows without files.
   * First, places held at coming visits go back to their waiting lists, each under its visit's lock (a
   * failure after that leaves an account without sign-ups, which a retried deletion finishes).
   */
  async deleteAccount(actor: ResidentActor, now = new Date()): Promise<DeletionSummary> {
    const residentId = actor.residentId;
    const visitSignups = await this.visitSignups.cancelAllUpcoming(actor, now);
    const { summary, photos } = await this.dataSource.transaction(async (em) => {
      const r = await em.findOneBy(Resident, { id: residentId });
      if (!r || r.deletedAt) throw new AppException('UNAUTHENTICATED');
      await em.update(Resident, { id: residentId }, { nickname: DELETED_NICKNAME, openid: null, unionid: null, deletedAt: now });
      await maskFreeText(em, residentId, [r.nickname]);
      // Status, deadlines, department and rating are untouched, so the concern still counts for staff.
      const concerns = await em
        .createQueryBuilder()
        .update(Concern)
        .set({
          phoneEncrypted: null,
          phoneMasked: null,
          latitude: null,
          longitude: null,
          address: null,
          photoIds: [],
          publishConsent: false,
        })
        .where('resident_id = :residentId', { residentId })
        .execute();
      // Concerns staff filed for them (代录) and they claimed: the name staff took down and the phone's lookup hash go too.
      const claimed = await em.find(Concern, { where: { residentId }, select: { id: true } });
      if (claimed.length)
        await em.update(
          ConcernIntake,
          { concernId: In(claimed.map((c) => c.id)) },
          { contactNameEncrypted: null, contactNameMasked: null, phoneHash: null },
        );
      const photos = await em.find(Photo, { where: { residentId } });
      if (photos.length) await em.delete(Photo, { id: In(photos.map((p) => p.id)) });
      // WeChat's delivery records go with their notifications (ON DELETE CASCADE); the consents are theirs too.
      await em.delete(SubscribeConsent, { residentId });
      const notifications = await em.delete(Notification, { residentId });
      const follows = await this.followers.deleteFor(em, residentId);
      const summary: DeletionSummary = {
        concerns: concerns.affected ?? 0,
        photos: photos.length,
        notifications: notifications.affected ?? 0,
        visitSignups,
        follows,
      };
      await this.audit.record(em, actor, 'resident.delete', { type: 'resident', id: residentId }, { ...summary });
      return { summary, photos };
    });

    // The bytes as uploaded too (EXIF, location): a pending photo whose processing job was lost would
    // otherwise keep them, since nothing queues a photo whose row is gone.
    const keys = photos.flatMap((p) => [p.storageKey, p.thumbnailKey, ...(p.originalKey ? [p.originalKey] : [])]);
    const removals = await Promise.allSettled(keys.map((key) => this.photoStorage.remove(key)));
    const failures = removals.filter((r) => r.status === 'rejected').length;
    if (failures) this.logger.error({ residentId, failures }, 'photo files of a deleted account could not all be removed');
    return summary;
  }
}

/**
 * Hides phone numbers, 身份证 numbers and the resident's own name in everything they wrote that stays
 * after deletion: their concerns' titles, descriptions and rating comments (also kept as the rating's
 * timeline text), and their visit questions. The same masking the public board uses (shared maskPersonal).
 */
async function maskFreeText(em: EntityManager, residentId: number, names: string[]): Promise<void> {
  const mask = (text: string) => maskPersonal(text, { names });
  const maskNullable = (text: string | null) => (text === null ? null : mask(text));
  const concerns = await em.find(Concern, {
    where: { residentId },
    select: { id: true, title: true, description: true, ratingComment: true },
  });
  for (const c of concerns) {
    const masked = { title: mask(c.title), description: mask(c.description), ratingComment: maskNullable(c.ratingComment) };
    if (masked.title !== c.title || masked.description !== c.description || masked.ratingComment !== c.ratingComment)
      await em.update(Concern, { id: c.id }, masked);
  }
  if (concerns.length) {
    const events = await em.find(ConcernEvent, {
      where: { concernId: In(concerns.map((c) => c.id)), actorRole: 'resident' },
      select: { id: true, publicText: true, internalText: true },
    });
    for (const e of events) {
      const masked = { publicText: maskNullable(e.publicText), internalText: maskNullable(e.internalText) };
      if (masked.publicText !== e.publicText || masked.internalText !== e.internalText) await em.update(ConcernEvent, { id: e.id }, masked);
    }
  }
  for (const q of await em.find(VisitQuestion, { where: { residentId }, select: { id: true, text: true } })) {
    const text = mask(q.text);
    if (text !== q.text) await em.update(VisitQuestion, { id: q.id }, { text });
  }
}
