import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { DeadlinesModule } from '../deadlines/deadlines.module.js';
import { DirectoryModule } from '../directory/directory.module.js';
import { UploadsModule } from '../uploads/uploads.module.js';
import { WechatClientModule } from '../../common/wechat/wechat-client.module.js';
import { ContentCheckModule } from '../content-check/content-check.module.js';
import { AdminCoHandlingController } from './admin-co-handling.controller.js';
import { AdminConcernIntakeController } from './admin-concern-intake.controller.js';
import { AdminConcernsController } from './admin-concerns.controller.js';
import { AdminFollowUpController } from './admin-follow-up.controller.js';
import { AdminStatsController } from './admin-stats.controller.js';
import { ConcernFollowUpService } from './concern-follow-up.service.js';
import { ConcernActionsService } from './concern-actions.service.js';
import { ConcernBulkDispatchService } from './concern-bulk-dispatch.service.js';
import { ConcernCoHandlingService } from './concern-co-handling.service.js';
import { ConcernClaimController } from './concern-claim.controller.js';
import { ConcernClaimService } from './concern-claim.service.js';
import { ConcernDeadlineRecount } from './concern-deadline-recount.service.js';
import { ConcernEvent } from './concern-event.entity.js';
import { ConcernPhoto } from './concern-photo.entity.js';
import { ConcernInboxRepository } from './concern-inbox.repository.js';
import { ConcernInboxService } from './concern-inbox.service.js';
import { ConcernIntakeService } from './concern-intake.service.js';
import { ConcernRatesService } from './concern-rates.service.js';
import { ConcernReclassifyService } from './concern-reclassify.service.js';
import { ConcernStatsExportService } from './concern-stats-export.service.js';
import { ConcernStatsRepository } from './concern-stats.repository.js';
import { ConcernStatsService } from './concern-stats.service.js';
import { ConcernSweepService } from './concern-sweep.service.js';
import { ConcernWorkflow } from './concern-workflow.service.js';
import { Concern } from './concern.entity.js';
import { ConcernsController } from './concerns.controller.js';
import { ConcernsService } from './concerns.service.js';
import { NotificationOutboxModule } from '../notifications/notification-outbox.js';
import { ConcernPhotoAccessModule } from './concern-photo-access.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([Concern, ConcernEvent, ConcernPhoto]),
    NotificationOutboxModule,
    ConcernPhotoAccessModule,
    AuthModule,
    AuditModule,
    DeadlinesModule,
    DirectoryModule,
    UploadsModule,
    WechatClientModule,
    ContentCheckModule,
  ],
  controllers: [
    ConcernsController,
    ConcernClaimController,
    AdminConcernIntakeController,
    AdminConcernsController,
    AdminCoHandlingController,
    AdminStatsController,
    AdminFollowUpController,
  ],
  providers: [
    ConcernWorkflow,
    ConcernFollowUpService,
    ConcernsService,
    ConcernActionsService,
    ConcernBulkDispatchService,
    ConcernCoHandlingService,
    ConcernClaimService,
    ConcernDeadlineRecount,
    ConcernInboxRepository,
    ConcernInboxService,
    ConcernIntakeService,
    ConcernRatesService,
    ConcernReclassifyService,
    ConcernStatsRepository,
    ConcernStatsService,
    ConcernStatsExportService,
    ConcernSweepService,
  ],
  exports: [ConcernsService, ConcernActionsService, ConcernCoHandlingService, ConcernWorkflow, ConcernSweepService],
})
export class ConcernsModule {}
