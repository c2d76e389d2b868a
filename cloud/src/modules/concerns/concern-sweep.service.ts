import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CO_HANDLING_CONCERN_STATUSES,
  DEADLINE_WARNING_LEAD_MS,
  DUE_KIND_LABELS,
  MAX_DEADLINE_WARNING_LEAD_MS,
  deadlineWarningAt,
  passedDeadlineAction,
  shanghaiDateTime,
} from '@manyi/shared';
import type { DataSource } from 'typeorm';
import { AppException } from '../../common/errors/app.exception.js';
import { JobScheduler } from '../../common/jobs/job-scheduler.js';
import { raiseStaffAlerts } from '../alerts/raise-staff-alerts.js';
import { Department } from '../directory/department.entity.js';
import { stopClock } from './concern-clock.js';
import { ConcernCoHandler } from './concern-co-handler.entity.js';
import { ConcernWorkflow, notification } from './concern-workflow.service.js';
import { Concern } from './concern.entity.js';

const SWEEP_INTERVAL_MS = 60_000;

/**
 * 超期督办: every minute, each concern whose deadline has passed gets one chase event and goes on the
 * supervisor's list — once per deadline (`chased_due_at` remembers which). An ended rating window
 * closes the concern as not rated; an ended 回访期 (a concern from a channel without the app) is chased
 * once like the others and the concern keeps waiting for its 回访 (passedDeadlineAction). Each concern is its own workflow step, so two instances sweeping
 * at once cannot both act: the loser's optimistic version check fails and it moves on.
 * A co-handling department's passed sign-for deadline (协办签收时限) is chased the same way, once
 * (`sign_chased_at`). The same pass tells the holder of each deadline that comes close (即将超期,
 * DEADLINE_WARNING_LEAD_MS), once per deadline; the passed ones alert their holder and the supervisors.
 */
@Injectable()
export class ConcernSweepService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly workflow: ConcernWorkflow,
    private readonly jobs: JobScheduler,
  ) {}

  /** One sweep per minute across all instances (a shared BullMQ schedule when REDIS_URL is set). */
  onModuleInit(): Promise<void> {
    return this.jobs.every('concern-deadline-sweep', SWEEP_INTERVAL_MS, () => this.sweep());
  }

  /** `at`: a sweep replayed on a seeded clock (the demo district), its chases stamped with that time. */
  async sweep(at?: Date): Promise<{ chased: number; expired: number }> {
    const now = at ?? new Date();
    const due = await this.dataSource
      .getRepository(Concern)
      .createQueryBuilder('c')
      .select(['c.id', 'c.status', 'c.dueAt', 'c.dueKind'])
      .where('c.due_at < :now', { now })
      .andWhere('(c.chased_due_at IS NULL OR c.chased_due_at <> c.due_at)')
      .orderBy('c.due_at', 'ASC')
      .take(500)
      .getMany();
    let chased = 0;
    let expired = 0;
    for (const row of due) {
      try {
        const action = passedDeadlineAction(row.status, row.dueKind);
        if (action === 'expire-rating') {
          await this.workflow.step(
            row.id,
            { kind: 'system' },
            'expire-rating',
            (c) => {
              stopClock(c, now);
              return { publicText: '评价期已满，诉求自动办结（未评价）', notify: notification('closed', `诉求「${c.title}」已办结。`) };
            },
            undefined,
            at,
          );
          expired++;
        } else {
          // 催办, or for a passed 回访期 回访超期催办: the concern stays as it is, waiting for its step (or its 回访).
          await this.workflow.step(
            row.id,
            { kind: 'system' },
            action,
            (c) => {
              c.chasedDueAt = c.dueAt;
              c.escalated = true;
              const label = c.dueKind ? DUE_KIND_LABELS[c.dueKind] : '';
              return {
                internalText: `已超过${label}时限，系统催办`,
                data: { dueKind: c.dueKind, dueAt: c.dueAt?.toISOString() },
                alerts: [
                  {
                    kind: 'deadline_passed',
                    dueKind: c.dueKind ?? undefined,
                    detail: `已超过${label}期限（${c.dueAt ? shanghaiDateTime(c.dueAt) : ''}），已列入督办`,
                  },
                ],
              };
            },
            undefined,
            at,
          );
          chased++;
        }
      } catch (error) {
        // Someone acted on it meanwhile; the next sweep sees its new deadline.
        if (!(error instanceof AppException)) throw error;
      }
    }
    chased += await this.chaseCoHandlers(now, at);
    await this.warnApproaching(now, at);
    return { chased, expired };
  }

  /** 协办签收 overdue: each co-handler still pending past its sign-for deadline is chased once, the concern on the 督办 list. */
  private async chaseCoHandlers(now: Date, at?: Date): Promise<number> {
    const late = await this.dataSource
      .getRepository(ConcernCoHandler)
      .createQueryBuilder('h')
      .innerJoin('h.concern', 'c')
      .select(['h.id', 'h.concernId', 'h.departmentId', 'h.signDueAt'])
      .where("h.status = 'pending' AND h.sign_due_at < :now AND h.sign_chased_at IS NULL", { now })
      .andWhere('c.status IN (:...handled)', { handled: CO_HANDLING_CONCERN_STATUSES })
      .orderBy('h.sign_due_at', 'ASC')
      .take(500)
      .getMany();
    let chased = 0;
    for (const row of late) {
      try {
        await this.workflow.step(
          row.concernId,
          { kind: 'system' },
          'chase',
          async (c, em) => {
            // Once: whoever marks the row first chases it; a second sweep at the same moment rolls back.
            const marked = await em
              .createQueryBuilder()
              .update(ConcernCoHandler)
              .set({ signChasedAt: now })
              .where("id = :id AND status = 'pending' AND sign_chased_at IS NULL", { id: row.id })
              .execute();
            if (!marked.affected) throw new AppException('CONCERN_CHANGED');
            c.escalated = true;
            const name = (await em.findOneBy(Department, { id: row.departmentId }))?.name ?? String(row.departmentId);
            return {
              internalText: `协办部门「${name}」已超过协办签收时限，系统催办`,
              data: { dueKind: 'co_handler_sign', dueAt: row.signDueAt.toISOString(), coHandlerDepartmentId: row.departmentId },
              alerts: [
                {
                  kind: 'deadline_passed',
                  dueKind: 'co_handler_sign',
                  departmentId: row.departmentId,
                  detail: `${name}已超过协办签收期限（${shanghaiDateTime(row.signDueAt)}），已列入督办`,
                },
              ],
            };
          },
          undefined,
          at,
        );
        chased++;
      } catch (error) {
        if (!(error instanceof AppException)) throw error;
      }
    }
    return chased;
  }

  /**
   * 即将超期: the holder of each running deadline whose warning time (DEADLINE_WARNING_LEAD_MS before it)
   * has come is alerted, once per deadline — the concern's clock (`warned_due_at`) and each pending
   * co-handler's sign-for deadline (`sign_warned_at`). Not a workflow step: nothing about the concern
   * changes but the mark, which a conditional update sets for one sweep only.
   */
  async warnApproaching(now: Date, at?: Date): Promise<number> {
    let warned = 0;
    const horizon = new Date(now.getTime() + MAX_DEADLINE_WARNING_LEAD_MS);
    const soon = await this.dataSource
      .getRepository(Concern)
      .createQueryBuilder('c')
      .where('c.due_at > :now AND c.due_at <= :horizon', { now, horizon })
      .andWhere('(c.warned_due_at IS NULL OR c.warned_due_at <> c.due_at)')
      .orderBy('c.due_at', 'ASC')
      .take(500)
      .getMany();
    for (const c of soon) {
      const warnAt = c.dueKind && c.dueAt ? deadlineWarningAt(c.dueKind, c.dueAt) : null;
      if (!warnAt || warnAt.getTime() > now.getTime() || !c.dueKind || !c.dueAt) continue;
      const kind = c.dueKind;
      const dueAt = c.dueAt;
      const done = await this.dataSource.transaction(async (em) => {
        const marked = await em
          .createQueryBuilder()
          .update(Concern)
          .set({ warnedDueAt: dueAt })
          .where('id = :id AND due_at = :due AND (warned_due_at IS NULL OR warned_due_at <> due_at)', { id: c.id, due: dueAt })
          .execute();
        if (!marked.affected) return false;
        await raiseStaffAlerts(
          em,
          c,
          [{ kind: 'deadline_approaching', dueKind: kind, detail: `${DUE_KIND_LABELS[kind]}期限 ${shanghaiDateTime(dueAt)} 即将到期` }],
          { at },
        );
        return true;
      });
      if (done) warned++;
    }

    const lead = DEADLINE_WARNING_LEAD_MS.sign ?? 0;
    const coSoon = await this.dataSource
      .getRepository(ConcernCoHandler)
      .createQueryBuilder('h')
      .innerJoinAndSelect('h.concern', 'c')
      .where("h.status = 'pending' AND h.sign_warned_at IS NULL AND h.sign_due_at > :now AND h.sign_due_at <= :until", {
        now,
        until: new Date(now.getTime() + lead),
      })
      .andWhere('c.status IN (:...handled)', { handled: CO_HANDLING_CONCERN_STATUSES })
      .orderBy('h.sign_due_at', 'ASC')
      .take(500)
      .getMany();
    for (const row of coSoon) {
      const done = await this.dataSource.transaction(async (em) => {
        const marked = await em
          .createQueryBuilder()
          .update(ConcernCoHandler)
          .set({ signWarnedAt: now })
          .where("id = :id AND status = 'pending' AND sign_warned_at IS NULL", { id: row.id })
          .execute();
        if (!marked.affected) return false;
        await raiseStaffAlerts(
          em,
          row.concern!,
          [
            {
              kind: 'deadline_approaching',
              dueKind: 'co_handler_sign',
              departmentId: row.departmentId,
              detail: `协办签收期限 ${shanghaiDateTime(row.signDueAt)} 即将到期`,
            },
          ],
          { at },
        );
        return true;
      });
      if (done) warned++;
    }
    return warned;
  }
}
