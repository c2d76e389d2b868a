import type { EntityManager } from 'typeorm';
import type { StaffActor } from '../../common/actor.js';
import type { Concern } from './concern.entity.js';

/**
 * 代录 at a visit: what the intake needs of the visit it was raised at. Visits sit above concerns (a visit
 * question becomes a concern), so the intake asks through this class, which VisitsModule provides
 * (VisitIntakeModule, global).
 */
export abstract class VisitIntake {
  /**
   * Throws unless the caller organises the visit (their street's, or any for a supervisor or admin), it is
   * under way or held — not cancelled, not yet to come — and in the compound's street.
   */
  abstract assertOpenForIntake(em: EntityManager, actor: StaffActor, visitId: number, compoundStreetId: number, now: Date): Promise<void>;

  /** Appends the concern to the visit's 问题清单, in the intake's transaction. */
  abstract addToIssueList(
    em: EntityManager,
    visitId: number,
    concern: Pick<Concern, 'id' | 'title'>,
    contactName: string | undefined,
    now: Date,
  ): Promise<void>;
}
