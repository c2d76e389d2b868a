import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AppException } from '../../common/errors/app.exception.js';
import type { Actor, StaffActor } from '../../common/actor.js';
import type { Concern } from './concern.entity.js';

/*
 * Who may see which concerns, applied in the query itself (never by loading and then checking): a
 * resident their own; a dispatcher their street's; a handler what was dispatched to their department;
 * a supervisor all. Editors and admins see none.
 */

/** A scope as a SQL condition with its parameters, for a query builder or for plain SQL (plain-rows.ts); null: no limit. */
export interface ScopeCondition {
  sql: string;
  params: Record<string, unknown>;
}

export function concernScopeCondition(actor: Actor, alias = 'c'): ScopeCondition | null {
  if (actor.kind === 'resident') return { sql: `${alias}.resident_id = :scopeResident`, params: { scopeResident: actor.residentId } };
  return staffScopeCondition(actor, `${alias}.street_id`, `${alias}.lead_department_id`);
}

/**
 * What a staff member may read: their scope (concernScopeCondition) and, for a handler, also the concerns
 * their department co-handles (协办) — to read the concern, its photos and its timeline, and to do the
 * co-handling steps. Acting as the lead (sign, reply …) stays within concernScopeCondition.
 */
export function concernReadScopeCondition(actor: StaffActor, alias = 'c'): ScopeCondition | null {
  if (actor.role !== 'handler') return concernScopeCondition(actor, alias);
  return {
    sql: `(${alias}.lead_department_id = :scopeDepartment OR EXISTS (SELECT 1 FROM concern_co_handler scope_h WHERE scope_h.concern_id = ${alias}.id AND scope_h.department_id = :scopeDepartment AND scope_h.status <> 'released'))`,
    params: { scopeDepartment: actor.departmentId ?? -1 },
  };
}

export function applyConcernScope(qb: SelectQueryBuilder<Concern>, actor: Actor, alias = 'c'): SelectQueryBuilder<Concern> {
  return andScope(qb, concernScopeCondition(actor, alias));
}

export function applyConcernReadScope(qb: SelectQueryBuilder<Concern>, actor: StaffActor, alias = 'c'): SelectQueryBuilder<Concern> {
  return andScope(qb, concernReadScopeCondition(actor, alias));
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
  return andScope(qb, staffScopeCondition(actor, `${alias}.street_id`, `${alias}.department_id`));
}

function andScope<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, scope: ScopeCondition | null): SelectQueryBuilder<T> {
  return scope ? qb.andWhere(scope.sql, scope.params) : qb;
}

/** A staff member's scope over whichever columns hold the street and the (lead) department. */
function staffScopeCondition(actor: StaffActor, streetColumn: string, departmentColumn: string): ScopeCondition | null {
  switch (actor.role) {
    case 'supervisor':
      return null;
    case 'dispatcher':
      return { sql: `${streetColumn} = :scopeStreet`, params: { scopeStreet: actor.streetId ?? -1 } };
    case 'handler':
      return { sql: `${departmentColumn} = :scopeDepartment`, params: { scopeDepartment: actor.departmentId ?? -1 } };
    case 'editor':
    case 'admin':
      throw new AppException('FORBIDDEN');
  }
}
