import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { AlertsModule } from '../alerts/alerts.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { Notification } from './notification.entity.js';
import { NotificationDispatcher } from './notification-dispatcher.service.js';
import { InAppInboxSender, NotificationSender } from './notification-sender.js';
import { NotificationsController, ResidentNotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';
import { WechatModule } from '../wechat/wechat.module.js';
import { WechatSubscribeSender } from '../wechat/wechat-subscribe.sender.js';

/**
 * Delivery of the notification outbox (written by the concern workflow with each event) and the
 * resident's in-app inbox; the same loop delivers the staff group-robot outbox (AlertsModule's sender).
 * The WeChat subscribe-message sender replaces the sender line only.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Notification]), AuthModule, AlertsModule, WechatModule],
  controllers: [NotificationsController, ResidentNotificationsController],
  providers: [
    NotificationsService,
    NotificationDispatcher,
    InAppInboxSender,
    // With an AppID the WeChat sender (subscribe message where a consent is left, in-app always); preview mode: in-app only.
    {
      provide: NotificationSender,
      inject: [APP_CONFIG, WechatSubscribeSender, InAppInboxSender],
      useFactory: (config: AppConfig, wechat: WechatSubscribeSender, inApp: InAppInboxSender) => (config.wechat ? wechat : inApp),
    },
  ],
  exports: [NotificationDispatcher, NotificationSender],
})
export class NotificationsModule {}
