import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { BulkDispatchInput, BulkDispatchOutcome, BulkDispatchResultView } from '@manyi/shared';
import type { DataSource } from 'typeorm';
import { AppException } from '../../common/errors/app.exception.js';
import type { StaffActor } from '../../common/actor.js';
import { RoutingService } from '../directory/routing.service.js';
import { ConcernActionsService } from './concern-actions.service.js';
import { applyConcernScope } from './concern-scope.js';
import { Concern } from './concern.entity.js';

/**
 * 批量派单: each concern is dispatched by the same workflow step as a single dispatch, in its own
 * transaction, one after the other. A concern someone else moved on meanwhile (409), one out of scope
 * (404) or one without a department to go to fails alone; the others are committed and reported.
 */
@Injectable()
export class ConcernBulkDispatchService {
  private readonly logger = new Logger(ConcernBulkDispatchService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly routing: RoutingService,
    private readonly actions: ConcernActionsService,
  ) {}

  async dispatch(actor: StaffActor, input: BulkDispatchInput): Promise<BulkDispatchResultView> {
    const results: BulkDispatchOutcome[] = [];
    for (const item of input.items) {
      try {
        const target = item.departmentId
          ? { departmentId: item.departmentId, coHandlerIds: item.coHandlerIds ?? [] }
          : await this.suggestion(actor, item.id);
        const concern = await this.actions.act(actor, item.id, 'dispatch', target);
        results.push({ id: item.id, ok: true, status: concern.status, departmentId: target.departmentId });
      } catch (error) {
        if (error instanceof AppException) {
          results.push({ id: item.id, ok: false, code: error.code, message: error.message });
        } else {
          // The items before this one are committed: report them, and this one as failed, rather than hide them behind a 500.
          this.logger.error({ err: error, concernId: item.id }, 'bulk dispatch step failed');
          results.push({ id: item.id, ok: false, code: 'INTERNAL', message: '服务暂时出现问题，请稍后再试' });
        }
      }
    }
    return { results };
  }

  /** The routing rules' department for this concern (read in the caller's scope, like the step itself). */
  private async suggestion(actor: StaffActor, id: number): Promise<{ departmentId: number; coHandlerIds: number[] }> {
    const concern = await applyConcernScope(
      this.dataSource.getRepository(Concern).createQueryBuilder('c').where('c.id = :id', { id }),
      actor,
    ).getOne();
    if (!concern) throw new AppException('CONCERN_NOT_FOUND');
    const suggested = await this.routing.suggest(concern.categoryId, concern.streetId, concern.compoundId);
    if (!suggested) throw new AppException('DEPARTMENT_NOT_FOUND', '没有匹配的派单规则，请为这条诉求选择部门');
    return { departmentId: suggested.leadDepartmentId, coHandlerIds: suggested.coHandlerIds };
  }
}
