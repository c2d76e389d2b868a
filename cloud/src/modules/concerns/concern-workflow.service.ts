import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { decideTransition, type ActorRole, type ConcernAction, type ConcernContext, type ConcernStatus } from '@manyi/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { AppException } from '../../common/errors/app.exception.js';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { ConcernEvent } from './concern-event.entity.js';
import { applyConcernScope } from './concern-scope.js';
import { Concern } from './concern.entity.js';
import { talliedFacts, updateTallies } from './concern-tallies.js';
import { Notification, type ConcernNotificationKind } from './notification.entity.js';

/** What one step changes besides the status: the event's texts and data, an outbox message. */
export interface StepOutcome {
  publicText?: string | null;
  internalText?: string | null;
  data?: Record<string, unknown> | null;
  notify?: { kind: ConcernNotificationKind; title: string; body: string };
  /** Overrides the state machine's result when the outcome depends on more than the table knows. */
  to?: ConcernStatus;
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
  'coHandlerIds',
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
      await em.insert(Notification, {
        residentId: concern.residentId,
        concernId: concern.id,
        status: 'pending',
        attempts: 0,
        ...outcome.notify,
      });
    }
    if (actor.kind === 'staff') {
      await this.audit.record(em, actor, `concern.${action}`, { type: 'concern', id: concern.id }, { from, to: concern.status });
    }
    return concern;
  }
}

export function roleOf(actor: StepActor): ActorRole {
  return actor.kind === 'staff' ? actor.role : actor.kind;
}
