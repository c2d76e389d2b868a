import { Injectable } from '@nestjs/common';
import {
  CONTACT_PUBLIC_TEXT,
  RETURNS_BEFORE_ESCALATION,
  UNREACHED_CLOSING_TEXT,
  callbackOutcome,
  checkExtension,
  contactDueAt,
  dispatchDueAt,
  isFinalStatus,
  isOutstandingCoHandler,
  publishedClock,
  replyBlockedMessage,
  resolveDueAt,
  reviewDueAt,
  signDueAt,
  shanghaiDateTime,
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
  type CallbackConcernInput,
  type ContactConcernInput,
} from '@manyi/shared';
import { In, type EntityManager } from 'typeorm';
import { AppException } from '../../common/errors/app.exception.js';
import type { StaffActor } from '../../common/actor.js';
import { Department } from '../directory/department.entity.js';
import { UploadsService } from '../uploads/uploads.service.js';
import { coHandlersAtDispatch, coHandlersOf, releaseOutstandingCoHandlers } from './concern-co-handlers.js';
import { ConcernCallback } from './concern-callback.entity.js';
import { ConcernContact } from './concern-contact.entity.js';
import { ConcernEvent } from './concern-event.entity.js';
import { applyRating } from './concern-rating.js';
import { ConcernPhoto } from './concern-photo.entity.js';
import { applyConcernScope } from './concern-scope.js';
import { DeadlineRulesService } from '../deadlines/deadline-rules.service.js';
import { runClock, stopClock } from './concern-clock.js';
import { ConcernWorkflow, notification, type StepChange } from './concern-workflow.service.js';
import { Concern } from './concern.entity.js';

/** The staff side of the loop: every staff action of the lifecycle (docs/concerns.md), each one step of the workflow. */
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
          markTriaged(c, now);
          runClock(c, 'dispatch', dispatchDueAt(now, rules), now);
          return { notify: notification('accepted', `您反映的「${c.title}」已受理，我们会尽快派单办理。`) };
        });
      case 'reject': {
        const { reason } = b as RejectConcernInput;
        return step('reject', (c) => {
          markTriaged(c, now);
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
          const coHandlers = [...new Set(coHandlerIds.filter((d) => d !== departmentId))];
          c.leadDepartmentId = departmentId;
          c.dispatchedAt = now;
          c.signDueAt = signDueAt(now, rules);
          c.signedAt = null;
          c.resolveDueAt = resolveDueAt(now, c.requestType, rules);
          c.resolveFrom = now;
          runClock(c, 'sign', c.signDueAt, now);
          c.pendingExtensionDays = null;
          // 协办: each department named is asked (again, if it had declined or been released); the others are released.
          const { asked, released } = await coHandlersAtDispatch(em, c.id, coHandlers, now, rules);
          const lead = departments.find((d) => d.id === departmentId)!;
          const name = (id: number) => departments.find((d) => d.id === id)?.name ?? String(id);
          return {
            publicText: `已派至${lead.name}办理`,
            data: { departmentId, coHandlerIds: coHandlers, askedCoHandlerIds: asked, releasedCoHandlerIds: released },
            alerts: [
              {
                kind: 'dispatched' as const,
                detail: `签收期限 ${shanghaiDateTime(c.signDueAt)}${coHandlers.length ? `；协办：${coHandlers.map(name).join('、')}` : ''}`,
              },
              ...asked.map((d) => ({
                kind: 'co_handling_asked' as const,
                departmentId: d,
                detail: `${lead.name}主办，请${name(d)}协办；协办签收期限 ${shanghaiDateTime(signDueAt(now, rules))}`,
              })),
            ],
          };
        });
      }
      case 'sign':
        return step('sign', (c) => {
          c.signedAt = now;
          // 先联系 first: its clock runs from the signing until contact is recorded, unless the 办结 deadline comes sooner.
          const contactDue = contactDueAt(now, rules);
          if (c.resolveDueAt && contactDue.getTime() < c.resolveDueAt.getTime()) runClock(c, 'contact', contactDue, now);
          else runClock(c, 'resolve', c.resolveDueAt, c.resolveFrom);
          return { publicText: '承办部门已签收' };
        });
      case 'return': {
        const { reason, note } = b as ReturnConcernInput;
        return step('return', async (c, em) => {
          const from = c.leadDepartmentId;
          // The dispatch ends with its co-handling: the next dispatch asks again whom it names.
          const released = await releaseOutstandingCoHandlers(em, c.id);
          c.returnCount += 1;
          if (c.returnCount >= RETURNS_BEFORE_ESCALATION) c.escalated = true;
          c.leadDepartmentId = null;
          c.signedAt = null;
          c.pendingExtensionDays = null;
          runClock(c, 'dispatch', dispatchDueAt(now, rules), now);
          return {
            internalText: note,
            data: { reason, departmentId: from, returnCount: c.returnCount, escalated: c.escalated, releasedCoHandlerIds: released },
          };
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
          // Still counted from the clock's start: the extension adds to the working time it was given. A running
          // 先联系 clock stays: the contact is still owed first.
          if (c.dueKind !== 'contact') runClock(c, 'resolve', c.resolveDueAt, c.resolveFrom);
          return {
            data: { workingDays: days, resolveDueAt: check.newDueAt.toISOString() },
            alerts: [
              {
                kind: 'extension_decided',
                detail: `已批准延期 ${days} 个工作日，办结期限改为 ${shanghaiDateTime(check.newDueAt)}`,
              },
            ],
          };
        });
      case 'reply': {
        const { text, photoIds, internalNote } = b as ReplyConcernInput;
        return step('reply', async (c, em) => {
          // 协办: the reply waits for every co-handler's part, unless the dispatcher waived it.
          const coHandlers = await coHandlersOf(em, c.id);
          const outstanding = coHandlers.filter((h) => isOutstandingCoHandler(h.status));
          if (outstanding.length) {
            const names = new Map(
              (await em.findBy(Department, { id: In(outstanding.map((h) => h.departmentId)) })).map((d) => [d.id, d.name]),
            );
            throw new AppException(
              'CO_HANDLER_PART_OUTSTANDING',
              replyBlockedMessage(
                outstanding.map((h) => ({ name: names.get(h.departmentId) ?? String(h.departmentId), status: h.status })),
              ),
              { departmentIds: outstanding.map((h) => h.departmentId) },
            );
          }
          // Photos of the parts given for the reply (用于答复) are published with it.
          const coHandlerPhotoIds = coHandlers
            .filter((h) => h.status === 'submitted' && h.partVisibility === 'reply')
            .flatMap((h) => h.partPhotoIds);
          const photos = await this.uploads.assertOwned(photoIds, actor, em);
          // Evidence photos become readable by staff who may see this concern; by the resident once approve-reply publishes them.
          for (const photo of photos) {
            if (!(await em.existsBy(ConcernPhoto, { concernId: c.id, photoId: photo.id })))
              await em.insert(ConcernPhoto, { concernId: c.id, photoId: photo.id });
          }
          // 按时办结: the last reply before closing decides, against the 办结 deadline (extensions included).
          c.repliedOnTime = c.resolveDueAt !== null && now.getTime() <= c.resolveDueAt.getTime();
          runClock(c, 'review', reviewDueAt(now, rules), now);
          c.pendingExtensionDays = null;
          // The reply reaches the resident only when the dispatcher approves it.
          return {
            internalText: internalNote || null,
            data: { replyText: text, photoIds, ...(coHandlerPhotoIds.length ? { coHandlerPhotoIds } : {}) },
          };
        });
      }
      case 'approve-reply':
        return step('approve-reply', async (c, em) => {
          const reply = await em.findOne(ConcernEvent, { where: { concernId: c.id, action: 'reply' }, order: { id: 'DESC' } });
          const data = (reply?.data ?? {}) as { replyText?: string; photoIds?: number[]; coHandlerPhotoIds?: number[] };
          // The resident's 评价期, or for a concern from a channel without the app the street's 回访期.
          const clock = publishedClock(c.source, now, rules);
          runClock(c, clock.kind, clock.dueAt, now);
          // A new round of 回访 attempts with each published reply.
          c.unreachedCallbacks = 0;
          return {
            publicText: data.replyText ?? null,
            data: { photoIds: [...(data.photoIds ?? []), ...(data.coHandlerPhotoIds ?? [])] },
            notify: notification('reply_published', `您反映的「${c.title}」已有答复，请查看并评价。`),
          };
        });
      case 'send-back': {
        const { reason } = b as SendBackReplyInput;
        return step('send-back', (c) => {
          runClock(c, 'resolve', c.resolveDueAt, c.resolveFrom);
          return { internalText: reason, alerts: [{ kind: 'sent_back', detail: `退回理由：${reason}` }] };
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
          // Whoever holds the running clock is chased (DUE_KIND_HOLDERS): the street for triage and review, the department after dispatch.
          return { internalText: text ?? null, alerts: [{ kind: 'chased', detail: text || '请尽快办理' }] };
        });
      }
      case 'contact': {
        const { method, contactedAt, note } = b as ContactConcernInput;
        return step('contact', async (c, em) => {
          const when = new Date(contactedAt);
          if (when.getTime() > now.getTime() + CLOCK_SKEW_MS) throw new AppException('VALIDATION_FAILED', '联系时间不能晚于现在');
          if (c.signedAt && when.getTime() < c.signedAt.getTime()) throw new AppException('VALIDATION_FAILED', '联系时间不能早于签收时间');
          await em.insert(ConcernContact, { concernId: c.id, staffId: actor.staffId, method, contactedAt: when, note: note || null });
          // The contact owed first is done: the 办结 clock shows from here.
          if (c.dueKind === 'contact') runClock(c, 'resolve', c.resolveDueAt, c.resolveFrom);
          return { publicText: CONTACT_PUBLIC_TEXT, internalText: note || null, data: { method, contactedAt: when.toISOString() } };
        });
      }
      case 'callback': {
        const input = b as CallbackConcernInput;
        const settings = rules.settings;
        const callback = { reached: input.reached, solved: input.solved, satisfaction: input.satisfaction };
        return this.workflow.step(
          id,
          actor,
          'callback',
          async (c, em) => {
            const calledAt = input.calledAt ? new Date(input.calledAt) : now;
            if (calledAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw new AppException('VALIDATION_FAILED', '回访时间不能晚于现在');
            const from = c.status;
            const outcome = callbackOutcome(
              {
                reopenCount: c.reopenCount,
                maxReopens: settings.maxReopens,
                callback,
                unreachedCallbacks: c.unreachedCallbacks,
                maxCallbackAttempts: settings.maxCallbackAttempts,
              },
              from,
            );
            await em.insert(ConcernCallback, {
              concernId: c.id,
              staffId: actor.staffId,
              reached: input.reached,
              solved: input.solved ?? null,
              satisfaction: input.satisfaction ?? null,
              words: input.words || null,
              calledAt,
              counted: outcome.counts,
            });
            const data = { ...callback, counted: outcome.counts, calledAt: calledAt.toISOString() };
            // After the resident's own rating (or a closing), the call is on record only: the first rating counts.
            if (from !== 'awaiting_rating') return { internalText: input.words || null, data };
            if (outcome.counts) {
              const rated = applyRating(c, { solved: input.solved!, satisfaction: input.satisfaction! }, 'callback', now, rules);
              return {
                ...rated,
                publicText: '街道已回访，并记录了您的评价',
                internalText: input.words || null,
                data: { ...rated.data, ...data },
              };
            }
            c.unreachedCallbacks += 1;
            if (!outcome.unreached) return { internalText: input.words || null, data: { ...data, attempts: c.unreachedCallbacks } };
            // 未回访: the attempts ran out; it closes unrated, counted apart.
            c.callbackUnreached = true;
            stopClock(c, now);
            return {
              to: 'closed',
              publicText: UNREACHED_CLOSING_TEXT,
              internalText: input.words || null,
              data: { ...data, attempts: c.unreachedCallbacks },
              notify: notification('closed', `诉求「${c.title}」已办结。`),
            };
          },
          { callback, maxReopens: settings.maxReopens, maxCallbackAttempts: settings.maxCallbackAttempts },
          at,
        );
      }
    }
    throw new AppException('ROUTE_NOT_FOUND');
  }
}

/** A time staff enter may run this far ahead of the server's clock (a phone's clock, a minute's rounding). */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** 受理决定: the first accept or reject, and whether it came within the 受理时限 (按时受理率). */
function markTriaged(c: Concern, now: Date): void {
  if (c.triagedAt !== null) return;
  c.triagedAt = now;
  c.triagedOnTime = c.dueKind === 'triage' && c.dueAt !== null && now.getTime() <= c.dueAt.getTime();
}

async function scopedConcern(em: EntityManager, actor: StaffActor, id: number): Promise<Concern | null> {
  return applyConcernScope(em.getRepository(Concern).createQueryBuilder('c').where('c.id = :tid', { tid: id }), actor).getOne();
}
