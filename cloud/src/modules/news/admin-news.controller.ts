import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  adminNewsQuerySchema,
  createNewsSchema,
  id,
  importNewsSchema,
  publishNewsSchema,
  updateNewsSchema,
  type AdminNewsQuery,
  type AdminNewsView,
  type CreateNewsInput,
  type ImportNewsInput,
  type NewsDraftView,
  type Page,
  type PublishNewsInput,
  type UpdateNewsInput,
  type Items,
} from '@manyi/shared';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { ApiZodBody } from '../../openapi/openapi-schemas.js';
import type { StaffActor } from '../../common/actor.js';
import { Auth, CurrentActor } from '../auth/auth.guard.js';
import { NEWS_STAFF, NewsAdminService } from './news-admin.service.js';

const newsId = new ZodValidationPipe(id('资讯编号'));

@ApiTags('admin: news')
@Controller('admin/news')
export class AdminNewsController {
  constructor(private readonly news: NewsAdminService) {}

  @Get()
  @Auth(...NEWS_STAFF)
  @ApiOperation({ summary: '资讯管理列表 — drafts, scheduled and published; an editor sees their street' })
  list(
    @CurrentActor() actor: StaffActor,
    @Query(new ZodValidationPipe(adminNewsQuerySchema)) query: AdminNewsQuery,
  ): Promise<Page<AdminNewsView>> {
    return this.news.list(actor, query);
  }

  @Post()
  @Auth(...NEWS_STAFF)
  @ApiZodBody(createNewsSchema)
  @ApiOperation({ summary: '新建资讯 — a draft; markup is reduced to plain text' })
  create(@CurrentActor() actor: StaffActor, @Body(new ZodValidationPipe(createNewsSchema)) body: CreateNewsInput): Promise<AdminNewsView> {
    return this.news.create(actor, body);
  }

  @Post('import')
  @HttpCode(200)
  @Auth(...NEWS_STAFF)
  @ApiZodBody(importNewsSchema)
  @ApiOperation({ summary: '导入 — pasted page or newsletter text → the draft articles found in it (not saved)' })
  import(
    @CurrentActor() actor: StaffActor,
    @Body(new ZodValidationPipe(importNewsSchema)) body: ImportNewsInput,
  ): Promise<Items<NewsDraftView>> {
    return this.news.importDrafts(actor, body);
  }

  @Get(':id')
  @Auth(...NEWS_STAFF)
  @ApiOperation({ summary: '资讯详情（管理）' })
  detail(@CurrentActor() actor: StaffActor, @Param('id', newsId) article: number): Promise<AdminNewsView> {
    return this.news.detail(actor, article);
  }

  @Patch(':id')
  @Auth(...NEWS_STAFF)
  @ApiZodBody(updateNewsSchema)
  @ApiOperation({ summary: '编辑资讯' })
  update(
    @CurrentActor() actor: StaffActor,
    @Param('id', newsId) article: number,
    @Body(new ZodValidationPipe(updateNewsSchema)) body: UpdateNewsInput,
  ): Promise<AdminNewsView> {
    return this.news.update(actor, article, body);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Auth(...NEWS_STAFF)
  @ApiZodBody(publishNewsSchema)
  @ApiOperation({ summary: '发布 — now, or at publishedAt; a future time schedules it' })
  publish(
    @CurrentActor() actor: StaffActor,
    @Param('id', newsId) article: number,
    @Body(new ZodValidationPipe(publishNewsSchema)) body: PublishNewsInput,
  ): Promise<AdminNewsView> {
    return this.news.publish(actor, article, body);
  }

  @Post(':id/unpublish')
  @HttpCode(200)
  @Auth(...NEWS_STAFF)
  @ApiOperation({ summary: '撤回 — back to draft' })
  unpublish(@CurrentActor() actor: StaffActor, @Param('id', newsId) article: number): Promise<AdminNewsView> {
    return this.news.unpublish(actor, article);
  }

  @Delete(':id')
  @HttpCode(204)
  @Auth(...NEWS_STAFF)
  @ApiOperation({ summary: '删除资讯' })
  remove(@CurrentActor() actor: StaffActor, @Param('id', newsId) article: number): Promise<void> {
    return this.news.remove(actor, article);
  }
}
