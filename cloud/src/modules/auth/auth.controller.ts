import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  previewLoginSchema,
  wechatLoginSchema,
  wechatPhoneSchema,
  type PreviewLoginInput,
  type WechatPhoneInput,
  type WechatPhoneView,
  type ResidentSession,
} from '@manyi/shared';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { ApiZodBody } from '../../openapi/openapi-schemas.js';
import { Auth } from './auth.guard.js';
import { AuthService } from './auth.service.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('preview/login')
  @HttpCode(200)
  @ApiOperation({ summary: '预览登录 — h5 development login; 404 when a WeChat AppID is configured' })
  @ApiZodBody(previewLoginSchema)
  previewLogin(@Body(new ZodValidationPipe(previewLoginSchema)) body: PreviewLoginInput): Promise<ResidentSession> {
    return this.auth.previewLogin(body);
  }

  @Post('preview/demo-resident')
  @HttpCode(200)
  @ApiOperation({ summary: '演示居民登录 — the demo district resident (demo and preview mode only; 404 otherwise)' })
  demoResidentLogin(): Promise<ResidentSession> {
    return this.auth.demoResidentLogin();
  }

  @Post('wechat/login')
  @HttpCode(200)
  @ApiOperation({
    summary: '微信登录 — code from wx.login → token; 400 for a stale code, 429 rate limit, 503 when WeChat is busy or not configured',
  })
  @ApiZodBody(wechatLoginSchema)
  wechatLogin(@Body(new ZodValidationPipe(wechatLoginSchema)) body: { code: string }): Promise<ResidentSession> {
    return this.auth.wechatLogin(body.code);
  }

  @Post('wechat/phone')
  @HttpCode(200)
  @Auth('resident')
  @ApiOperation({ summary: '微信手机号 — the getPhoneNumber button code → the number, for the report form; not stored by this call' })
  @ApiZodBody(wechatPhoneSchema)
  wechatPhone(@Body(new ZodValidationPipe(wechatPhoneSchema)) body: WechatPhoneInput): Promise<WechatPhoneView> {
    return this.auth.wechatPhone(body.code);
  }
}
