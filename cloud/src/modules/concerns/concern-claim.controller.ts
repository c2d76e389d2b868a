import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { previewPhoneSchema, wechatPhoneSchema, type PhoneClaimView, type PreviewPhoneInput, type WechatPhoneInput } from '@manyi/shared';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { ApiZodBody } from '../../openapi/openapi-schemas.js';
import type { ResidentActor } from '../../common/actor.js';
import { Auth, CurrentActor } from '../auth/auth.guard.js';
import { ConcernClaimService } from './concern-claim.service.js';

/** 验证手机号: the resident proves a number and finds the concerns staff filed for it (代录) in 我的诉求. */
@ApiTags('me')
@Controller()
export class ConcernClaimController {
  constructor(private readonly claims: ConcernClaimService) {}

  @Post('me/phone')
  @HttpCode(200)
  @Auth('resident')
  @ApiZodBody(wechatPhoneSchema)
  @ApiOperation({
    summary: '验证手机号 — the getPhoneNumber button code; the concerns staff filed for that number (no owner yet) become mine; audited',
  })
  verifyWithWechat(
    @CurrentActor() actor: ResidentActor,
    @Body(new ZodValidationPipe(wechatPhoneSchema)) body: WechatPhoneInput,
  ): Promise<PhoneClaimView> {
    return this.claims.claimWithWechatCode(actor, body.code);
  }

  @Post('auth/preview/phone')
  @HttpCode(200)
  @Auth('resident')
  @ApiZodBody(previewPhoneSchema)
  @ApiOperation({ summary: '预览验证手机号 — preview mode’s stand-in for the WeChat button (h5); 404 when the preview login is off' })
  verifyInPreview(
    @CurrentActor() actor: ResidentActor,
    @Body(new ZodValidationPipe(previewPhoneSchema)) body: PreviewPhoneInput,
  ): Promise<PhoneClaimView> {
    return this.claims.claimInPreview(actor, body.phone);
  }
}
