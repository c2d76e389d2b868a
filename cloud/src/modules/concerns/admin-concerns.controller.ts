import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  STAFF_ACTION_SCHEMAS,
  STAFF_CONCERN_ACTIONS,
  bulkDispatchSchema,
  id,
  inboxQuerySchema,
  ratesQuerySchema,
  type BulkDispatchInput,
  type BulkDispatchResultView,
  type ConcernDetailView,
  type ConcernSummaryView,
  type DuplicateCandidateView,
  type InboxCountsView,
  type InboxQuery,
  type Page,
  type RatesQuery,
  type RatesView,
  type StaffActionBodies,
  type StaffConcernAction,
  type RevealedContactView,
  type Items,
} from '@manyi/shared';
import { AppException } from '../../common/errors/app.exception.js';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { ApiZodBody } from '../../openapi/openapi-schemas.js';
import type { StaffActor } from '../../common/actor.js';
import { Auth, CurrentActor } from '../auth/auth.guard.js';
import { ConcernActionsService } from './concern-actions.service.js';
import { ConcernBulkDispatchService } from './concern-bulk-dispatch.service.js';
import { ConcernInboxService } from './concern-inbox.service.js';
import { ConcernRatesService } from './concern-rates.service.js';
import { DeadlineRulesService } from '../deadlines/deadline-rules.service.js';
import { mapConcernSummary } from './concerns.mapper.js';

const concernId = new ZodValidationPipe(id('诉求编号'));
/** The roles that work on concerns; editors and admins have no business in the inbox. */
const CONCERN_STAFF = ['dispatcher', 'handler', 'supervisor'] as const;

@ApiTags('admin: concerns')
@Controller('admin')
export class AdminConcernsController {
  constructor(
    private readonly inbox: ConcernInboxService,
    private readonly actions: ConcernActionsService,
    private readonly ratesService: ConcernRatesService,
    private readonly bulk: ConcernBulkDispatchService,
    private readonly deadlines: DeadlineRulesService,
  ) {}

  @Get('concerns/counts')
  @Auth(...CONCERN_STAFF)
  @ApiOperation({ summary: '工单计数 — the caller’s scope by status, overdue and escalated, with a change token the inbox polls' })
  counts(@CurrentActor() actor: StaffActor): Promise<InboxCountsView> {
    return this.inbox.counts(actor);
  }

  @Post('concerns/bulk-dispatch')
  @HttpCode(200)
  @Auth('dispatcher', 'supervisor')
  @ApiZodBody(bulkDispatchSchema)
  @ApiOperation({ summary: '批量派单 — each concern its own workflow step (own transaction); per-id success or error code' })
  bulkDispatch(
    @CurrentActor() actor: StaffActor,
    @Body(new ZodValidationPipe(bulkDispatchSchema)) body: BulkDispatchInput,
  ): Promise<BulkDispatchResultView> {
    return this.bulk.dispatch(actor, body);
  }

  @Get('concerns')
  @Auth(...CONCERN_STAFF)
  @ApiOperation({ summary: '工单列表 — scoped to the caller, filtered, most urgent first, cursor paged' })
  list(
    @CurrentActor() actor: StaffActor,
    @Query(new ZodValidationPipe(inboxQuerySchema)) query: InboxQuery,
  ): Promise<Page<ConcernSummaryView>> {
    return this.inbox.inbox(actor, query);
  }

  @Get('concerns/:id')
  @Auth(...CONCERN_STAFF)
  @ApiOperation({ summary: '工单详情 — full timeline, masked phone, the actions allowed now, the routing suggestion' })
  detail(@CurrentActor() actor: StaffActor, @Param('id', concernId) concern: number): Promise<ConcernDetailView> {
    return this.inbox.detail(actor, concern);
  }

  @Get('concerns/:id/duplicates')
  @Auth(...CONCERN_STAFF)
  @ApiOperation({ summary: '疑似重复 — other open concerns of the same compound and category in the caller’s scope' })
  duplicates(@CurrentActor() actor: StaffActor, @Param('id', concernId) concern: number): Promise<Items<DuplicateCandidateView>> {
    return this.inbox.duplicates(actor, concern);
  }

  @Post('concerns/:id/reveal-phone')
  @HttpCode(200)
  @Auth(...CONCERN_STAFF)
  @ApiOperation({ summary: '查看完整号码 — with the resident’s name for a 代录; written to the audit log' })
  revealPhone(@CurrentActor() actor: StaffActor, @Param('id', concernId) concern: number): Promise<RevealedContactView> {
    return this.inbox.revealPhone(actor, concern);
  }

  @Post('concerns/:id/:action')
  @HttpCode(200)
  @Auth(...CONCERN_STAFF)
  @ApiOperation({
    summary: `办理动作 — one of ${STAFF_CONCERN_ACTIONS.join(', ')}; allowed only from the statuses and for the roles the state machine says`,
  })
  async act(
    @CurrentActor() actor: StaffActor,
    @Param('id', concernId) concern: number,
    @Param('action') action: string,
    @Body() body: unknown,
  ): Promise<ConcernSummaryView> {
    if (!(STAFF_CONCERN_ACTIONS as readonly string[]).includes(action))
      throw new AppException('ROUTE_NOT_FOUND', `没有「${action}」这个操作`);
    const a = action as StaffConcernAction;
    const input = new ZodValidationPipe(STAFF_ACTION_SCHEMAS[a]).transform(body) as StaffActionBodies[typeof a];
    return mapConcernSummary(await this.actions.act(actor, concern, a, input), this.deadlines.calendar());
  }

  @Get('stats/rates')
  @Auth(...CONCERN_STAFF)
  @ApiOperation({ summary: '三率 — response, resolution and satisfaction rates with their counts, by street and department' })
  rates(@CurrentActor() actor: StaffActor, @Query(new ZodValidationPipe(ratesQuerySchema)) query: RatesQuery): Promise<RatesView> {
    return this.ratesService.rates(actor, query);
  }
}
