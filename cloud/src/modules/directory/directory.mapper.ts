import type { CategoryView, CompoundView, DepartmentView, StreetView } from '@manyi/shared';
import type { Category } from './category.entity.js';
import type { Compound } from './compound.entity.js';
import type { Department } from './department.entity.js';
import type { Street } from './street.entity.js';

export function mapStreet(street: Street): StreetView {
  return { id: street.id, code: street.code, name: street.name, kind: street.kind };
}

export function mapCompound(compound: Compound, streetCode: string): CompoundView {
  return { id: compound.id, code: compound.code, name: compound.name, streetCode };
}

export function mapDepartment(department: Department, streetCodes: ReadonlyMap<number, string>): DepartmentView {
  return {
    id: department.id,
    code: department.code,
    name: department.name,
    kind: department.kind,
    streetCode: department.streetId === null ? null : (streetCodes.get(department.streetId) ?? null),
  };
}

/** Builds the category tree from a flat list ordered by sort order. */
export function mapCategoryTree(categories: Category[]): CategoryView[] {
  const views = new Map<number, CategoryView>(
    categories.map((c) => [c.id, { id: c.id, code: c.code, name: c.name, parentId: c.parentId, requestType: c.requestType, children: [] }]),
  );
  const roots: CategoryView[] = [];
  for (const category of categories) {
    const view = views.get(category.id)!;
    const parent = category.parentId === null ? undefined : views.get(category.parentId);
    (parent ? parent.children : roots).push(view);
  }
  return roots;
}
