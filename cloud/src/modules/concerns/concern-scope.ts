import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AppException } from '../../common/errors/app.exception.js';
import type { Actor, StaffActor } from '../../common/actor.js';
import type { Concern } from './concern.entity.js';

/**
 * Who may see which concerns, applied in the query itself (never by loading and then checking): a
 * resident their own; a dispatcher their street's; a handler what was dispatched to their department;
 * a supervisor all. Editors and admins see none.
 */
export function applyConcernScope(qb: SelectQueryBuilder<Concern>, actor: Actor, alias = 'c'): SelectQueryBuilder<Concern> {
  if (actor.kind === 'resident') return qb.andWhere(`${alias}.resident_id = :scopeResident`, { scopeResident: actor.residentId });
  return applyStaffScope(qb, actor, `${alias}.street_id`, `${alias}.lead_department_id`);
}

/**
 * What a staff member may read: their scope (applyConcernScope) and, for a handler, also the concerns
 * their department co-handles (协办) — to read the concern, its photos and its timeline, and to do the
 * co-handling steps. Acting as the lead (sign, reply …) stays within applyConcernScope.
 */
export function applyConcernReadScope(qb: SelectQueryBuilder<Concern>, actor: StaffActor, alias = 'c'): SelectQueryBuilder<Concern> {
  if (actor.role !== 'handler') return applyConcernScope(qb, actor, alias);
  return qb.andWhere(
    `(${alias}.lead_department_id = :scopeDepartment OR EXISTS (SELECT 1 FROM concern_co_handler scope_h WHERE scope_h.concern_id = ${alias}.id AND scope_h.department_id = :scopeDepartment AND scope_h.status <> 'released'))`,
    { scopeDepartment: actor.departmentId ?? -1 },
  );
}

/**
 * The same scope over a table of counts kept per street and lead department (`street_id`,
 * `department_id`, 0 = none): a staff member's counts are the rows of their street or department.
 */
export function applyTallyScope<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  actor: StaffActor,
  alias: string,
): SelectQueryBuilder<T> {
  return applyStaffScope(qb, actor, `${alias}.street_id`, `${alias}.department_id`);
}

/** A staff member's scope over whichever columns hold the street and the (lead) department. */
function applyStaffScope<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  actor: StaffActor,
  streetColumn: string,
  departmentColumn: string,
): SelectQueryBuilder<T> {
  switch (actor.role) {
    case 'supervisor':
      return qb;
    case 'dispatcher':
      return qb.andWhere(`${streetColumn} = :scopeStreet`, { scopeStreet: actor.streetId ?? -1 });
    case 'handler':
      return qb.andWhere(`${departmentColumn} = :scopeDepartment`, { scopeDepartment: actor.departmentId ?? -1 });
    case 'editor':
    case 'admin':
      throw new AppException('FORBIDDEN');
  }
}
