import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  ADMIN_AREA_ROLES,
  statsExportQuerySchema,
  statsOverviewQuerySchema,
  statsTopQuerySchema,
  statsTrendsQuerySchema,
  type StatsExportQuery,
  type StatsOverviewQuery,
  type StatsOverviewView,
  type StatsTopQuery,
  type StatsTopView,
  type StatsTrendsQuery,
  type StatsTrendsView,
} from '@manyi/shared';
import type { FastifyReply } from 'fastify';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import type { StaffActor } from '../../common/actor.js';
import { Auth, CurrentActor } from '../auth/auth.guard.js';
import { AuditService } from '../audit/audit.service.js';
import { ConcernStatsExportService } from './concern-stats-export.service.js';
import { ConcernStatsService } from './concern-stats.service.js';

/** 数据看板: the supervisor sees the district, a dispatcher their street (the scope is in every query). */
@ApiTags('admin: stats')
@Controller('admin/stats')
@Auth(...ADMIN_AREA_ROLES.dashboard)
export class AdminStatsController {
  constructor(
    private readonly stats: ConcernStatsService,
    private readonly exports: ConcernStatsExportService,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get('overview')
  @ApiOperation({ summary: '三率总览 — the three rates with their counts over a period, by street or department; backlog and overdue now' })
  overview(
    @CurrentActor() actor: StaffActor,
    @Query(new ZodValidationPipe(statsOverviewQuerySchema)) query: StatsOverviewQuery,
  ): Promise<StatsOverviewView> {
    return this.stats.overview(actor, query);
  }

  @Get('trends')
  @ApiOperation({ summary: '趋势 — reported, ended, gone overdue and backlog per day or week' })
  trends(
    @CurrentActor() actor: StaffActor,
    @Query(new ZodValidationPipe(statsTrendsQuerySchema)) query: StatsTrendsQuery,
  ): Promise<StatsTrendsView> {
    return this.stats.trends(actor, query);
  }

  @Get('top')
  @ApiOperation({ summary: '排行 — the categories and compounds with the most concerns reported in the period' })
  top(@CurrentActor() actor: StaffActor, @Query(new ZodValidationPipe(statsTopQuerySchema)) query: StatsTopQuery): Promise<StatsTopView> {
    return this.stats.top(actor, query);
  }

  @Get('export.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: '导出 Excel — the dashboard’s numbers for the period as a workbook' })
  async export(
    @CurrentActor() actor: StaffActor,
    @Query(new ZodValidationPipe(statsExportQuerySchema)) query: StatsExportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const file = await this.exports.workbook(actor, query);
    // A workbook of the district's numbers leaves the system: who took which period is on record.
    await this.audit.record(
      this.dataSource.manager,
      actor,
      'stats.export',
      { type: 'stats', id: null },
      { ...query, filename: file.filename },
    );
    void reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${file.filename}"; filename*=UTF-8''${encodeURIComponent(file.displayName)}`)
      .header('cache-control', 'no-store');
    return file.body;
  }
}
