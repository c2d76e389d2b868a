import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  INTAKE_STAFF_ROLES,
  id,
  reclassifyConcernSchema,
  staffIntakeSchema,
  type ConcernSummaryView,
  type ReclassifyConcernInput,
  type ReclassifyResultView,
  type StaffIntakeInput,
} from '@manyi/shared';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { ApiZodBody } from '../../openapi/openapi-schemas.js';
import type { StaffActor } from '../../common/actor.js';
import { Auth, CurrentActor } from '../auth/auth.guard.js';
import { DeadlineRulesService } from '../deadlines/deadline-rules.service.js';
import { ConcernIntakeService } from './concern-intake.service.js';
import { ConcernReclassifyService } from './concern-reclassify.service.js';
import { mapConcernSummary } from './concerns.mapper.js';

const concernId = new ZodValidationPipe(id('诉求编号'));

/** 代录 (staff intake) and 更正分类 (reclassify): triage's own entries into the loop. */
@ApiTags('admin: concerns')
@Controller('admin/concerns')
export class AdminConcernIntakeController {
  constructor(
    private readonly intakes: ConcernIntakeService,
    private readonly reclassifications: ConcernReclassifyService,
    private readonly deadlines: DeadlineRulesService,
  ) {}

  @Post()
  @Auth(...INTAKE_STAFF_ROLES)
  @ApiZodBody(staffIntakeSchema)
  @ApiOperation({
    summary:
      '代录 — a concern filed for a resident by phone, walk-in, visit (joins its 问题清单) or 12345 transfer (unique 工单号); dispatchers for their street, visit organisers for their visits; `acceptNow` accepts it at once',
  })
  async create(
    @CurrentActor() actor: StaffActor,
    @Body(new ZodValidationPipe(staffIntakeSchema)) body: StaffIntakeInput,
  ): Promise<ConcernSummaryView> {
    return mapConcernSummary(await this.intakes.intake(actor, body), this.deadlines.calendar());
  }

  @Post(':id/reclassify')
  @HttpCode(200)
  @Auth('dispatcher', 'supervisor')
  @ApiZodBody(reclassifyConcernSchema)
  @ApiOperation({
    summary:
      '更正分类 — category, compound (another street’s: a hand-over) and request type before dispatch, deadlines recounted, routing suggested again; refused after dispatch',
  })
  reclassify(
    @CurrentActor() actor: StaffActor,
    @Param('id', concernId) concern: number,
    @Body(new ZodValidationPipe(reclassifyConcernSchema)) body: ReclassifyConcernInput,
  ): Promise<ReclassifyResultView> {
    return this.reclassifications.reclassify(actor, concern, body);
  }
}
