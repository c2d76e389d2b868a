import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ADMIN_AREA_ROLES,
  KNOWLEDGE_READER_ROLES,
  id,
  knowledgeEntrySchema,
  knowledgeQuerySchema,
  replyTemplateQuerySchema,
  replyTemplateSchema,
  type KnowledgeEntryInput,
  type KnowledgeEntryView,
  type KnowledgeListView,
  type KnowledgeQuery,
  type ReplyTemplateInput,
  type ReplyTemplateQuery,
  type ReplyTemplateView,
  type Items,
} from '@manyi/shared';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { ApiZodBody } from '../../openapi/openapi-schemas.js';
import type { StaffActor } from '../../common/actor.js';
import { Auth, CurrentActor } from '../auth/auth.guard.js';
import { KnowledgeService } from './knowledge.service.js';

const templateId = new ZodValidationPipe(id('模板编号'));
const entryId = new ZodValidationPipe(id('条目编号'));

/** 答复模板 and 政策知识库: read beside the reply box, edited by ADMIN_AREA_ROLES.knowledge. */
@ApiTags('admin: knowledge')
@Controller('admin')
export class AdminKnowledgeController {
  constructor(private readonly knowledge: KnowledgeService) {}

  @Get('reply-templates')
  @Auth(...KNOWLEDGE_READER_ROLES)
  @ApiOperation({ summary: '答复模板 — a category’s templates (and those for every category), replies and rejection reasons' })
  templates(@Query(new ZodValidationPipe(replyTemplateQuerySchema)) query: ReplyTemplateQuery): Promise<Items<ReplyTemplateView>> {
    return this.knowledge.templates(query);
  }

  @Post('reply-templates')
  @Auth(...ADMIN_AREA_ROLES.knowledge)
  @ApiZodBody(replyTemplateSchema)
  @ApiOperation({ summary: '新建答复模板 — audited' })
  createTemplate(
    @CurrentActor() actor: StaffActor,
    @Body(new ZodValidationPipe(replyTemplateSchema)) body: ReplyTemplateInput,
  ): Promise<ReplyTemplateView> {
    return this.knowledge.createTemplate(actor, body);
  }

  @Put('reply-templates/:id')
  @Auth(...ADMIN_AREA_ROLES.knowledge)
  @ApiZodBody(replyTemplateSchema)
  @ApiOperation({ summary: '修改答复模板 — audited with before and after' })
  updateTemplate(
    @CurrentActor() actor: StaffActor,
    @Param('id', templateId) templateIdValue: number,
    @Body(new ZodValidationPipe(replyTemplateSchema)) body: ReplyTemplateInput,
  ): Promise<ReplyTemplateView> {
    return this.knowledge.updateTemplate(actor, templateIdValue, body);
  }

  @Delete('reply-templates/:id')
  @HttpCode(204)
  @Auth(...ADMIN_AREA_ROLES.knowledge)
  @ApiOperation({ summary: '删除答复模板 — audited' })
  deleteTemplate(@CurrentActor() actor: StaffActor, @Param('id', templateId) templateIdValue: number): Promise<void> {
    return this.knowledge.deleteTemplate(actor, templateIdValue);
  }

  @Get('knowledge')
  @Auth(...KNOWLEDGE_READER_ROLES)
  @ApiOperation({ summary: '政策知识库 — newest first, or searched (简繁 alike); expired entries on request' })
  entries(@Query(new ZodValidationPipe(knowledgeQuerySchema)) query: KnowledgeQuery): Promise<KnowledgeListView> {
    return this.knowledge.entries(query);
  }

  @Post('knowledge')
  @Auth(...ADMIN_AREA_ROLES.knowledge)
  @ApiZodBody(knowledgeEntrySchema)
  @ApiOperation({ summary: '新建知识库条目 — audited' })
  createEntry(
    @CurrentActor() actor: StaffActor,
    @Body(new ZodValidationPipe(knowledgeEntrySchema)) body: KnowledgeEntryInput,
  ): Promise<KnowledgeEntryView> {
    return this.knowledge.createEntry(actor, body);
  }

  @Put('knowledge/:id')
  @Auth(...ADMIN_AREA_ROLES.knowledge)
  @ApiZodBody(knowledgeEntrySchema)
  @ApiOperation({ summary: '修改知识库条目 — audited' })
  updateEntry(
    @CurrentActor() actor: StaffActor,
    @Param('id', entryId) entryIdValue: number,
    @Body(new ZodValidationPipe(knowledgeEntrySchema)) body: KnowledgeEntryInput,
  ): Promise<KnowledgeEntryView> {
    return this.knowledge.updateEntry(actor, entryIdValue, body);
  }

  @Delete('knowledge/:id')
  @HttpCode(204)
  @Auth(...ADMIN_AREA_ROLES.knowledge)
  @ApiOperation({ summary: '删除知识库条目 — audited' })
  deleteEntry(@CurrentActor() actor: StaffActor, @Param('id', entryId) entryIdValue: number): Promise<void> {
    return this.knowledge.deleteEntry(actor, entryIdValue);
  }
}
