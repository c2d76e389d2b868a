import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WechatClientModule } from '../../common/wechat/wechat-client.module.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { AlertsModule } from '../alerts/alerts.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { NotificationDispatcher } from './notification-dispatcher.service.js';
import { InAppInboxSender, NotificationSender } from './notification-sender.js';
import { Notification } from './notification.entity.js';
import { NotificationsController, ResidentNotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';
import { SubscribeAttempt } from './subscribe-attempt.entity.js';
import { SubscribeConsent } from './subscribe-consent.entity.js';
import { SubscribeConsentsService } from './subscribe-consents.service.js';
import { WechatSubscribeSender } from './wechat-subscribe.sender.js';

/**
 * Delivery of the notification outbox (NotificationOutbox writes it, in the transaction of each event)
 * and the resident's in-app inbox; the same loop delivers the staff group-robot outbox (AlertsModule's
 * sender). With an AppID the WeChat subscribe-message sender, which spends the residents' subscribe
 * consents, replaces the sender line only.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Notification, SubscribeConsent, SubscribeAttempt]), AuthModule, AlertsModule, WechatClientModule],
  controllers: [NotificationsController, ResidentNotificationsController],
  providers: [
    NotificationsService,
    NotificationDispatcher,
    InAppInboxSender,
    WechatSubscribeSender,
    SubscribeConsentsService,
    // With an AppID the WeChat sender (subscribe message where a consent is left, in-app always); preview mode: in-app only.
    {
      provide: NotificationSender,
      inject: [APP_CONFIG, WechatSubscribeSender, InAppInboxSender],
      useFactory: (config: AppConfig, wechat: WechatSubscribeSender, inApp: InAppInboxSender) => (config.wechat ? wechat : inApp),
    },
  ],
  exports: [NotificationDispatcher, NotificationSender, SubscribeConsentsService],
})
export class NotificationsModule {}
