import { Global, Injectable, Module } from '@nestjs/common';
import { maskPersonal } from '@manyi/shared';
import type { EntityManager } from 'typeorm';
import type { StaffActor } from '../../common/actor.js';
import { AppException } from '../../common/errors/app.exception.js';
import type { Concern } from '../concerns/concern.entity.js';
import { VisitIntake } from '../concerns/visit-intake.js';
import { VisitIssue } from './visit-issue.entity.js';
import { assertManagesStreet } from './visit-scope.js';
import { Visit } from './visit.entity.js';

/** The visit side of 代录 at a visit (concerns' VisitIntake). */
@Injectable()
export class VisitIntakeService extends VisitIntake {
  async assertOpenForIntake(em: EntityManager, actor: StaffActor, visitId: number, compoundStreetId: number, now: Date): Promise<void> {
    const visit = await em.findOneBy(Visit, { id: visitId });
    if (!visit) throw new AppException('VISIT_NOT_FOUND');
    assertManagesStreet(actor, visit.streetId);
    if (visit.status === 'cancelled' || visit.startsAt.getTime() > now.getTime()) throw new AppException('INTAKE_VISIT_NOT_OPEN');
    if (visit.streetId !== compoundStreetId) throw new AppException('INTAKE_VISIT_COMPOUND_MISMATCH');
  }

  /**
   * The problem goes on the visit's 问题清单, which residents read on the visit page: the title with
   * phone numbers, ID numbers and the resident's name hidden (the public board's masking). Touching the
   * visit row first makes two organisers adding at once take turns for the next position.
   */
  async addToIssueList(
    em: EntityManager,
    visitId: number,
    concern: Pick<Concern, 'id' | 'title'>,
    contactName: string | undefined,
    now: Date,
  ): Promise<void> {
    const visit = await em.findOneByOrFail(Visit, { id: visitId });
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

/** Global: ConcernsModule's intake asks for VisitIntake, and concerns sit below visits. */
@Global()
@Module({ providers: [{ provide: VisitIntake, useClass: VisitIntakeService }], exports: [VisitIntake] })
export class VisitIntakeModule {}
