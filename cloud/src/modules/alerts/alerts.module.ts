import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { AdminAlertsController } from './admin-alerts.controller.js';
import { AlertWebhookSender } from './alert-webhook.sender.js';
import { StaffAlertsService } from './staff-alerts.service.js';

/**
 * 工作提醒: staff alerts (written by the workflow and the sweep with raiseStaffAlerts), the bell's routes,
 * and the group-robot sender the notification dispatcher delivers the robot outbox with.
 */
@Module({
  imports: [AuthModule],
  controllers: [AdminAlertsController],
  providers: [StaffAlertsService, AlertWebhookSender],
  exports: [AlertWebhookSender],
})
export class AlertsModule {}
