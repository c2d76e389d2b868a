import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditLog } from './audit-log.entity.js';
import { AuditService } from './audit.service.js';

/**
 * The audit log's writer: every module records its staff actions through AuditService, in the
 * transaction of the action. Below auth (staff sign-ins are recorded too); the search over the log is
 * AuditSearchModule's, above.
 */
@Module({
  imports: [TypeOrmModule.forFeature([AuditLog])],
  providers: [AuditService],
  exports: [AuditService],
})
export class AuditModule {}
