import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DUE_KIND_LABELS, recountDeadline, shanghaiDateTime, startOfShanghaiDay } from '@manyi/shared';
import { In, MoreThan, type EntityManager } from 'typeorm';
import { CalendarAdminService, type CalendarChange } from '../deadlines/calendar-admin.service.js';
import { recountedDeadlines } from './concern-clock.js';
import { ConcernCoHandler } from './concern-co-handler.entity.js';
import { ConcernWorkflow } from './concern-workflow.service.js';
import { Concern } from './concern.entity.js';

/** The statuses whose clocks count working time (the state machine's `reschedule`). */
const RESCHEDULABLE = ['submitted', 'accepted', 'dispatched', 'returned', 'in_progress', 'reopened', 'replied'] as const;

/**
 * 期限调整: when an admin saves a year of the working calendar, the open concerns whose running deadlines
 * a changed day affects are counted again, in the calendar change's transaction — each one a workflow
 * step with its timeline event, so the resident sees the new due date and why it moved. A co-handling
 * department's own 签收时限, still running, moves with them (staff-facing: no timeline event).
 */
@Injectable()
export class ConcernDeadlineRecount implements OnModuleInit {
  constructor(
    private readonly calendar: CalendarAdminService,
    private readonly workflow: ConcernWorkflow,
  ) {}

  onModuleInit(): void {
    this.calendar.onChange((em, change) => this.recount(em, change));
  }

  async recount(em: EntityManager, change: CalendarChange): Promise<number[]> {
    // A deadline before the first changed day cannot move: its span holds no changed day.
    const firstChanged = change.changedDates[0] === undefined ? null : startOfShanghaiDay(change.changedDates[0]);
    const since = firstChanged && firstChanged > change.now ? firstChanged : change.now;
    const candidates = await em.getRepository(Concern).find({
      where: [
        { status: In(RESCHEDULABLE), dueAt: MoreThan(since) },
        { status: In(RESCHEDULABLE), resolveDueAt: MoreThan(since) },
        { status: In(RESCHEDULABLE), signDueAt: MoreThan(since) },
      ],
      order: { id: 'ASC' },
    });
    const moved: number[] = [];
    for (const candidate of candidates) {
      const next = recountedDeadlines(candidate, change.before, change.after, change.now);
      if (!next) continue;
      await this.workflow.stepIn(em, candidate.id, { kind: 'system' }, 'reschedule', (c) => {
        const before = { dueAt: c.dueAt?.toISOString() ?? null, resolveDueAt: c.resolveDueAt?.toISOString() ?? null };
        Object.assign(c, next);
        const label = c.dueKind ? `${DUE_KIND_LABELS[c.dueKind]}期限` : '期限';
        return {
          publicText: c.dueAt ? `因 ${change.year} 年节假日安排调整，${label}改为 ${shanghaiDateTime(c.dueAt)}` : null,
          data: {
            calendarYear: change.year,
            before,
            after: { dueAt: c.dueAt?.toISOString() ?? null, resolveDueAt: c.resolveDueAt?.toISOString() ?? null },
          },
        };
      });
      moved.push(candidate.id);
    }
    await this.recountCoHandlers(em, change, since);
    return moved;
  }

  private async recountCoHandlers(em: EntityManager, change: CalendarChange, since: Date): Promise<void> {
    const rows = await em.getRepository(ConcernCoHandler).find({ where: { status: 'pending', signDueAt: MoreThan(since) } });
    for (const row of rows) {
      const next = recountDeadline('sign', row.askedAt, row.signDueAt, change.before, change.after);
      if (next.getTime() !== row.signDueAt.getTime()) await em.update(ConcernCoHandler, { id: row.id }, { signDueAt: next });
    }
  }
}
