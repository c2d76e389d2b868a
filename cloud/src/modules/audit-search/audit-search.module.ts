import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { AuditSearchService } from './audit-search.service.js';
import { AuditController } from './audit.controller.js';
import { AuditRepository } from './audit.repository.js';

/** The admin page's search over the audit log (staff names from AuthModule's accounts). */
@Module({
  imports: [AuthModule],
  controllers: [AuditController],
  providers: [AuditSearchService, AuditRepository],
})
export class AuditSearchModule {}
