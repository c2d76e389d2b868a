import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module.js';
import { Photo } from '../uploads/photo.entity.js';
import { UploadsModule } from '../uploads/uploads.module.js';
import { SubscribeAttempt } from './subscribe-attempt.entity.js';
import { SubscribeConsent } from './subscribe-consent.entity.js';
import { SubscribeConsentsService } from './subscribe-consents.service.js';
import { WechatClientModule } from './wechat-client.module.js';
import { WechatSubscribeSender } from './wechat-subscribe.sender.js';
import { WechatController } from './wechat.controller.js';
import { WechatService } from './wechat.service.js';

/**
 * The WeChat routes (client config, subscribe consents, message push, settings check) and the
 * subscribe-message sender, which NotificationsModule puts in place of the in-app one when an AppID is set.
 */
@Module({
  imports: [TypeOrmModule.forFeature([SubscribeConsent, SubscribeAttempt, Photo]), AuthModule, UploadsModule, WechatClientModule],
  controllers: [WechatController],
  providers: [SubscribeConsentsService, WechatService, WechatSubscribeSender],
  exports: [WechatSubscribeSender],
})
export class WechatModule {}
