import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { AdminCalendarController } from './admin-calendar.controller.js';
import { AdminDeadlineSettingsController } from './admin-deadline-settings.controller.js';
import { CalendarAdminService } from './calendar-admin.service.js';
import { CalendarDayRow } from './calendar-day.entity.js';
import { CalendarYear } from './calendar-year.entity.js';
import { DeadlineRulesService } from './deadline-rules.service.js';
import { DeadlineSettingsRow } from './deadline-settings.entity.js';
import { DeadlineSettingsService } from './deadline-settings.service.js';

/**
 * 工作日历与时限设置: the working calendar and the deadline rules as data, kept in memory on every
 * instance (DeadlineRulesService), edited by admins. Whatever computes a deadline imports this module.
 */
@Module({
  imports: [TypeOrmModule.forFeature([CalendarYear, CalendarDayRow, DeadlineSettingsRow]), AuthModule, AuditModule],
  controllers: [AdminCalendarController, AdminDeadlineSettingsController],
  providers: [DeadlineRulesService, CalendarAdminService, DeadlineSettingsService],
  exports: [DeadlineRulesService, CalendarAdminService],
})
export class DeadlinesModule {}
