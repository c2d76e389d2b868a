import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  STAFF_ROLES,
  changeOwnPasswordSchema,
  staffLoginSchema,
  totpDisableSchema,
  totpEnableSchema,
  type ChangePasswordInput,
  type StaffLoginInput,
  type StaffSessionView,
  type TotpDisableInput,
  type TotpEnableInput,
  type TotpSetupView,
  type TotpStatusView,
} from '@manyi/shared';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { ApiZodBody } from '../../openapi/openapi-schemas.js';
import type { StaffActor } from '../../common/actor.js';
import { AllowPendingPasswordChange, Auth, CurrentActor } from './auth.guard.js';
import { StaffAuthService } from './staff-auth.service.js';

@ApiTags('auth')
@Controller('auth/staff')
export class StaffAuthController {
  constructor(private readonly staffAuth: StaffAuthService) {}

  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary:
      '工作人员登录 — username and password (and `totp` when the account has TOTP on: 401 TOTP_REQUIRED asks for it) → token; ' +
      'after 5 failures of a username from one address each further attempt waits 15 s, doubling up to 15 min (429 LOGIN_THROTTLED with Retry-After)',
  })
  @ApiZodBody(staffLoginSchema)
  login(@Body(new ZodValidationPipe(staffLoginSchema)) body: StaffLoginInput, @Ip() address: string): Promise<StaffSessionView> {
    return this.staffAuth.login(body, address);
  }

  @Post('password')
  @HttpCode(200)
  @Auth(...STAFF_ROLES)
  @AllowPendingPasswordChange()
  @ApiOperation({
    summary:
      '修改密码 — current and new password (≥ 12, three classes, not the username, not the last 5) → a fresh token; every other session ends',
  })
  @ApiZodBody(changeOwnPasswordSchema)
  changePassword(
    @CurrentActor() actor: StaffActor,
    @Body(new ZodValidationPipe(changeOwnPasswordSchema)) body: ChangePasswordInput,
  ): Promise<StaffSessionView> {
    return this.staffAuth.changePassword(actor, body);
  }

  @Get('totp')
  @Auth(...STAFF_ROLES)
  @ApiOperation({ summary: '动态验证码状态 — whether the own account asks for a code, and whether its role may' })
  totpStatus(@CurrentActor() actor: StaffActor): Promise<TotpStatusView> {
    return this.staffAuth.totpStatus(actor);
  }

  @Post('totp/setup')
  @HttpCode(200)
  @Auth('admin', 'supervisor')
  @ApiOperation({ summary: '生成动态验证码密钥 — a new secret and otpauth URI for the authenticator app; not in force until enabled' })
  totpSetup(@CurrentActor() actor: StaffActor): Promise<TotpSetupView> {
    return this.staffAuth.totpSetup(actor);
  }

  @Post('totp/enable')
  @HttpCode(200)
  @Auth('admin', 'supervisor')
  @ApiOperation({ summary: '开启动态验证码 — a code from the app proves it holds the secret; later logins need a code' })
  @ApiZodBody(totpEnableSchema)
  totpEnable(
    @CurrentActor() actor: StaffActor,
    @Body(new ZodValidationPipe(totpEnableSchema)) body: TotpEnableInput,
  ): Promise<TotpStatusView> {
    return this.staffAuth.totpEnable(actor, body.code);
  }

  @Post('totp/disable')
  @HttpCode(200)
  @Auth('admin', 'supervisor')
  @ApiOperation({ summary: '关闭动态验证码 — password and a current code' })
  @ApiZodBody(totpDisableSchema)
  totpDisable(
    @CurrentActor() actor: StaffActor,
    @Body(new ZodValidationPipe(totpDisableSchema)) body: TotpDisableInput,
  ): Promise<TotpStatusView> {
    return this.staffAuth.totpDisable(actor, body);
  }
}
