import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WechatClientModule } from '../../common/wechat/wechat-client.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { ContentCheckModule } from '../content-check/content-check.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { Photo } from '../uploads/photo.entity.js';
import { UploadsModule } from '../uploads/uploads.module.js';
import { WechatController } from './wechat.controller.js';
import { WechatService } from './wechat.service.js';

/**
 * The WeChat routes: client config, subscribe consents (kept by NotificationsModule, whose sender spends
 * them), the message-push callback with the image-check verdicts, the settings check.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Photo]), AuthModule, UploadsModule, WechatClientModule, ContentCheckModule, NotificationsModule],
  controllers: [WechatController],
  providers: [WechatService],
})
export class WechatModule {}
