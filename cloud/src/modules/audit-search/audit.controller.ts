import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ADMIN_AREA_ROLES, auditQuerySchema, type AuditEntryView, type AuditQuery, type Page } from '@manyi/shared';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { Auth } from '../auth/auth.guard.js';
import { AuditSearchService } from './audit-search.service.js';

@ApiTags('admin: audit')
@Controller('admin/audit')
export class AuditController {
  constructor(private readonly search: AuditSearchService) {}

  @Get()
  @Auth(...ADMIN_AREA_ROLES.audit)
  @ApiOperation({ summary: '操作日志 — by actor username, action (name or prefix), entity, Shanghai dates; newest first, keyset paged' })
  list(@Query(new ZodValidationPipe(auditQuerySchema)) query: AuditQuery): Promise<Page<AuditEntryView>> {
    return this.search.search(query);
  }
}
