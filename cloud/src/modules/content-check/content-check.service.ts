import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { ContentReviewFlag } from '@manyi/shared';
import type { Repository } from 'typeorm';
import { AppException } from '../../common/errors/app.exception.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { Resident } from '../auth/resident.entity.js';
import { WechatClient, type ContentScene } from '../../common/wechat/wechat.client.js';
import { WechatApiError, WechatUnavailableError } from '../../common/wechat/wechat.errors.js';

/** msg_sec_check reads at most this many characters. */
export const MAX_CHECKED_TEXT = 2500;
/**
 * 论坛 (3): a concern is a post that staff and, de-identified, other residents read — closer to a forum
 * post than to a profile (1) or a comment (2).
 */
const RESIDENT_TEXT_SCENE: ContentScene = 3;
/** How long WeChat's image check may take to fetch a photo through its signed link. */
export const MEDIA_LINK_TTL_MS = 60 * 60_000;

/**
 * WeChat's content security (内容安全) for what residents write and upload. Text is checked before it is
 * stored: risky text is refused with a kind message; text WeChat wants a person to look at, or that
 * could not be checked because WeChat was unreachable, is accepted and flagged for the dispatcher —
 * an outage must not stop a resident from reporting. Photos are checked asynchronously (the verdict
 * arrives at the message-push callback). In preview mode nothing is checked.
 */
@Injectable()
export class ContentCheckService {
  private readonly logger = new Logger(ContentCheckService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly wechat: WechatClient,
    @InjectRepository(Resident) private readonly residents: Repository<Resident>,
  ) {}

  /** null: passed (or preview mode); a flag: accepted, but a person should look; throws CONTENT_REFUSED for risky text. */
  async checkResidentText(residentId: number, text: string): Promise<ContentReviewFlag | null> {
    if (!this.wechat.configured) return null;
    const openid = (await this.residents.findOneBy({ id: residentId }))?.openid;
    if (!openid) return 'unchecked';
    try {
      const { suggest, label } = await this.wechat.checkText(openid, text.slice(0, MAX_CHECKED_TEXT), RESIDENT_TEXT_SCENE);
      if (suggest === 'risky') {
        this.logger.log({ residentId, label }, 'resident text refused by the content check');
        throw new AppException('CONTENT_REFUSED');
      }
      return suggest === 'review' ? 'review' : null;
    } catch (error) {
      if (error instanceof WechatUnavailableError || error instanceof WechatApiError) {
        // 61010 (the resident has not opened the app for 2 hours) lands here too: accepted, a person looks.
        this.logger.warn({ residentId, err: error }, 'content check unavailable; text accepted and flagged for review');
        return 'unchecked';
      }
      throw error;
    }
  }

  /**
   * Asks WeChat to check a resident's photo; the trace id comes back with the verdict. WeChat must be
   * able to download the photo, so this needs MANYI_PUBLIC_URL; without it the check is skipped (logged).
   * Returns the trace id, or null when nothing was asked.
   */
  async requestImageCheck(residentId: number, photoId: number, now = Date.now()): Promise<string | null> {
    if (!this.wechat.configured) return null;
    if (!this.config.publicUrl) {
      this.logger.log({ photoId }, 'image check skipped: MANYI_PUBLIC_URL is not set, so WeChat cannot download the photo');
      return null;
    }
    const openid = (await this.residents.findOneBy({ id: residentId }))?.openid;
    if (!openid) return null;
    const expires = now + MEDIA_LINK_TTL_MS;
    const url = `${this.config.publicUrl}/api/v1/wechat/media/${photoId}?expires=${expires}&sig=${this.mediaSignature(photoId, expires)}`;
    return this.wechat.checkImageAsync(openid, url, RESIDENT_TEXT_SCENE);
  }

  /** True when `sig` is this service's signature for the photo and the link has not expired. */
  verifyMediaLink(photoId: number, expires: number, sig: string, now = Date.now()): boolean {
    if (!this.config.wechat || !Number.isFinite(expires) || expires < now) return false;
    const expected = Buffer.from(this.mediaSignature(photoId, expires));
    const given = Buffer.from(sig);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** Keyed with the AppSecret, which only this service and WeChat hold. */
  private mediaSignature(photoId: number, expires: number): string {
    return createHmac('sha256', this.config.wechat?.secret ?? '')
      .update(`photo:${photoId}:${expires}`)
      .digest('base64url');
  }
}
