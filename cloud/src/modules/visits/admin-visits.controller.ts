import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  adminVisitsQuerySchema,
  answerVisitQuestionSchema,
  cancelVisitSchema,
  createVisitSchema,
  id,
  markVisitHeldSchema,
  publishVisitIssuesSchema,
  visitExportQuerySchema,
  visitQuestionToConcernSchema,
  type AdminVisitDetailView,
  type AdminVisitsQuery,
  type AnswerVisitQuestionInput,
  type CancelVisitInput,
  type CreateVisitInput,
  type MarkVisitHeldInput,
  type Page,
  type PublishVisitIssuesInput,
  type VisitExportQuery,
  type VisitQuestionToConcernInput,
  type VisitQuestionView,
  type VisitSummaryView,
} from '@manyi/shared';
import type { FastifyReply } from 'fastify';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { ApiZodBody } from '../../openapi/openapi-schemas.js';
import type { StaffActor } from '../../common/actor.js';
import { Auth, CurrentActor } from '../auth/auth.guard.js';
import { VisitExportService } from './visit-export.service.js';
import { VisitQuestionsService } from './visit-questions.service.js';
import { VISIT_STAFF } from './visit-scope.js';
import { VisitsService } from './visits.service.js';

const visitId = new ZodValidationPipe(id('走访编号'));
const questionId = new ZodValidationPipe(id('问题编号'));

/** Content management for visits: editors and dispatchers for their street, supervisors and admins for all. */
@ApiTags('admin: visits')
@Controller('admin/visits')
export class AdminVisitsController {
  constructor(
    private readonly visits: VisitsService,
    private readonly questions: VisitQuestionsService,
    private readonly exports: VisitExportService,
  ) {}

  @Post()
  @Auth(...VISIT_STAFF)
  @ApiOperation({ summary: '发布走访 — street (own street by default), compound, place, time, participants, topics, capacity' })
  @ApiZodBody(createVisitSchema)
  create(
    @CurrentActor() actor: StaffActor,
    @Body(new ZodValidationPipe(createVisitSchema)) body: CreateVisitInput,
  ): Promise<AdminVisitDetailView> {
    return this.visits.create(actor, body);
  }

  @Get()
  @Auth(...VISIT_STAFF)
  @ApiOperation({ summary: '走访列表 — in the caller’s scope, newest first, cursor paged' })
  list(
    @CurrentActor() actor: StaffActor,
    @Query(new ZodValidationPipe(adminVisitsQuerySchema)) query: AdminVisitsQuery,
  ): Promise<Page<VisitSummaryView>> {
    return this.visits.adminList(actor, query);
  }

  @Get(':id')
  @Auth(...VISIT_STAFF)
  @ApiOperation({ summary: '走访管理详情 — every sign-up and question, residents by nickname' })
  detail(@CurrentActor() actor: StaffActor, @Param('id', visitId) visit: number): Promise<AdminVisitDetailView> {
    return this.visits.adminDetail(actor, visit);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Auth(...VISIT_STAFF)
  @ApiOperation({ summary: '取消走访 — a planned visit; everyone signed up or waiting is told the reason' })
  @ApiZodBody(cancelVisitSchema)
  cancel(
    @CurrentActor() actor: StaffActor,
    @Param('id', visitId) visit: number,
    @Body(new ZodValidationPipe(cancelVisitSchema)) body: CancelVisitInput,
  ): Promise<AdminVisitDetailView> {
    return this.visits.cancel(actor, visit, body);
  }

  @Post(':id/held')
  @HttpCode(200)
  @Auth(...VISIT_STAFF)
  @ApiOperation({ summary: '登记已举行 — attendance and summary; sent again, it corrects them' })
  @ApiZodBody(markVisitHeldSchema)
  held(
    @CurrentActor() actor: StaffActor,
    @Param('id', visitId) visit: number,
    @Body(new ZodValidationPipe(markVisitHeldSchema)) body: MarkVisitHeldInput,
  ): Promise<AdminVisitDetailView> {
    return this.visits.markHeld(actor, visit, body);
  }

  @Put(':id/issues')
  @Auth(...VISIT_STAFF)
  @ApiOperation({ summary: '发布问题清单 — the issues raised, each linked to a concern of the street; replaces the list' })
  @ApiZodBody(publishVisitIssuesSchema)
  issues(
    @CurrentActor() actor: StaffActor,
    @Param('id', visitId) visit: number,
    @Body(new ZodValidationPipe(publishVisitIssuesSchema)) body: PublishVisitIssuesInput,
  ): Promise<AdminVisitDetailView> {
    return this.visits.publishIssues(actor, visit, body);
  }

  @Post(':id/questions/:questionId/answer')
  @HttpCode(200)
  @Auth(...VISIT_STAFF)
  @ApiOperation({ summary: '答复提问 — shown on the visit page' })
  @ApiZodBody(answerVisitQuestionSchema)
  answer(
    @CurrentActor() actor: StaffActor,
    @Param('id', visitId) visit: number,
    @Param('questionId', questionId) question: number,
    @Body(new ZodValidationPipe(answerVisitQuestionSchema)) body: AnswerVisitQuestionInput,
  ): Promise<VisitQuestionView> {
    return this.questions.answer(actor, visit, question, body);
  }

  @Post(':id/questions/:questionId/concern')
  @Auth(...VISIT_STAFF)
  @ApiOperation({ summary: '转为诉求 — filed for the resident who asked, source = visit; the visit page follows its status' })
  @ApiZodBody(visitQuestionToConcernSchema)
  toConcern(
    @CurrentActor() actor: StaffActor,
    @Param('id', visitId) visit: number,
    @Param('questionId', questionId) question: number,
    @Body(new ZodValidationPipe(visitQuestionToConcernSchema)) body: VisitQuestionToConcernInput,
  ): Promise<VisitQuestionView> {
    return this.questions.toConcern(actor, visit, question, body);
  }

  @Get(':id/export')
  @Auth(...VISIT_STAFF)
  @ApiProduces('text/csv')
  @ApiOperation({ summary: '导出 — `part=signups` (报名名单) or `questions` (提前提问) as CSV for Excel; nicknames only' })
  async export(
    @CurrentActor() actor: StaffActor,
    @Param('id', visitId) visit: number,
    @Query(new ZodValidationPipe(visitExportQuerySchema)) query: VisitExportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const file = await this.exports.export(actor, visit, query.part);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${file.filename}"; filename*=UTF-8''${encodeURIComponent(file.displayName)}`)
      .header('cache-control', 'no-store');
    return file.body;
  }
}
