import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { normaliseMobile, type PhoneClaimView } from '@manyi/shared';
import type { DataSource } from 'typeorm';
import { FieldCipher, maskPhone } from '../../common/crypto/field-cipher.js';
import { AppException } from '../../common/errors/app.exception.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { AuditService } from '../audit/audit.service.js';
import type { ResidentActor } from '../../common/actor.js';
import { Resident } from '../auth/resident.entity.js';
import { WechatClient } from '../../common/wechat/wechat.client.js';
import { residentFacingWechatError } from '../../common/wechat/wechat.errors.js';
import { ConcernIntake } from './concern-intake.entity.js';
import { Concern } from './concern.entity.js';

/**
 * 认领代录诉求: a resident who has verified a phone number takes the concerns staff filed for that number
 * (代录) into 我的诉求, where they follow and rate them like their own. The match is deliberately narrow:
 * the exact number in its normal form (normaliseMobile), found by its keyed lookup hash
 * (FieldCipher.lookupHash) among staff intakes only, and only those no resident has yet — a concern the
 * resident filed themself, a partner's, or one already claimed is never moved. The number must come from
 * WeChat's phone-number button (verified by WeChat), or, in preview mode only, be typed in. Each claim is
 * audited with the masked number and the concerns it took.
 */
@Injectable()
export class ConcernClaimService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly wechat: WechatClient,
  ) {}

  /** The getPhoneNumber button's code → the number WeChat verified → the concerns filed for it. */
  async claimWithWechatCode(actor: ResidentActor, code: string, now = new Date()): Promise<PhoneClaimView> {
    if (!this.wechat.configured) throw new AppException('WECHAT_NOT_CONFIGURED', '预览模式不能获取微信手机号，请使用预览验证');
    let number: string;
    try {
      number = await this.wechat.phoneNumber(code);
    } catch (error) {
      throw residentFacingWechatError(error);
    }
    const phone = normaliseMobile(number);
    if (phone === null) throw new AppException('VALIDATION_FAILED', '该手机号不是中国大陆手机号，无法查找代为登记的诉求');
    return this.claim(actor, phone, 'wechat', now);
  }

  /** Preview mode's stand-in for the button (h5, no WeChat): the number as typed, only where the preview login is on. */
  async claimInPreview(actor: ResidentActor, phone: string, now = new Date()): Promise<PhoneClaimView> {
    if (!this.config.previewLogin || this.wechat.configured) throw new AppException('PREVIEW_LOGIN_DISABLED');
    return this.claim(actor, phone, 'preview', now);
  }

  private claim(actor: ResidentActor, phone: string, via: 'wechat' | 'preview', now: Date): Promise<PhoneClaimView> {
    const phoneHash = this.cipher.lookupHash('phone', phone);
    return this.dataSource.transaction(async (em) => {
      const resident = await em.findOneBy(Resident, { id: actor.residentId });
      if (!resident || resident.deletedAt) throw new AppException('UNAUTHENTICATED');
      const candidates = await em
        .getRepository(ConcernIntake)
        .createQueryBuilder('i')
        .innerJoin(Concern, 'c', 'c.id = i.concern_id')
        .where('i.phone_hash = :phoneHash', { phoneHash })
        .andWhere('c.resident_id IS NULL')
        .orderBy('i.concern_id', 'ASC')
        .getMany();
      const concernIds: number[] = [];
      for (const intake of candidates) {
        // Conditional on still having no owner: of two residents verifying the same number at once, one takes it.
        const taken = await em
          .createQueryBuilder()
          .update(Concern)
          .set({ residentId: actor.residentId })
          .where('id = :id AND resident_id IS NULL', { id: intake.concernId })
          .execute();
        if (!taken.affected) continue;
        await em.update(ConcernIntake, { id: intake.id }, { claimedAt: now });
        concernIds.push(intake.concernId);
      }
      await this.audit.record(
        em,
        actor,
        'concern.claim',
        { type: 'resident', id: actor.residentId },
        { via, phone: maskPhone(phone), concernIds },
      );
      return { phone: maskPhone(phone), claimed: concernIds.length, concernIds };
    });
  }
}
