import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ADMIN_AREA_ROLES,
  id,
  subscribeConsentsSchema,
  type ClientConfigView,
  type SubscribeConsentsInput,
  type SubscribeConsentsView,
  type WechatSettingsCheck,
} from '@manyi/shared';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { ApiZodBody } from '../../openapi/openapi-schemas.js';
import type { ResidentActor } from '../../common/actor.js';
import { Auth, CurrentActor } from '../auth/auth.guard.js';
import { SubscribeConsentsService } from '../notifications/subscribe-consents.service.js';
import { WechatService, type PushQuery } from './wechat.service.js';

const pushQuery = z.object({
  signature: z.string().max(64).default(''),
  timestamp: z.string().max(20).default(''),
  nonce: z.string().max(64).default(''),
  echostr: z.string().max(256).optional(),
});
const mediaQuery = z.object({ expires: z.coerce.number().int().positive(), sig: z.string().max(64) });
const photoId = new ZodValidationPipe(id('照片'));

@ApiTags('wechat')
@Controller()
export class WechatController {
  constructor(
    private readonly consents: SubscribeConsentsService,
    private readonly wechat: WechatService,
  ) {}

  @Get('client-config')
  @ApiOperation({ summary: '小程序配置 — login kind (wechat or preview) and the subscribe templates to ask consent for' })
  clientConfig(): ClientConfigView {
    return this.consents.clientConfig();
  }

  @Post('me/subscribe-consents')
  @HttpCode(200)
  @Auth('resident')
  @ApiOperation({ summary: '订阅消息授权 — what requestSubscribeMessage answered; each accept pays for one message' })
  @ApiZodBody(subscribeConsentsSchema)
  recordConsents(
    @CurrentActor() actor: ResidentActor,
    @Body(new ZodValidationPipe(subscribeConsentsSchema)) body: SubscribeConsentsInput,
  ): Promise<SubscribeConsentsView> {
    return this.consents.record(actor.residentId, body);
  }

  /** The WeChat console checks the message-push URL with a GET carrying echostr. */
  @Get('wechat/callback')
  @ApiExcludeEndpoint()
  verifyCallback(@Query(new ZodValidationPipe(pushQuery)) query: PushQuery, @Res({ passthrough: true }) reply: FastifyReply): string {
    this.wechat.assertSigned(query);
    void reply.type('text/plain');
    return query.echostr ?? '';
  }

  @Post('wechat/callback')
  @HttpCode(200)
  @ApiExcludeEndpoint()
  async callback(
    @Query(new ZodValidationPipe(pushQuery)) query: PushQuery,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    this.wechat.assertSigned(query);
    await this.wechat.handle(body);
    void reply.type('text/plain');
    return 'success';
  }

  /** The photo for WeChat's image check to download: a signed link that expires, no login. */
  @Get('wechat/media/:id')
  @ApiExcludeEndpoint()
  async media(
    @Param('id', photoId) photo: number,
    @Query(new ZodValidationPipe(mediaQuery)) query: { expires: number; sig: string },
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const bytes = await this.wechat.mediaForCheck(photo, query.expires, query.sig);
    void reply.type('image/jpeg').header('cache-control', 'no-store');
    return bytes;
  }

  @Get('admin/wechat/status')
  @Auth(...ADMIN_AREA_ROLES.wechat)
  @ApiOperation({ summary: '微信配置检查 — mode, settings present, and whether WeChat accepts the AppID and secret (fetches a token)' })
  status(): Promise<WechatSettingsCheck> {
    return this.wechat.checkSettings();
  }
}
