import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  STAFF_ALERT_ROLES,
  markAlertsReadSchema,
  staffAlertQuerySchema,
  type MarkAlertsReadInput,
  type StaffAlertPage,
  type StaffAlertQuery,
  type AlertsReadView,
} from '@manyi/shared';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { ApiZodBody } from '../../openapi/openapi-schemas.js';
import type { StaffActor } from '../../common/actor.js';
import { Auth, CurrentActor } from '../auth/auth.guard.js';
import { StaffAlertsService } from './staff-alerts.service.js';

/** 工作提醒: the notification center of the admin page (the bell). */
@ApiTags('admin: alerts')
@Controller('admin/alerts')
export class AdminAlertsController {
  constructor(private readonly alerts: StaffAlertsService) {}

  @Get()
  @Auth(...STAFF_ALERT_ROLES)
  @ApiOperation({ summary: '我的提醒 — newest first, cursor paged, with the unread count' })
  list(
    @CurrentActor() actor: StaffActor,
    @Query(new ZodValidationPipe(staffAlertQuerySchema)) query: StaffAlertQuery,
  ): Promise<StaffAlertPage> {
    return this.alerts.list(actor, query);
  }

  @Post('read')
  @HttpCode(200)
  @Auth(...STAFF_ALERT_ROLES)
  @ApiZodBody(markAlertsReadSchema)
  @ApiOperation({ summary: '标为已读 — { ids } of mine, or { all: true }; answers the unread count' })
  read(
    @CurrentActor() actor: StaffActor,
    @Body(new ZodValidationPipe(markAlertsReadSchema)) body: MarkAlertsReadInput,
  ): Promise<AlertsReadView> {
    return this.alerts.markRead(actor, body);
  }
}
