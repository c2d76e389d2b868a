import { Injectable } from '@nestjs/common';
import {
  RETURNS_BEFORE_ESCALATION,
  checkExtension,
  dispatchDueAt,
  isFinalStatus,
  ratingDueAt,
  resolveDueAt,
  reviewDueAt,
  signDueAt,
  type DispatchConcernInput,
  type ExtendConcernInput,
  type MergeConcernInput,
  type ChaseConcernInput,
  type NoteConcernInput,
  type RejectConcernInput,
  type ReplyConcernInput,
  type ReturnConcernInput,
  type SendBackReplyInput,
  type StaffActionBodies,
  type StaffConcernAction,
  type ConcernAction,
} from '@manyi/shared';
import { In, type EntityManager } from 'typeorm';
import { AppException } from '../../common/errors/app.exception.js';
import type { StaffActor } from '../auth/actor.js';
import { Department } from '../directory/department.entity.js';
import { UploadsService } from '../uploads/uploads.service.js';
import { ConcernEvent } from './concern-event.entity.js';
import { ConcernPhoto } from './concern-photo.entity.js';
import { applyConcernScope } from './concern-scope.js';
import { DeadlineRulesService } from '../deadlines/deadline-rules.service.js';
import { runClock, stopClock } from './concern-clock.js';
import { ConcernWorkflow, notification, type StepChange } from './concern-workflow.service.js';
import { Concern } from './concern.entity.js';

/** The staff side of the loop: every action of DESIGN.md's lifecycle, each one step of the workflow. */
@Injectable()
export class ConcernActionsService {
  constructor(
    private readonly workflow: ConcernWorkflow,
    private readonly uploads: UploadsService,
    private readonly deadlines: DeadlineRulesService,
  ) {}

  act<A extends StaffConcernAction>(actor: StaffActor, id: number, action: A, body: StaffActionBodies[A], at?: Date): Promise<Concern> {
    const b = body as StaffActionBodies[StaffConcernAction];
    const rules = this.deadlines.rules();
    // Given a time (work replayed on a seeded clock), the step happens then, its timeline event included.
    const now = at ?? new Date();
    const step = (action: ConcernAction, change: StepChange) => this.workflow.step(id, actor, action, change, undefined, at);
    switch (action) {
      case 'accept':
        return step('accept', (c) => {
          runClock(c, 'dispatch', dispatchDueAt(now, rules), now);
          return { notify: notification('accepted', `您反映的「${c.title}」已受理，我们会尽快派单办理。`) };
        });
      case 'reject': {
        const { reason } = b as RejectConcernInput;
        return step('reject', (c) => {
          stopClock(c, now);
          return { publicText: reason, notify: notification('rejected', `您反映的「${c.title}」未予受理：${reason}`) };
        });
      }
      case 'merge': {
        const { intoId } = b as MergeConcernInput;
        return step('merge', async (c, em) => {
          const target = await scopedConcern(em, actor, intoId);
          if (!target || target.id === c.id || isFinalStatus(target.status) || target.streetId !== c.streetId) {
            throw new AppException('MERGE_TARGET_INVALID', '只能合并到同一街道内未办结的其他诉求');
          }
          stopClock(c, now);
          c.mergedIntoId = target.id;
          return { publicText: `已与诉求 ${target.code} 合并办理，请关注该诉求的进展`, data: { intoId: target.id, intoCode: target.code } };
        });
      }
      case 'dispatch': {
        const { departmentId, coHandlerIds } = b as DispatchConcernInput;
        return step('dispatch', async (c, em) => {
          const ids = [departmentId, ...coHandlerIds];
          const departments = await em.findBy(Department, { id: In(ids) });
          // A disabled (停用) department takes no new work.
          const usable = (d: Department) => !d.disabled && (d.streetId === null || d.streetId === c.streetId);
          if (departments.length !== new Set(ids).size || !departments.every(usable)) {
            throw new AppException('DEPARTMENT_NOT_FOUND', '部门不存在或不服务该街道');
          }
          c.leadDepartmentId = departmentId;
          c.coHandlerIds = coHandlerIds.filter((d) => d !== departmentId);
          c.dispatchedAt = now;
          c.signDueAt = signDueAt(now, rules);
          c.signedAt = null;
          c.resolveDueAt = resolveDueAt(now, c.requestType, rules);
          c.resolveFrom = now;
          runClock(c, 'sign', c.signDueAt, now);
          c.pendingExtensionDays = null;
          const lead = departments.find((d) => d.id === departmentId)!;
          return { publicText: `已派至${lead.name}办理`, data: { departmentId, coHandlerIds: c.coHandlerIds } };
        });
      }
      case 'sign':
        return step('sign', (c) => {
          c.signedAt = now;
          runClock(c, 'resolve', c.resolveDueAt, c.resolveFrom);
          return { publicText: '承办部门已签收' };
        });
      case 'return': {
        const { reason, note } = b as ReturnConcernInput;
        return step('return', (c) => {
          const from = c.leadDepartmentId;
          c.returnCount += 1;
          if (c.returnCount >= RETURNS_BEFORE_ESCALATION) c.escalated = true;
          c.leadDepartmentId = null;
          c.coHandlerIds = [];
          c.signedAt = null;
          c.pendingExtensionDays = null;
          runClock(c, 'dispatch', dispatchDueAt(now, rules), now);
          return { internalText: note, data: { reason, departmentId: from, returnCount: c.returnCount, escalated: c.escalated } };
        });
      }
      case 'extend': {
        const { workingDays, reason } = b as ExtendConcernInput;
        return step('extend', (c) => {
          const check = checkExtension({ now, dueAt: c.resolveDueAt ?? now, workingDays, extensionsSoFar: c.extensionCount }, rules);
          if (!check.ok) throw new AppException(check.code, check.message);
          c.pendingExtensionDays = workingDays;
          return { internalText: reason, data: { workingDays } };
        });
      }
      case 'approve-extension':
        return step('approve-extension', (c) => {
          if (c.pendingExtensionDays === null) throw new AppException('NO_PENDING_EXTENSION');
          // Still only before the due date: an extension approved late would rewrite a deadline already missed.
          const check = checkExtension(
            { now, dueAt: c.resolveDueAt ?? now, workingDays: c.pendingExtensionDays, extensionsSoFar: c.extensionCount },
            rules,
          );
          if (!check.ok) throw new AppException(check.code, check.message);
          const days = c.pendingExtensionDays;
          c.resolveDueAt = check.newDueAt;
          c.extensionCount += 1;
          c.pendingExtensionDays = null;
          // Still counted from the clock's start: the extension adds to the working time it was given.
          runClock(c, 'resolve', c.resolveDueAt, c.resolveFrom);
          return { data: { workingDays: days, resolveDueAt: check.newDueAt.toISOString() } };
        });
      case 'reply': {
        const { text, photoIds, internalNote } = b as ReplyConcernInput;
        return step('reply', async (c, em) => {
          const photos = await this.uploads.assertOwned(photoIds, actor, em);
          // Evidence photos become readable by staff who may see this concern; by the resident once approve-reply publishes them.
          for (const photo of photos) {
            if (!(await em.existsBy(ConcernPhoto, { concernId: c.id, photoId: photo.id })))
              await em.insert(ConcernPhoto, { concernId: c.id, photoId: photo.id });
          }
          runClock(c, 'review', reviewDueAt(now, rules), now);
          c.pendingExtensionDays = null;
          // The reply reaches the resident only when the dispatcher approves it.
          return { internalText: internalNote || null, data: { replyText: text, photoIds } };
        });
      }
      case 'approve-reply':
        return step('approve-reply', async (c, em) => {
          const reply = await em.findOne(ConcernEvent, { where: { concernId: c.id, action: 'reply' }, order: { id: 'DESC' } });
          const data = (reply?.data ?? {}) as { replyText?: string; photoIds?: number[] };
          runClock(c, 'rating', ratingDueAt(now, rules), now);
          return {
            publicText: data.replyText ?? null,
            data: { photoIds: data.photoIds ?? [] },
            notify: notification('reply_published', `您反映的「${c.title}」已有答复，请查看并评价。`),
          };
        });
      case 'send-back': {
        const { reason } = b as SendBackReplyInput;
        return step('send-back', (c) => {
          runClock(c, 'resolve', c.resolveDueAt, c.resolveFrom);
          return { internalText: reason };
        });
      }
      case 'note': {
        const { text } = b as NoteConcernInput;
        return step('note', () => ({ internalText: text }));
      }
      case 'chase': {
        const { text } = b as ChaseConcernInput;
        return step('chase', (c) => {
          c.escalated = c.escalated || actor.role === 'supervisor';
          return { internalText: text ?? null };
        });
      }
    }
    throw new AppException('ROUTE_NOT_FOUND');
  }
}

async function scopedConcern(em: EntityManager, actor: StaffActor, id: number): Promise<Concern | null> {
  return applyConcernScope(em.getRepository(Concern).createQueryBuilder('c').where('c.id = :tid', { tid: id }), actor).getOne();
}
