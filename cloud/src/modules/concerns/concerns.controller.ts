import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  createConcernSchema,
  id,
  pageQuerySchema,
  rateConcernSchema,
  type ConcernDetailView,
  type ConcernSummaryView,
  type CreateConcernInput,
  type DuplicateCandidateView,
  type Page,
  type PageQuery,
  type RateConcernInput,
  type Items,
  type ConcernRef,
} from '@manyi/shared';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppException } from '../../common/errors/app.exception.js';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { ApiZodBody } from '../../openapi/openapi-schemas.js';
import type { ResidentActor } from '../../common/actor.js';
import { Auth, CurrentActor } from '../auth/auth.guard.js';
import { ConcernsService } from './concerns.service.js';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,64}$/;
const concernId = new ZodValidationPipe(id('诉求编号'));
const duplicatesQuery = z.object({ compoundId: id('小区'), categoryId: id('诉求类别') });

/** The resident's routes: report, follow, withdraw, rate. */
@ApiTags('concerns')
@Controller('concerns')
export class ConcernsController {
  constructor(private readonly concerns: ConcernsService) {}

  @Post()
  @Auth('resident')
  @ApiOperation({ summary: '我要反映 — report a concern; a retry with the same Idempotency-Key returns the first result' })
  @ApiZodBody(createConcernSchema)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '8–64 letters, digits, - or _; one per submit, reused on retry' })
  async submit(
    @CurrentActor() actor: ResidentActor,
    @Body(new ZodValidationPipe(createConcernSchema)) body: CreateConcernInput,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key))
      throw new AppException('VALIDATION_FAILED', '提交编号（Idempotency-Key）格式不正确');
    const result = await this.concerns.submit(actor, body, key ?? null);
    void reply.status(201);
    if (!result.created) void reply.header('idempotent-replayed', 'true');
    return result.concern;
  }

  @Get('duplicates')
  @Auth('resident')
  @ApiOperation({ summary: '相似诉求 — open, non-confidential concerns of the same compound and category, to follow instead' })
  async duplicates(
    @Query(new ZodValidationPipe(duplicatesQuery)) q: { compoundId: number; categoryId: number },
  ): Promise<Items<DuplicateCandidateView>> {
    return { items: await this.concerns.duplicates(q.compoundId, q.categoryId) };
  }

  @Get('mine')
  @Auth('resident')
  @ApiOperation({ summary: '我的诉求 — newest first, cursor paged' })
  mine(
    @CurrentActor() actor: ResidentActor,
    @Query(new ZodValidationPipe(pageQuerySchema)) page: PageQuery,
  ): Promise<Page<ConcernSummaryView>> {
    return this.concerns.listMine(actor, page);
  }

  @Get(':id')
  @Auth('resident')
  @ApiOperation({ summary: '诉求详情 — with the public timeline' })
  detail(@CurrentActor() actor: ResidentActor, @Param('id', concernId) concern: number): Promise<ConcernDetailView> {
    return this.concerns.detailForResident(actor, concern);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Auth('resident')
  @ApiOperation({ summary: '撤销 — before the department replies' })
  async withdraw(@CurrentActor() actor: ResidentActor, @Param('id', concernId) concern: number): Promise<ConcernRef> {
    const c = await this.concerns.withdraw(actor, concern);
    return { id: c.id, code: c.code ?? '', status: c.status };
  }

  @Post(':id/rating')
  @HttpCode(200)
  @Auth('resident')
  @ApiOperation({ summary: '评价 — solved? satisfied? Unsatisfied or unsolved reopens it once (重办)' })
  @ApiZodBody(rateConcernSchema)
  async rate(
    @CurrentActor() actor: ResidentActor,
    @Param('id', concernId) concern: number,
    @Body(new ZodValidationPipe(rateConcernSchema)) body: RateConcernInput,
  ): Promise<ConcernRef> {
    const c = await this.concerns.rate(actor, concern, body);
    return { id: c.id, code: c.code ?? '', status: c.status };
  }
}
