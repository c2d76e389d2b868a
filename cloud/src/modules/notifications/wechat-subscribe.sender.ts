import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, MoreThan, type DataSource } from 'typeorm';
import type { AppConfig, WechatConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { MAX_DELIVERY_ATTEMPTS } from './notification-dispatcher.service.js';
import { Notification } from './notification.entity.js';
import { NotificationSender, type OutgoingNotification } from './notification-sender.js';
import { SubscribeAttempt, type SubscribeAttemptOutcome } from './subscribe-attempt.entity.js';
import { SubscribeConsent } from './subscribe-consent.entity.js';
import { dataFor, pageFor, templateFor, type MessageSubject } from './subscribe-message.js';
import { WechatClient } from '../../common/wechat/wechat.client.js';
import { WECHAT_ERRCODES, WechatApiError, WechatUnavailableError } from '../../common/wechat/wechat.errors.js';

/**
 * The outbox's sender when an AppID is configured: every row is the in-app message (delivered by the
 * dispatcher marking it), and it is also sent as a WeChat subscribe message when the resident has a
 * consent left for its template.
 *
 * - The consent is spent (−1) in the transaction that records the attempt, before the call; it is
 *   given back when WeChat did not take the message.
 * - The reply-published message has priority: when the progress template is the reply template too,
 *   an "accepted" message leaves the last consent for the reply.
 * - Busy or unreachable WeChat: the send throws, so the dispatcher keeps the row pending and retries
 *   with its own back-off; on the row's last attempt the WeChat copy is given up and the in-app message
 *   is still delivered. 43101 (no consent on WeChat's side): given up at once and our count zeroed.
 * - The dispatcher claims a row before sending and takes back claims of dead instances, so a row can
 *   reach this sender again after a crash. An attempt already `sent` is never repeated; one left
 *   `sending` (the process died during the call) may have reached WeChat, so it is not repeated either
 *   — a resident may miss a WeChat copy, never get two, and always has the in-app message.
 */
@Injectable()
export class WechatSubscribeSender extends NotificationSender {
  private readonly logger = new Logger(WechatSubscribeSender.name);
  private readonly settings: WechatConfig | null;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly wechat: WechatClient,
  ) {
    super();
    this.settings = config.wechat;
  }

  async send(n: OutgoingNotification): Promise<void> {
    if (!this.settings) return;
    const templateId = templateFor(n.kind, this.settings.templates);
    const openid = n.resident.openid;
    if (!templateId || !openid) return;

    const attempts = this.dataSource.getRepository(SubscribeAttempt);
    const earlier = await attempts.find({
      where: { notificationId: n.id, outcome: In(['sent', 'sending', 'unknown', 'no_consent', 'refused']) },
    });
    if (earlier.length) {
      // Already sent, given up, or cut off mid-call by a crash: this message is not sent (again).
      await attempts.update({ notificationId: n.id, outcome: 'sending' }, { outcome: 'unknown', finishedAt: new Date() });
      return;
    }

    const subject = await this.subject(n);
    const attemptId = await this.spendConsent(n, templateId);
    if (attemptId === null) return;

    try {
      await this.wechat.sendSubscribeMessage({ touser: openid, templateId, page: pageFor(subject), data: dataFor(subject) });
    } catch (error) {
      if (error instanceof WechatApiError && error.errcode === WECHAT_ERRCODES.NO_SUBSCRIPTION) {
        await this.finish(attemptId, 'no_consent', error.errcode, { residentId: n.residentId, templateId, zero: true });
        this.logger.log({ notificationId: n.id, templateId }, 'no subscribe consent on WeChat’s side (43101); in-app only');
        return;
      }
      if (error instanceof WechatApiError) {
        await this.finish(attemptId, 'refused', error.errcode, { residentId: n.residentId, templateId, refund: true });
        this.logger.error(
          { notificationId: n.id, templateId, errcode: error.errcode },
          'WeChat refused the subscribe message; in-app only',
        );
        return;
      }
      if (!(error instanceof WechatUnavailableError)) throw error;
      await this.finish(attemptId, 'failed', null, { residentId: n.residentId, templateId, refund: true });
      // The dispatcher marks a row failed after its last attempt, which would hide the in-app message too.
      if (n.attempts >= MAX_DELIVERY_ATTEMPTS) {
        this.logger.warn({ notificationId: n.id }, 'WeChat unavailable on the last attempt; subscribe message given up, in-app only');
        return;
      }
      throw error;
    }
    await this.finish(attemptId, 'sent', null);
  }

  /** −1 consent and the attempt row, in one transaction; null when no consent is left (in-app only). */
  private async spendConsent(n: OutgoingNotification, templateId: string): Promise<number | null> {
    // Keep the last consent of a shared template for the reply, which matters most to the resident.
    const reserve = n.kind === 'accepted' && templateId === this.settings?.templates.replyPublished ? 1 : 0;
    return this.dataSource.transaction(async (em) => {
      const spent = await em
        .createQueryBuilder()
        .update(SubscribeConsent)
        .set({ remaining: () => 'remaining - 1' })
        .where('resident_id = :rid AND template_id = :tid AND remaining > :reserve', { rid: n.residentId, tid: templateId, reserve })
        .execute();
      if (spent.affected !== 1) return null;
      const attempt = await em.save(
        em.create(SubscribeAttempt, { notificationId: n.id, templateId, outcome: 'sending', errcode: null, finishedAt: null }),
      );
      return attempt.id;
    });
  }

  private async finish(
    attemptId: number,
    outcome: SubscribeAttemptOutcome,
    errcode: number | null,
    consent?: { residentId: number; templateId: string; refund?: boolean; zero?: boolean },
  ): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await em.update(SubscribeAttempt, { id: attemptId }, { outcome, errcode, finishedAt: new Date() });
      if (!consent) return;
      const where = { residentId: consent.residentId, templateId: consent.templateId };
      if (consent.zero) await em.update(SubscribeConsent, { ...where, remaining: MoreThan(0) }, { remaining: 0 });
      else if (consent.refund) await em.increment(SubscribeConsent, where, 'remaining', 1);
    });
  }

  private async subject(n: OutgoingNotification): Promise<MessageSubject> {
    // Through the row's own relations: the outbox sits below the concerns and visits it tells about.
    const row = await this.dataSource
      .getRepository(Notification)
      .findOne({ where: { id: n.id }, relations: { concern: true, visit: true } });
    const concern = row?.concern ?? null;
    const visit = row?.visit ?? null;
    return {
      kind: n.kind,
      title: n.title,
      body: n.body,
      createdAt: n.createdAt,
      concern: concern ? { id: concern.id, code: concern.code, title: concern.title } : null,
      visit: visit ? { id: visit.id, title: visit.title, startsAt: visit.startsAt, place: visit.place } : null,
    };
  }
}
