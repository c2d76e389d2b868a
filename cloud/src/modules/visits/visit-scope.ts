import { VISIT_STAFF_ROLES } from '@manyi/shared';
import type { SelectQueryBuilder } from 'typeorm';
import { AppException } from '../../common/errors/app.exception.js';
import type { StaffActor } from '../../common/actor.js';
import type { Visit } from './visit.entity.js';

/** Staff who manage visits: a street's editors and dispatchers their street's, supervisors and admins every street's. */
export const VISIT_STAFF = VISIT_STAFF_ROLES;

/** The street a staff member is bound to for visits, or null when they may manage every street. */
export function visitStreetOf(actor: StaffActor): number | null {
  if (actor.role === 'supervisor' || actor.role === 'admin') return null;
  if (actor.role === 'editor' || actor.role === 'dispatcher') return actor.streetId ?? -1;
  throw new AppException('FORBIDDEN');
}

export function assertManagesStreet(actor: StaffActor, streetId: number): void {
  const own = visitStreetOf(actor);
  if (own !== null && own !== streetId) throw new AppException('FORBIDDEN', '只能管理本街道的走访活动');
}

export function applyVisitScope(qb: SelectQueryBuilder<Visit>, actor: StaffActor, alias = 'v'): SelectQueryBuilder<Visit> {
  const own = visitStreetOf(actor);
  return own === null ? qb : qb.andWhere(`${alias}.street_id = :scopeStreet`, { scopeStreet: own });
}
