import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  decideCoHandlerAction,
  decideTransition,
  type ActorRole,
  type CoHandlerAction,
  type CoHandlerStatus,
  type ConcernAction,
  type ConcernContext,
  type ConcernNotificationKind,
  type ConcernStatus,
} from '@manyi/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { AppException } from '../../common/errors/app.exception.js';
import { raiseStaffAlerts, type StaffAlertRequest } from '../alerts/raise-staff-alerts.js';
import { AuditService } from '../audit/audit.service.js';
import type { Actor, StaffActor } from '../../common/actor.js';
import { Department } from '../directory/department.entity.js';
import { ConcernCoHandler } from './concern-co-handler.entity.js';
import { ConcernEvent } from './concern-event.entity.js';
import { ConcernFollowers } from './concern-followers.js';
import { applyConcernReadScope, applyConcernScope } from './concern-scope.js';
import { Concern } from './concern.entity.js';
import { talliedFacts, updateTallies } from './concern-tallies.js';
import { NotificationOutbox } from '../notifications/notification-outbox.js';

/** What one step changes besides the status: the event's texts and data, an outbox message. */
export interface StepOutcome {
  publicText?: string | null;
  internalText?: string | null;
  data?: Record<string, unknown> | null;
  notify?: { kind: ConcernNotificationKind; title: string; body: string };
  /** Overrides the state machine's result when the outcome depends on more than the table knows. */
  to?: ConcernStatus;
  /** 工作提醒 for staff, written with the step (raiseStaffAlerts decides who receives them). */
  alerts?: StaffAlertRequest[];
  /** More for the audit record than the status change (which co-handler, why). */
  audit?: Record<string, unknown>;
}

export type StepActor = Actor | { kind: 'system' };

export type StepChange = (concern: Concern, em: EntityManager, to: ConcernStatus) => Promise<StepOutcome> | StepOutcome;

/**
 * The columns a step may change; the rest (who reported what, when) is fixed at submit. Where and what
 * it is about change only by 更正分类 (reclassify), before dispatch.
 */
const MUTABLE_FIELDS = [
  'status',
  'streetId',
  'compoundId',
  'categoryId',
  'requestType',
  'leadDepartmentId',
  'reopenCount',
  'returnCount',
  'extensionCount',
  'pendingExtensionDays',
  'escalated',
  'mergedIntoId',
  'dueAt',
  'dueKind',
  'dueFrom',
  'chasedDueAt',
  'resolveDueAt',
  'resolveFrom',
  'dispatchedAt',
  'signDueAt',
  'signedAt',
  'solved',
  'satisfaction',
  'ratingComment',
  'ratedAt',
  'closedAt',
  'triagedAt',
  'triagedOnTime',
  'repliedOnTime',
  'ratingChannel',
  'unreachedCallbacks',
  'callbackUnreached',
] as const satisfies readonly (keyof Concern)[];

const NOTIFY_TITLES: Record<ConcernNotificationKind, string> = {
  accepted: '您的诉求已受理',
  rejected: '您的诉求未予受理',
  reply_published: '您的诉求已有答复',
  closed: '您的诉求已办结',
};

export function notification(kind: ConcernNotificationKind, body: string): NonNullable<StepOutcome['notify']> {
  return { kind, title: NOTIFY_TITLES[kind], body: body.slice(0, 500) };
}

/**
 * Applies one action of the lifecycle to one concern, atomically: the scoped read, the state machine's
 * decision, the change, the timeline event, the outbox message, the audit record and the counts kept
 * for the badges and rates (concern-tallies) commit together or
 * not at all. Two people acting on the same concern at once: the second gets 409 CONCERN_CHANGED.
 */
@Injectable()
export class ConcernWorkflow {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: NotificationOutbox,
    private readonly followers: ConcernFollowers,
  ) {}

  /**
   * `at` stamps the timeline event with that time instead of the database's clock: for work replayed on a
   * seeded clock (the demo district), whose timelines and trends must show when each step happened.
   */
  step(
    concernId: number,
    actor: StepActor,
    action: ConcernAction,
    change: StepChange,
    ctx?: Partial<ConcernContext>,
    at?: Date,
  ): Promise<Concern> {
    return this.dataSource.transaction((em) => this.stepIn(em, concernId, actor, action, change, ctx, at));
  }

  /** The same step inside the caller's transaction, for a change that moves many concerns at once (a calendar change). */
  async stepIn(
    em: EntityManager,
    concernId: number,
    actor: StepActor,
    action: ConcernAction,
    change: StepChange,
    ctx?: Partial<ConcernContext>,
    at?: Date,
  ): Promise<Concern> {
    const qb = em.getRepository(Concern).createQueryBuilder('c').where('c.id = :id', { id: concernId });
    if (actor.kind !== 'system') applyConcernScope(qb, actor);
    const concern = await qb.getOne();
    if (!concern) throw new AppException('CONCERN_NOT_FOUND');
    const role = roleOf(actor);
    const decision = decideTransition(concern.status, action, role, { reopenCount: concern.reopenCount, ...ctx });
    if (!decision.allowed) throw new AppException(decision.code, decision.message, { status: concern.status, action });

    const from = concern.status;
    const readVersion = concern.version;
    const before = talliedFacts(concern);
    const outcome = await change(concern, em, decision.to);
    concern.status = outcome.to ?? decision.to;
    await this.record(em, concern, { actor, action, from, readVersion, before, outcome, at });
    return concern;
  }

  /**
   * One co-handling step (协办) on one concern, as atomically as `step`: the read (a co-handling
   * department's handler reads it too), the co-handling table's decision for the co-handler row of
   * `departmentId` (the handler's own department; the one a dispatcher waives), the change to the row,
   * the concern's version bumped (so the lead's inbox and a concurrent step see it), the timeline
   * event, alerts and the audit record. The concern's status does not move.
   */
  coHandlingStep(
    concernId: number,
    actor: StaffActor,
    action: CoHandlerAction,
    departmentId: number,
    change: (row: ConcernCoHandler, concern: Concern, em: EntityManager, to: CoHandlerStatus) => Promise<StepOutcome> | StepOutcome,
    at?: Date,
  ): Promise<{ concern: Concern; row: ConcernCoHandler }> {
    return this.dataSource.transaction(async (em) => {
      const qb = em.getRepository(Concern).createQueryBuilder('c').where('c.id = :id', { id: concernId });
      const concern = await applyConcernReadScope(qb, actor).getOne();
      if (!concern) throw new AppException('CONCERN_NOT_FOUND');
      const department = await em.findOneBy(Department, { id: departmentId });
      const row = await em.findOneBy(ConcernCoHandler, { concernId, departmentId });
      if (!row || row.status === 'released') {
        throw new AppException(
          'NOT_A_CO_HANDLER',
          actor.role === 'handler' ? '您的部门不是此诉求的协办部门' : `「${department?.name ?? departmentId}」不是此诉求的协办部门`,
          { departmentId },
        );
      }
      const rowFrom = row.status;
      const decision = decideCoHandlerAction(action, actor.role, concern.status, row.status, department?.name ?? String(departmentId));
      if (!decision.allowed) throw new AppException(decision.code, decision.message, { status: row.status, action, departmentId });
      const from = concern.status;
      const readVersion = concern.version;
      const before = talliedFacts(concern);
      const outcome = await change(row, concern, em, decision.to);
      row.status = decision.to;
      await em.save(row);
      await this.record(em, concern, {
        actor,
        action,
        from,
        readVersion,
        before,
        outcome: {
          ...outcome,
          data: { departmentId, from: rowFrom, to: row.status, ...outcome.data },
          audit: { departmentId, coHandler: { from: rowFrom, to: row.status }, ...outcome.audit },
        },
        at,
      });
      return { concern, row };
    });
  }

  /**
   * What every step writes after its change: the concern's columns under the optimistic lock, the
   * tallies, the timeline event, the resident's outbox message, staff alerts and the audit record.
   */
  private async record(
    em: EntityManager,
    concern: Concern,
    step: {
      actor: StepActor;
      action: ConcernAction | CoHandlerAction;
      from: ConcernStatus;
      readVersion: number;
      before: ReturnType<typeof talliedFacts>;
      outcome: StepOutcome;
      at?: Date;
    },
  ): Promise<void> {
    const { actor, action, from, readVersion, before, outcome, at } = step;
    const role = roleOf(actor);
    // Optimistic lock: the row must still be the version we read.
    const fields = Object.fromEntries(MUTABLE_FIELDS.map((field) => [field, concern[field]]));
    const result = await em
      .createQueryBuilder()
      .update(Concern)
      .set({ ...fields, version: readVersion + 1 })
      .where('id = :id AND version = :version', { id: concern.id, version: readVersion })
      .execute();
    if (!result.affected) throw new AppException('CONCERN_CHANGED');
    concern.version = readVersion + 1;
    // The badges' and the rates' counts move with the concern, in this transaction.
    await updateTallies(em, before, talliedFacts(concern));

    await em.save(
      em.create(ConcernEvent, {
        concernId: concern.id,
        action,
        actorRole: role,
        actorId: actor.kind === 'staff' ? actor.staffId : actor.kind === 'resident' ? actor.residentId : null,
        fromStatus: from,
        toStatus: concern.status,
        publicText: outcome.publicText ?? null,
        internalText: outcome.internalText ?? null,
        data: outcome.data ?? null,
        ...(at ? { createdAt: at } : {}),
      }),
    );
    if (outcome.notify && concern.residentId !== null) {
      await this.outbox.enqueue(em, { residentId: concern.residentId, concernId: concern.id, ...outcome.notify });
    }
    // 附议: the followers hear the same public progress (their own wording), in this transaction too.
    if (outcome.notify) await this.followers.notifyFollowers(em, concern, outcome.notify.kind);
    if (outcome.alerts?.length) {
      await raiseStaffAlerts(em, concern, outcome.alerts, { exceptStaffId: actor.kind === 'staff' ? actor.staffId : null, at });
    }
    if (actor.kind === 'staff') {
      await this.audit.record(
        em,
        actor,
        `concern.${action}`,
        { type: 'concern', id: concern.id },
        { from, to: concern.status, ...outcome.audit },
      );
    }
  }
}

export function roleOf(actor: StepActor): ActorRole {
  return actor.kind === 'staff' ? actor.role : actor.kind;
}
