import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DUE_KIND_LABELS } from '@manyi/shared';
import type { DataSource } from 'typeorm';
import { AppException } from '../../common/errors/app.exception.js';
import { JobScheduler } from '../../common/jobs/job-scheduler.js';
import { stopClock } from './concern-clock.js';
import { ConcernWorkflow, notification } from './concern-workflow.service.js';
import { Concern } from './concern.entity.js';

const SWEEP_INTERVAL_MS = 60_000;

/**
 * 超期督办: every minute, each concern whose deadline has passed gets one chase event and goes on the
 * supervisor's list — once per deadline (`chased_due_at` remembers which). An ended rating window
 * closes the concern as not rated. Each concern is its own workflow step, so two instances sweeping
 * at once cannot both act: the loser's optimistic version check fails and it moves on.
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
      .select(['c.id', 'c.status', 'c.dueAt'])
      .where('c.due_at < :now', { now })
      .andWhere('(c.chased_due_at IS NULL OR c.chased_due_at <> c.due_at)')
      .orderBy('c.due_at', 'ASC')
      .take(500)
      .getMany();
    let chased = 0;
    let expired = 0;
    for (const row of due) {
      try {
        if (row.status === 'awaiting_rating') {
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
          await this.workflow.step(
            row.id,
            { kind: 'system' },
            'chase',
            (c) => {
              c.chasedDueAt = c.dueAt;
              c.escalated = true;
              return {
                internalText: `已超过${c.dueKind ? DUE_KIND_LABELS[c.dueKind] : ''}时限，系统催办`,
                data: { dueKind: c.dueKind, dueAt: c.dueAt?.toISOString() },
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
    return { chased, expired };
  }
}
