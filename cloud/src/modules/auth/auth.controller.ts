import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { previewLoginSchema, staffLoginSchema, wechatLoginSchema, type PreviewLoginInput, type StaffLoginInput } from '@manyi/shared';
import { AppException } from '../../common/errors/app.exception.js';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { ApiZodBody } from '../../openapi/openapi-schemas.js';
import { AuthService, type ResidentSession, type StaffSession } from './auth.service.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('staff/login')
  @HttpCode(200)
  @ApiOperation({ summary: '工作人员登录 — username and password → token; locks for 15 minutes after 5 failures' })
  @ApiZodBody(staffLoginSchema)
  staffLogin(@Body(new ZodValidationPipe(staffLoginSchema)) body: StaffLoginInput): Promise<StaffSession> {
    return this.auth.staffLogin(body);
  }

  @Post('preview/login')
  @HttpCode(200)
  @ApiOperation({ summary: '预览登录 — h5 development login; 404 when a WeChat AppID is configured' })
  @ApiZodBody(previewLoginSchema)
  previewLogin(@Body(new ZodValidationPipe(previewLoginSchema)) body: PreviewLoginInput): Promise<ResidentSession> {
    return this.auth.previewLogin(body);
  }

  @Post('wechat/login')
  @HttpCode(200)
  @ApiOperation({ summary: '微信登录 — code from wx.login → token (the WeChat client arrives with its own issue)' })
  @ApiZodBody(wechatLoginSchema)
  wechatLogin(@Body(new ZodValidationPipe(wechatLoginSchema)) _body: { code: string }): never {
    throw new AppException('WECHAT_NOT_CONFIGURED');
  }
}
