import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FieldCipher } from '../../common/crypto/field-cipher.js';
import { AuditModule } from '../audit/audit.module.js';
import { DeadlinesModule } from '../deadlines/deadlines.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { ConcernEvent } from '../concerns/concern-event.entity.js';
import { Concern } from '../concerns/concern.entity.js';
import { Notification } from '../notifications/notification.entity.js';
import { Photo } from '../uploads/photo.entity.js';
import { VisitsModule } from '../visits/visits.module.js';
import { MeController } from './me.controller.js';
import { MeService } from './me.service.js';

/**
 * The resident's data rights: a copy of everything held about them, and deleting the account. The
 * photo files are removed through UploadsModule's PhotoStorage (looked up at deletion time, so that an
 * object store configured there is the one files are removed from).
 */
@Module({
  imports: [TypeOrmModule.forFeature([Concern, ConcernEvent, Notification, Photo]), AuthModule, AuditModule, DeadlinesModule, VisitsModule],
  controllers: [MeController],
  providers: [MeService, FieldCipher],
})
export class MeModule {}
