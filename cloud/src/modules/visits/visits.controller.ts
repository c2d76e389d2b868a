import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  askVisitQuestionSchema,
  id,
  listVisitsQuerySchema,
  myVisitsQuerySchema,
  type AskVisitQuestionInput,
  type ListVisitsQuery,
  type MyVisitView,
  type MyVisitsQuery,
  type Page,
  type VisitDetailView,
  type VisitListView,
  type VisitQuestionView,
  type VisitSignupAnswer,
  type VisitSignupView,
} from '@manyi/shared';
import type { FastifyReply } from 'fastify';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { ApiZodBody } from '../../openapi/openapi-schemas.js';
import type { Actor, ResidentActor } from '../../common/actor.js';
import { Auth, CurrentActor } from '../auth/auth.guard.js';
import { OptionalActor, OptionalAuthGuard } from './optional-auth.guard.js';
import { VisitQuestionsService } from './visit-questions.service.js';
import { VisitSignupsService } from './visit-signups.service.js';
import { VisitsService } from './visits.service.js';

const visitId = new ZodValidationPipe(id('走访编号'));

/** The "满意在徐汇" schedule as residents see it: read by anyone, signed up for and asked ahead by residents. */
@ApiTags('visits')
@Controller('visits')
export class VisitsController {
  constructor(
    private readonly visits: VisitsService,
    private readonly signups: VisitSignupsService,
    private readonly questions: VisitQuestionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: '走访日程 — from `from` (default now), soonest first; `compound` adds the last visit’s issues there' })
  list(@Query(new ZodValidationPipe(listVisitsQuerySchema)) query: ListVisitsQuery): Promise<VisitListView> {
    return this.visits.list(query);
  }

  @Get('mine')
  @Auth('resident')
  @ApiOperation({ summary: '我的报名 — visits I am signed up or waiting for, soonest first, with my place' })
  mine(
    @CurrentActor() actor: ResidentActor,
    @Query(new ZodValidationPipe(myVisitsQuerySchema)) query: MyVisitsQuery,
  ): Promise<Page<MyVisitView>> {
    return this.visits.listMine(actor, query);
  }

  @Get(':id')
  @UseGuards(OptionalAuthGuard)
  @ApiBearerAuth()
  @ApiOperation({
    summary: '走访详情 — participants, places left, answered questions, issues with live status; a signed-in resident’s own sign-up',
  })
  detail(@Param('id', visitId) visit: number, @OptionalActor() actor: Actor | null): Promise<VisitDetailView> {
    return this.visits.detail(visit, actor);
  }

  @Post(':id/signups')
  @Auth('resident')
  @ApiOperation({ summary: '报名 — a place, or the waiting list when full (201); already signed up: the same answer (200)' })
  async signUp(
    @CurrentActor() actor: ResidentActor,
    @Param('id', visitId) visit: number,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<VisitSignupAnswer> {
    const result = await this.signups.signUp(actor, visit);
    void reply.status(result.created ? 201 : 200);
    // The visit template to ask consent for now (reminders, a place freed, a cancellation), as the concern
    // templates are asked at submit; none in preview mode. Each consent is one message (订阅消息 budget).
    const template = this.config.wechat?.templates.visit;
    return { ...result.signup, subscribeTemplates: template ? [template] : [] };
  }

  @Delete(':id/signups/mine')
  @HttpCode(200)
  @Auth('resident')
  @ApiOperation({ summary: '取消报名 — a freed place goes to the first on the waiting list' })
  cancel(@CurrentActor() actor: ResidentActor, @Param('id', visitId) visit: number): Promise<VisitSignupView> {
    return this.signups.cancel(actor, visit);
  }

  @Post(':id/questions')
  @Auth('resident')
  @ApiOperation({ summary: '提前提问 — to one kind of participant (a legal question to the lawyer)' })
  @ApiZodBody(askVisitQuestionSchema)
  ask(
    @CurrentActor() actor: ResidentActor,
    @Param('id', visitId) visit: number,
    @Body(new ZodValidationPipe(askVisitQuestionSchema)) body: AskVisitQuestionInput,
  ): Promise<VisitQuestionView> {
    return this.questions.ask(actor, visit, body);
  }
}
