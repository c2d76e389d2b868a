import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  decideTransition,
  dispatchDueAt,
  intakeChannelsFor,
  isMobileNumber,
  mayAcceptAtIntake,
  type StaffIntakeInput,
} from '@manyi/shared';
import type { DataSource } from 'typeorm';
import { FieldCipher, maskName } from '../../common/crypto/field-cipher.js';
import { AppException } from '../../common/errors/app.exception.js';
import { AuditService } from '../audit/audit.service.js';
import type { StaffActor } from '../../common/actor.js';
import { DeadlineRulesService } from '../deadlines/deadline-rules.service.js';
import { Compound } from '../directory/compound.entity.js';
import { runClock } from './concern-clock.js';
import { ConcernIntake } from './concern-intake.entity.js';
import { ConcernWorkflow } from './concern-workflow.service.js';
import { Concern } from './concern.entity.js';
import { isUniqueViolation } from '../../database/driver-errors.js';
import { ConcernsService } from './concerns.service.js';
import { VisitIntake } from './visit-intake.js';

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
    private readonly visits: VisitIntake,
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
        const visitId = input.channel === 'visit' ? input.visitId! : null;
        if (visitId !== null) await this.visits.assertOpenForIntake(em, actor, visitId, compound.streetId, now);
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
          visitId,
          orderNumber: input.orderNumber ?? null,
          contactNameEncrypted: input.contactName ? this.cipher.encrypt(input.contactName) : null,
          contactNameMasked: input.contactName ? maskName(input.contactName) : null,
          // The phone is already in its normal form (the schema's normaliseContactNumber): the claim computes the
          // same hash. A landline gets none: WeChat verifies mobiles only, so nobody could claim by it.
          phoneHash: input.phone && isMobileNumber(input.phone) ? this.cipher.lookupHash('phone', input.phone) : null,
          claimedAt: null,
        });
        if (visitId !== null) await this.visits.addToIssueList(em, visitId, concern, input.contactName, now);
        await this.audit.record(
          em,
          actor,
          'concern.intake',
          { type: 'concern', id: concern.id },
          {
            channel: input.channel,
            streetId: concern.streetId,
            visitId,
            orderNumber: input.orderNumber ?? null,
            acceptNow: input.acceptNow,
          },
        );
        // The whole row, with the database's defaults, for the summary the clerk gets back.
        if (!input.acceptNow) return em.findOneByOrFail(Concern, { id: concern.id });
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
}
