import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module.js';
import { Notification } from '../concerns/notification.entity.js';
import { NotificationDispatcher } from './notification-dispatcher.service.js';
import { InAppInboxSender, NotificationSender } from './notification-sender.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';

/**
 * Delivery of the notification outbox (written by the concern workflow with each event) and the
 * resident's in-app inbox. The WeChat subscribe-message sender replaces the sender line only.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Notification]), AuthModule],
  controllers: [NotificationsController],
  providers: [NotificationsService, NotificationDispatcher, { provide: NotificationSender, useClass: InAppInboxSender }],
  exports: [NotificationDispatcher, NotificationSender],
})
export class NotificationsModule {}
