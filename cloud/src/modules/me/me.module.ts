import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { DeadlinesModule } from '../deadlines/deadlines.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { ConcernEvent } from '../concerns/concern-event.entity.js';
import { Concern } from '../concerns/concern.entity.js';
import { Notification } from '../notifications/notification.entity.js';
import { Photo } from '../uploads/photo.entity.js';
import { UploadsModule } from '../uploads/uploads.module.js';
import { VisitsModule } from '../visits/visits.module.js';
import { MeController } from './me.controller.js';
import { MeService } from './me.service.js';

/**
 * The resident's data rights: a copy of everything held about them, and deleting the account. The
 * photo files are removed through UploadsModule's PhotoStorage, so an object store configured there is
 * the one files are removed from.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([Concern, ConcernEvent, Notification, Photo]),
    AuthModule,
    AuditModule,
    DeadlinesModule,
    UploadsModule,
    VisitsModule,
  ],
  controllers: [MeController],
  providers: [MeService],
})
export class MeModule {}
