import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { WechatSettingsCheck } from '@manyi/shared';
import type { Repository } from 'typeorm';
import { AppException } from '../../common/errors/app.exception.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { Photo } from '../uploads/photo.entity.js';
import { UploadsService } from '../uploads/uploads.service.js';
import { ContentCheckService } from '../content-check/content-check.service.js';
import { WechatClient } from '../../common/wechat/wechat.client.js';

/** How far a push's signed timestamp may be from our clock (either way): WeChat sends at once, a replay comes later. */
const PUSH_FRESHNESS_S = 5 * 60;

export interface PushQuery {
  signature: string;
  timestamp: string;
  nonce: string;
  echostr?: string;
}

/** What GET /api/v1/admin/wechat/status answers: enough to see that each setting is in place. */
/**
 * The rest of the WeChat integration: the message-push callback (消息推送) and its signature, the
 * signed photo link for the image check, the settings check, and the start-up line saying which mode
 * the service runs in.
 */
@Injectable()
export class WechatService implements OnApplicationBootstrap {
  private readonly logger = new Logger(WechatService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly client: WechatClient,
    private readonly contentCheck: ContentCheckService,
    @InjectRepository(Photo) private readonly photos: Repository<Photo>,
    private readonly uploads: UploadsService,
  ) {}

  onApplicationBootstrap(): void {
    const w = this.config.wechat;
    if (!w) {
      if (this.config.previewLogin)
        this.logger.warn(
          'preview mode (no WECHAT_APPID) with the PREVIEW LOGIN ON: anyone who reaches this service can open resident accounts without WeChat — for demos and trials only; notifications go only to the in-app inbox, no content checks',
        );
      else this.logger.warn('no WECHAT_APPID and the preview login off: residents cannot sign in; set WECHAT_APPID and WECHAT_SECRET');
      return;
    }
    const missing = Object.entries(w.templates)
      .filter(([, id]) => !id)
      .map(([name]) => name);
    this.logger.log(
      {
        appId: w.appId,
        apiBase: w.apiBase,
        miniprogramState: w.miniprogramState,
        templatesMissing: missing,
        messagePush: w.pushToken ? 'on' : 'off',
        imageCheck: this.config.publicUrl ? 'on' : 'off',
      },
      `WeChat mode: AppID ${w.appId}; subscribe messages for ${3 - missing.length} of 3 templates; check with GET /api/v1/admin/wechat/status`,
    );
  }

  /**
   * WeChat signs each push with sha1 of the sorted [token, timestamp, nonce]. Without a configured
   * token every push is refused: an unsigned callback could hide any photo. A signed push whose
   * timestamp is more than PUSH_FRESHNESS_S from now is refused too: a recorded push cannot be replayed.
   */
  assertSigned(query: PushQuery, now = new Date()): void {
    const token = this.config.wechat?.pushToken;
    if (!token) throw new AppException('WECHAT_SIGNATURE_INVALID', '未配置消息推送 Token');
    const expected = createHash('sha1').update([token, query.timestamp, query.nonce].sort().join('')).digest('hex');
    const given = Buffer.from(query.signature.toLowerCase());
    if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected))) {
      this.logger.warn('message push with a bad signature refused');
      throw new AppException('WECHAT_SIGNATURE_INVALID');
    }
    const sent = Number(query.timestamp);
    if (!Number.isInteger(sent) || Math.abs(now.getTime() / 1000 - sent) > PUSH_FRESHNESS_S) {
      this.logger.warn({ timestamp: query.timestamp }, 'message push with a stale or future timestamp refused');
      throw new AppException('WECHAT_SIGNATURE_INVALID', '消息推送的时间戳已过期');
    }
  }

  /** Events other than the image check's verdict are acknowledged and ignored. */
  async handle(body: unknown): Promise<void> {
    const event = (parsePush(body) ?? {}) as { Event?: unknown; trace_id?: unknown; result?: { suggest?: unknown; label?: unknown } };
    if (event.Event !== 'wxa_media_check' || typeof event.trace_id !== 'string') return;
    const photo = await this.photos.findOneBy({ mediaTraceId: event.trace_id });
    if (!photo) {
      this.logger.warn({ traceId: event.trace_id }, 'image check verdict for an unknown trace id');
      return;
    }
    if (event.result?.suggest === 'risky') {
      await this.photos.update({ id: photo.id }, { hidden: true });
      this.logger.log({ photoId: photo.id, label: event.result.label }, 'photo hidden: the image check found it risky');
    }
  }

  async mediaForCheck(photoId: number, expires: number, sig: string): Promise<Buffer> {
    if (!this.contentCheck.verifyMediaLink(photoId, expires, sig)) throw new AppException('PHOTO_NOT_FOUND');
    // The re-encoded photo (processed now if it is still pending), never the upload with its EXIF.
    const bytes = await this.uploads.fileForCheck(photoId);
    if (!bytes) throw new AppException('PHOTO_NOT_FOUND');
    return bytes;
  }

  async checkSettings(): Promise<WechatSettingsCheck> {
    const w = this.config.wechat;
    let accessToken = 'not configured';
    if (w) {
      try {
        await this.client.accessToken();
        accessToken = 'ok';
      } catch (error) {
        accessToken = (error as Error).message;
      }
    }
    return {
      mode: w ? 'wechat' : 'preview',
      appId: w?.appId ?? null,
      apiBase: w?.apiBase ?? null,
      accessToken,
      templates: w?.templates ?? { replyPublished: null, progress: null, visit: null },
      miniprogramState: w?.miniprogramState ?? null,
      messagePushToken: w?.pushToken ? 'set' : 'not set',
      publicUrl: this.config.publicUrl,
    };
  }
}

/** JSON mode (数据格式 JSON) as parsed by Fastify, or the same text when it arrives as text/plain. */
function parsePush(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return null;
  }
}
