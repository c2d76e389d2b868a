import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  coHandlerDeclineSchema,
  coHandlerPartSchema,
  coHandlerSignSchema,
  id,
  waiveCoHandlerSchema,
  type CoHandlerDeclineInput,
  type CoHandlerPartInput,
  type ConcernSummaryView,
  type WaiveCoHandlerInput,
} from '@manyi/shared';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { ApiZodBody } from '../../openapi/openapi-schemas.js';
import type { StaffActor } from '../../common/actor.js';
import { Auth, CurrentActor } from '../auth/auth.guard.js';
import { DeadlineRulesService } from '../deadlines/deadline-rules.service.js';
import { ConcernCoHandlingService } from './concern-co-handling.service.js';
import { mapConcernSummary } from './concerns.mapper.js';

const concernId = new ZodValidationPipe(id('诉求编号'));

/** 协办: the co-handling department's handler signs, adds its part or declines; triage waives an outstanding co-handler. */
@ApiTags('admin: concerns')
@Controller('admin/concerns/:id')
export class AdminCoHandlingController {
  constructor(
    private readonly coHandling: ConcernCoHandlingService,
    private readonly deadlines: DeadlineRulesService,
  ) {}

  @Post('co-handler-sign')
  @HttpCode(200)
  @Auth('handler')
  @ApiZodBody(coHandlerSignSchema)
  @ApiOperation({ summary: '协办签收 — the caller’s department, a co-handler of the concern, signs for its part' })
  async sign(
    @CurrentActor() actor: StaffActor,
    @Param('id', concernId) concern: number,
    @Body(new ZodValidationPipe(coHandlerSignSchema)) _body: object,
  ): Promise<ConcernSummaryView> {
    return mapConcernSummary(await this.coHandling.sign(actor, concern), this.deadlines.calendar());
  }

  @Post('co-handler-part')
  @HttpCode(200)
  @Auth('handler')
  @ApiZodBody(coHandlerPartSchema)
  @ApiOperation({ summary: '提交协办意见 — text and photos, internal or for the reply; the lead sees it in the workbench' })
  async part(
    @CurrentActor() actor: StaffActor,
    @Param('id', concernId) concern: number,
    @Body(new ZodValidationPipe(coHandlerPartSchema)) body: CoHandlerPartInput,
  ): Promise<ConcernSummaryView> {
    return mapConcernSummary(await this.coHandling.part(actor, concern, body), this.deadlines.calendar());
  }

  @Post('co-handler-decline')
  @HttpCode(200)
  @Auth('handler')
  @ApiZodBody(coHandlerDeclineSchema)
  @ApiOperation({ summary: '拒绝协办 — with a reason the street’s dispatchers are alerted to' })
  async decline(
    @CurrentActor() actor: StaffActor,
    @Param('id', concernId) concern: number,
    @Body(new ZodValidationPipe(coHandlerDeclineSchema)) body: CoHandlerDeclineInput,
  ): Promise<ConcernSummaryView> {
    return mapConcernSummary(await this.coHandling.decline(actor, concern, body), this.deadlines.calendar());
  }

  @Post('waive-co-handler')
  @HttpCode(200)
  @Auth('dispatcher', 'supervisor')
  @ApiZodBody(waiveCoHandlerSchema)
  @ApiOperation({ summary: '免除协办 — the reply no longer waits for this co-handler; audited with the reason' })
  async waive(
    @CurrentActor() actor: StaffActor,
    @Param('id', concernId) concern: number,
    @Body(new ZodValidationPipe(waiveCoHandlerSchema)) body: WaiveCoHandlerInput,
  ): Promise<ConcernSummaryView> {
    return mapConcernSummary(await this.coHandling.waive(actor, concern, body), this.deadlines.calendar());
  }
}
