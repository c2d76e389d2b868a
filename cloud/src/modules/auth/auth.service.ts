import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { PreviewLoginInput, ResidentSession } from '@manyi/shared';
import { IsNull, type Repository } from 'typeorm';
import { AppException } from '../../common/errors/app.exception.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/app-config.js';
import { isUniqueViolation } from '../../database/driver-errors.js';
import { WechatClient } from '../../common/wechat/wechat.client.js';
import { residentFacingWechatError } from '../../common/wechat/wechat.errors.js';
import { Resident } from './resident.entity.js';
import { TokenService } from '../../common/security/token.service.js';

/** A WeChat resident's name until they give one; WeChat no longer hands out nicknames. */
export const WECHAT_DEFAULT_NICKNAME = '微信用户';

/** 演示居民: the resident the h5 preview's button signs in as (the demo district seeds it). */
export const DEMO_RESIDENT_NICKNAME = '演示居民';

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(Resident) private readonly residents: Repository<Resident>,
    private readonly tokens: TokenService,
    private readonly wechat: WechatClient,
  ) {}

  /** A development and demo login for the h5 build, only where it was switched on (config.previewLogin). */
  async previewLogin(input: PreviewLoginInput): Promise<ResidentSession> {
    if (!this.config.previewLogin) throw new AppException('PREVIEW_LOGIN_DISABLED');
    const resident = await this.residents.save(
      this.residents.create({ openid: null, unionid: null, nickname: input.nickname, isPreview: true, deletedAt: null }),
    );
    return this.residentSession(resident);
  }

  /**
   * 演示居民: the preview login as the demo district's resident, who already has concerns to follow and
   * one to rate. Only in demo mode and preview mode, so it never opens an account on a real deployment.
   */
  async demoResidentLogin(): Promise<ResidentSession> {
    if (!this.config.previewLogin) throw new AppException('PREVIEW_LOGIN_DISABLED');
    if (!this.config.demo) throw new AppException('DEMO_RESIDENT_UNAVAILABLE');
    const resident = await this.residents.findOneBy({ isDemo: true, nickname: DEMO_RESIDENT_NICKNAME, deletedAt: IsNull() });
    if (!resident) throw new AppException('DEMO_RESIDENT_UNAVAILABLE');
    return this.residentSession(resident);
  }

  /**
   * 微信登录: the wx.login code → WeChat's code2Session → the resident with that openid, created on first
   * login. A resident known by unionid (the same person through another app of the district's open
   * platform account) keeps their account. The session_key is dropped by the client and never stored.
   */
  async wechatLogin(code: string): Promise<ResidentSession> {
    if (!this.wechat.configured) throw new AppException('WECHAT_NOT_CONFIGURED');
    let identity: { openid: string; unionid: string | null };
    try {
      identity = await this.wechat.code2Session(code);
    } catch (error) {
      throw residentFacingWechatError(error);
    }
    const existing = await this.findWechatResident(identity);
    if (existing) return this.residentSession(existing);
    try {
      const created = await this.residents.save(
        this.residents.create({ ...identity, nickname: WECHAT_DEFAULT_NICKNAME, isPreview: false, deletedAt: null }),
      );
      this.logger.log({ residentId: created.id }, 'new WeChat resident');
      return this.residentSession(created);
    } catch (error) {
      // Two first logins of the same person racing: the unique openid lets one in; the other signs in as it.
      if (!isUniqueViolation(error)) throw error;
      const raced = await this.residents.findOneByOrFail({ openid: identity.openid });
      return this.residentSession(raced);
    }
  }

  private async findWechatResident({ openid, unionid }: { openid: string; unionid: string | null }): Promise<Resident | null> {
    const byOpenid = await this.residents.findOneBy({ openid });
    if (byOpenid) {
      if (unionid && byOpenid.unionid !== unionid) await this.residents.update({ id: byOpenid.id }, { unionid });
      return byOpenid;
    }
    if (!unionid) return null;
    const byUnionid = await this.residents.findOneBy({ unionid, openid: IsNull(), deletedAt: IsNull(), isPreview: false });
    if (!byUnionid) return null;
    await this.residents.update({ id: byUnionid.id }, { openid });
    return { ...byUnionid, openid };
  }

  /** 手机号快速验证: the number the resident chose to share, for their report form; not stored here. */
  async wechatPhone(code: string): Promise<{ phoneNumber: string }> {
    if (!this.wechat.configured) throw new AppException('WECHAT_NOT_CONFIGURED', '预览模式不能获取微信手机号，请手动填写');
    try {
      return { phoneNumber: await this.wechat.phoneNumber(code) };
    } catch (error) {
      throw residentFacingWechatError(error);
    }
  }

  residentSession(resident: Resident): ResidentSession {
    const { token, expiresIn } = this.tokens.issue({ sub: resident.id, kind: 'resident', ver: 0 });
    return { token, expiresIn, resident: { id: resident.id, nickname: resident.nickname } };
  }
}
