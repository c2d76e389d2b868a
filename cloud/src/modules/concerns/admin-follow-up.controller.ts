import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ADMIN_AREA_ROLES,
  callbackQueueQuerySchema,
  escalationsQuerySchema,
  type CallbackQueueQuery,
  type CallbackQueueView,
  type EscalationsQuery,
  type EscalationsView,
} from '@manyi/shared';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import type { StaffActor } from '../../common/actor.js';
import { Auth, CurrentActor } from '../auth/auth.guard.js';
import { ConcernFollowUpService } from './concern-follow-up.service.js';

/** 回访队列 and 督办清单. The callbacks and contacts themselves are steps: POST /admin/concerns/:id/callback|contact. */
@ApiTags('admin: concerns')
@Controller('admin')
export class AdminFollowUpController {
  constructor(private readonly followUp: ConcernFollowUpService) {}

  @Get('callbacks')
  @Auth(...ADMIN_AREA_ROLES.callbacks)
  @ApiOperation({
    summary: '回访队列 — replies published and not rated after the set days, and every concern from a channel without the app',
  })
  callbacks(
    @CurrentActor() actor: StaffActor,
    @Query(new ZodValidationPipe(callbackQueueQuerySchema)) query: CallbackQueueQuery,
  ): Promise<CallbackQueueView> {
    return this.followUp.queue(actor, query);
  }

  @Get('escalations')
  @Auth(...ADMIN_AREA_ROLES.escalations)
  @ApiOperation({ summary: '督办清单 — concerns returned three times or reopened twice, with the reason' })
  escalations(
    @CurrentActor() actor: StaffActor,
    @Query(new ZodValidationPipe(escalationsQuerySchema)) query: EscalationsQuery,
  ): Promise<EscalationsView> {
    return this.followUp.escalations(actor, query);
  }
}
