import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  decideTransition,
  dispatchDueAt,
  intakeChannelsFor,
  isMobileNumber,
  maskPersonal,
  mayAcceptAtIntake,
  type StaffIntakeInput,
} from '@manyi/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { FieldCipher, maskName } from '../../common/crypto/field-cipher.js';
import { AppException } from '../../common/errors/app.exception.js';
import { AuditService } from '../audit/audit.service.js';
import type { StaffActor } from '../../common/actor.js';
import { DeadlineRulesService } from '../deadlines/deadline-rules.service.js';
import { Compound } from '../directory/compound.entity.js';
import { VisitIssue } from '../visits/visit-issue.entity.js';
import { assertManagesStreet } from '../visits/visit-scope.js';
import { Visit } from '../visits/visit.entity.js';
import { runClock } from './concern-clock.js';
import { ConcernIntake } from './concern-intake.entity.js';
import { ConcernWorkflow } from './concern-workflow.service.js';
import type { Concern } from './concern.entity.js';
import { isUniqueViolation } from '../../database/driver-errors.js';
import { ConcernsService } from './concerns.service.js';

/**
 * 代录: staff file a concern on a resident's behalf — on the phone, at the counter, at a visit or 座谈会,
 * or from a 12345 transfer. In one transaction: the concern itself (ConcernsService, the one way a concern
 * comes into being, with `source` = the channel), what the intake adds (concern_intake: the filer, the
 * visit or order, the resident's name encrypted, the phone's lookup hash), a visit's problem on its
 * 问题清单, the audit record, and — when the dispatcher asks for it — the acceptance, as a workflow step.
 */
@Injectable()
export class ConcernIntakeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly concerns: ConcernsService,
    private readonly workflow: ConcernWorkflow,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly deadlines: DeadlineRulesService,
  ) {}

  async intake(actor: StaffActor, input: StaffIntakeInput, at?: Date): Promise<Concern> {
    const now = at ?? new Date();
    if (!intakeChannelsFor(actor.role).includes(input.channel)) throw new AppException('INTAKE_CHANNEL_NOT_ALLOWED');
    if (input.acceptNow && !mayAcceptAtIntake(actor.role)) {
      const refusal = decideTransition('submitted', 'accept', actor.role);
      throw new AppException('CONCERN_ROLE_NOT_ALLOWED', refusal.allowed ? undefined : refusal.message);
    }
    try {
      return await this.dataSource.transaction(async (em) => {
        const compound = await em.findOneBy(Compound, { id: input.compoundId, disabled: false });
        if (!compound) throw new AppException('COMPOUND_NOT_FOUND');
        if (actor.role === 'dispatcher' && compound.streetId !== actor.streetId) throw new AppException('INTAKE_STREET_NOT_ALLOWED');
        const visit = input.channel === 'visit' ? await this.visitUnderWay(em, actor, input.visitId!, compound, now) : null;
        if (input.orderNumber && (await em.existsBy(ConcernIntake, { orderNumber: input.orderNumber })))
          throw new AppException('HOTLINE_ORDER_TAKEN', undefined, { orderNumber: input.orderNumber });

        const concern = await this.concerns.submitForResident(
          em,
          actor,
          {
            categoryId: input.categoryId,
            compoundId: input.compoundId,
            title: input.title,
            description: input.description,
            photoIds: input.photoIds,
            address: input.address,
            phone: input.phone,
            confidential: input.confidential,
          },
          input.channel,
          at,
        );
        await em.insert(ConcernIntake, {
          concernId: concern.id,
          staffId: actor.staffId,
          visitId: visit?.id ?? null,
          orderNumber: input.orderNumber ?? null,
          contactNameEncrypted: input.contactName ? this.cipher.encrypt(input.contactName) : null,
          contactNameMasked: input.contactName ? maskName(input.contactName) : null,
          // The phone is already in its normal form (the schema's normaliseContactNumber): the claim computes the
          // same hash. A landline gets none: WeChat verifies mobiles only, so nobody could claim by it.
          phoneHash: input.phone && isMobileNumber(input.phone) ? this.cipher.lookupHash('phone', input.phone) : null,
          claimedAt: null,
        });
        if (visit) await this.addToIssueList(em, visit, concern, input.contactName, now);
        await this.audit.record(
          em,
          actor,
          'concern.intake',
          { type: 'concern', id: concern.id },
          {
            channel: input.channel,
            streetId: concern.streetId,
            visitId: visit?.id ?? null,
            orderNumber: input.orderNumber ?? null,
            acceptNow: input.acceptNow,
          },
        );
        if (!input.acceptNow) return concern;
        // 立即受理: the accept step itself (state machine, event, audit), with the same 派单时限 as ConcernActionsService's.
        const rules = this.deadlines.rules();
        return this.workflow.stepIn(
          em,
          concern.id,
          actor,
          'accept',
          (c) => {
            runClock(c, 'dispatch', dispatchDueAt(now, rules), now);
            return {};
          },
          undefined,
          at,
        );
      });
    } catch (error) {
      // Two clerks entering the same order at once: the unique index lets one in.
      if (input.orderNumber && isUniqueViolation(error))
        throw new AppException('HOTLINE_ORDER_TAKEN', undefined, { orderNumber: input.orderNumber });
      throw error;
    }
  }

  /**
   * The visit a problem was raised at: one the caller organises (their street's, or any for a
   * supervisor or admin), under way or held — not cancelled, not yet to come — and in the compound's street.
   */
  private async visitUnderWay(em: EntityManager, actor: StaffActor, visitId: number, compound: Compound, now: Date): Promise<Visit> {
    const visit = await em.findOneBy(Visit, { id: visitId });
    if (!visit) throw new AppException('VISIT_NOT_FOUND');
    assertManagesStreet(actor, visit.streetId);
    if (visit.status === 'cancelled' || visit.startsAt.getTime() > now.getTime()) throw new AppException('INTAKE_VISIT_NOT_OPEN');
    if (visit.streetId !== compound.streetId) throw new AppException('INTAKE_VISIT_COMPOUND_MISMATCH');
    return visit;
  }

  /**
   * Appends the problem to the visit's 问题清单, which residents read on the visit page: the title with
   * phone numbers, ID numbers and the resident's name hidden (the public board's masking). Touching the
   * visit row first makes two organisers adding at once take turns for the next position.
   */
  private async addToIssueList(em: EntityManager, visit: Visit, concern: Concern, contactName: string | undefined, now: Date) {
    await em.update(Visit, { id: visit.id }, { issuesPublishedAt: visit.issuesPublishedAt ?? now });
    const last = await em
      .getRepository(VisitIssue)
      .createQueryBuilder('i')
      .select('MAX(i.position)', 'position')
      .where('i.visit_id = :visitId', { visitId: visit.id })
      .getRawOne<{ position: unknown }>();
    await em.insert(VisitIssue, {
      visitId: visit.id,
      position: Number(last?.position ?? 0) + 1,
      text: maskPersonal(concern.title, { names: [contactName] }),
      concernId: concern.id,
    });
  }
}
