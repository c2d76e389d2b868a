import type { SelectQueryBuilder } from 'typeorm';
import { AppException } from '../../common/errors/app.exception.js';
import type { Actor } from '../auth/actor.js';
import type { Concern } from './concern.entity.js';

/**
 * Who may see which concerns, applied in the query itself (never by loading and then checking): a
 * resident their own; a dispatcher their street's; a handler what was dispatched to their department;
 * a supervisor all. Editors and admins see none.
 */
export function applyConcernScope(qb: SelectQueryBuilder<Concern>, actor: Actor, alias = 'c'): SelectQueryBuilder<Concern> {
  if (actor.kind === 'resident') return qb.andWhere(`${alias}.resident_id = :scopeResident`, { scopeResident: actor.residentId });
  switch (actor.role) {
    case 'supervisor':
      return qb;
    case 'dispatcher':
      return qb.andWhere(`${alias}.street_id = :scopeStreet`, { scopeStreet: actor.streetId ?? -1 });
    case 'handler':
      return qb.andWhere(`${alias}.lead_department_id = :scopeDepartment`, { scopeDepartment: actor.departmentId ?? -1 });
    case 'editor':
    case 'admin':
      throw new AppException('FORBIDDEN');
  }
}
