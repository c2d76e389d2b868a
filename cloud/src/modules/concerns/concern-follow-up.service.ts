import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ESCALATION_REASONS,
  REOPENS_BEFORE_ESCALATION,
  RETURNS_BEFORE_ESCALATION,
  callbackDueAt,
  isNoAppSource,
  type CallbackQueueQuery,
  type CallbackQueueView,
  type CallbackRecordView,
  type ConcernDetailView,
  type ContactRecordView,
  type DeadlineSettings,
  type EscalationReason,
  type EscalationsQuery,
  type EscalationsView,
} from '@manyi/shared';
import { type DataSource, type EntityManager } from 'typeorm';
import type { StaffActor } from '../../common/actor.js';
import { entityRows } from '../../database/plain-rows.js';
import { staffNames } from '../auth/staff-names.js';
import { DeadlineRulesService } from '../deadlines/deadline-rules.service.js';
import { ConcernCallback } from './concern-callback.entity.js';
import { ConcernContact } from './concern-contact.entity.js';
import { ConcernInboxRepository } from './concern-inbox.repository.js';
import { Concern } from './concern.entity.js';

/** The 回访 queue holds the replies published before this time (`callbackAfterDays` ago), and every no-app one. */
export function callbackQueueCutoff(settings: Pick<DeadlineSettings, 'callbackAfterDays'>, now: Date): Date {
  return new Date(now.getTime() - settings.callbackAfterDays * 24 * 60 * 60 * 1000);
}

/**
 * 双先联、双回访 and 提级督办, the reading side: the 回访 queue, the 督办 list and a concern's contact and
 * callback records. The records themselves are written by the `contact` and `callback` workflow steps.
 */
@Injectable()
export class ConcernFollowUpService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deadlines: DeadlineRulesService,
    private readonly concerns: ConcernInboxRepository,
  ) {}

  /**
   * 回访队列: the caller's concerns awaiting their rating whose reply was published `callbackAfterDays`
   * ago or more, and every one from a channel without the app (NO_APP_SOURCES) at once — oldest
   * published first. Leaves the queue when rated (app or 回访) or closed (the rating window, 未回访).
   */
  async queue(actor: StaffActor, query: CallbackQueueQuery, now = new Date()): Promise<CallbackQueueView> {
    const settings = this.deadlines.settings();
    const { items: page, nextCursor } = await this.concerns.callbackQueue(actor, query, callbackQueueCutoff(settings, now));
    const lastAttempts = await this.lastCallbackTimes(page.map((c) => c.id));
    return {
      items: page.map((c) => {
        const publishedAt = c.dueFrom ?? c.updatedAt;
        const noApp = isNoAppSource(c.source);
        return {
          id: c.id,
          code: c.code ?? '',
          title: c.title,
          streetId: c.streetId,
          compoundId: c.compoundId,
          categoryId: c.categoryId,
          departmentId: c.leadDepartmentId,
          source: c.source,
          reason: noApp ? 'no_app' : 'unrated',
          publishedAt: publishedAt.toISOString(),
          callbackDueAt: (noApp ? publishedAt : callbackDueAt(publishedAt, { settings })).toISOString(),
          attempts: c.unreachedCallbacks,
          maxAttempts: settings.maxCallbackAttempts,
          overdue: c.dueKind === 'callback' && c.dueAt !== null && c.dueAt.getTime() < now.getTime(),
          lastAttemptAt: lastAttempts.get(c.id)?.toISOString() ?? null,
          phone: c.phoneMasked,
        };
      }),
      nextCursor,
    };
  }

  /**
   * 督办清单 (提级督办): the caller's concerns returned three times (退单三次) or reopened twice (重办两次),
   * newest first, each with every reason that applies.
   */
  async escalations(actor: StaffActor, query: EscalationsQuery): Promise<EscalationsView> {
    const { items: page, nextCursor } = await this.concerns.escalated(actor, query);
    const reasonsOf = (c: Concern): EscalationReason[] =>
      ESCALATION_REASONS.filter((r) =>
        r === 'returned' ? c.returnCount >= RETURNS_BEFORE_ESCALATION : c.reopenCount >= REOPENS_BEFORE_ESCALATION,
      );
    return {
      items: page.map((c) => ({
        id: c.id,
        code: c.code ?? '',
        title: c.title,
        status: c.status,
        streetId: c.streetId,
        categoryId: c.categoryId,
        departmentId: c.leadDepartmentId,
        source: c.source,
        reasons: reasonsOf(c),
        returnCount: c.returnCount,
        reopenCount: c.reopenCount,
        updatedAt: c.updatedAt.toISOString(),
      })),
      nextCursor,
    };
  }

  private async lastCallbackTimes(concernIds: number[]): Promise<Map<number, Date>> {
    if (!concernIds.length) return new Map();
    const rows = await this.dataSource
      .getRepository(ConcernCallback)
      .createQueryBuilder('b')
      .select('b.concern_id', 'concernId')
      .addSelect('MAX(b.called_at)', 'at')
      .where('b.concern_id IN (:...ids)', { ids: concernIds })
      .groupBy('b.concern_id')
      .getRawMany<{ concernId: number; at: string | Date }>();
    return new Map(rows.map((r) => [Number(r.concernId), toDate(r.at)]));
  }
}

/** A concern's 先联系 and 回访 records and rating facts, for its staff detail. */
export async function followUpOf(
  em: EntityManager,
  c: Concern,
): Promise<Pick<ConcernDetailView, 'contacts' | 'callbacks' | 'ratingChannel' | 'unreachedCallbacks' | 'callbackUnreached'>> {
  // Plain SQL: the staff detail reads these on every open (plain-rows.ts).
  const contactRows = entityRows(em, ConcernContact);
  const callbackRows = entityRows(em, ConcernCallback);
  const [contacts, callbacks] = await Promise.all([
    contactRows.read(`SELECT ${contactRows.columns('r')} FROM concern_contact r WHERE r.concern_id = :id ORDER BY r.id ASC`, { id: c.id }),
    callbackRows.read(`SELECT ${callbackRows.columns('r')} FROM concern_callback r WHERE r.concern_id = :id ORDER BY r.id ASC`, {
      id: c.id,
    }),
  ]);
  const names = await staffNames(
    em,
    [...contacts, ...callbacks].map((r) => r.staffId),
  );
  const name = (id: number | null) => (id === null ? null : (names.get(id) ?? null));
  return {
    contacts: contacts.map((r): ContactRecordView => ({
      id: r.id,
      method: r.method,
      contactedAt: r.contactedAt.toISOString(),
      note: r.note,
      staffName: name(r.staffId),
      createdAt: r.createdAt.toISOString(),
    })),
    callbacks: callbacks.map((r): CallbackRecordView => ({
      id: r.id,
      reached: r.reached,
      solved: r.solved,
      satisfaction: r.satisfaction,
      words: r.words,
      calledAt: r.calledAt.toISOString(),
      staffName: name(r.staffId),
      counted: r.counted,
      createdAt: r.createdAt.toISOString(),
    })),
    ratingChannel: c.ratingChannel,
    unreachedCallbacks: c.unreachedCallbacks,
    callbackUnreached: c.callbackUnreached,
  };
}

/** A raw datetime as the drivers return it (a Date on MariaDB, 'YYYY-MM-DD HH:MM:SS.sss' UTC on SQLite). */
function toDate(value: string | Date): Date {
  return value instanceof Date ? value : new Date(`${value.replace(' ', 'T')}Z`);
}
