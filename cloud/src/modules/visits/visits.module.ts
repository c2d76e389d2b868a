import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { ConcernsModule } from '../concerns/concerns.module.js';
import { NotificationOutboxModule } from '../notifications/notification-outbox.js';
import { ContentCheckModule } from '../content-check/content-check.module.js';
import { AdminVisitsController } from './admin-visits.controller.js';
import { OptionalAuthGuard } from './optional-auth.guard.js';
import { VisitExportService } from './visit-export.service.js';
import { VisitIntakeModule } from './visit-intake.service.js';
import { VisitIssue } from './visit-issue.entity.js';
import { VisitQuestion } from './visit-question.entity.js';
import { VisitQuestionsService } from './visit-questions.service.js';
import { VisitReminderService } from './visit-reminder.service.js';
import { VisitSignup } from './visit-signup.entity.js';
import { VisitSignupsService } from './visit-signups.service.js';
import { Visit } from './visit.entity.js';
import { VisitsController } from './visits.controller.js';
import { VisitsRepository } from './visits.repository.js';
import { VisitsService } from './visits.service.js';

/** "满意在徐汇" visits: the schedule, sign-ups and the waiting list, questions ahead, the record and issues after. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Visit, VisitSignup, VisitQuestion, VisitIssue]),
    AuthModule,
    AuditModule,
    ConcernsModule,
    NotificationOutboxModule,
    ContentCheckModule,
    VisitIntakeModule,
  ],
  controllers: [VisitsController, AdminVisitsController],
  providers: [
    VisitsService,
    VisitSignupsService,
    VisitQuestionsService,
    VisitReminderService,
    VisitExportService,
    OptionalAuthGuard,
    VisitsRepository,
  ],
  exports: [VisitReminderService, VisitSignupsService],
})
export class VisitsModule {}
