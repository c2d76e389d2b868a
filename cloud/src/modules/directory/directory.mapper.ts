import type { CategoryView, CompoundView, DepartmentView, DirectoryKind, DirectoryViews, StreetView } from '@manyi/shared';
import type { Category } from './category.entity.js';
import type { Compound } from './compound.entity.js';
import type { Department } from './department.entity.js';
import type { RoutingRule } from './routing-rule.entity.js';
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
    if (category.parentId === null) roots.push(view);
    // A child of a category left out of the list (disabled) is left out with it.
    else views.get(category.parentId)?.children.push(view);
  }
  return roots;
}

/** The admin directory's view of a row: as stored, with whether it is disabled. */
export function mapAdminDirectoryItem<K extends DirectoryKind>(
  kind: K,
  row: Street | Compound | Department | Category | RoutingRule,
): DirectoryViews[K] {
  const views: { [Kind in DirectoryKind]: () => DirectoryViews[Kind] } = {
    streets: () => {
      const s = row as Street;
      return {
        id: s.id,
        code: s.code,
        name: s.name,
        kind: s.kind,
        sortOrder: s.sortOrder,
        disabled: s.disabled,
        alertWebhook: s.alertWebhookHint,
      };
    },
    compounds: () => {
      const c = row as Compound;
      return { id: c.id, code: c.code, name: c.name, streetId: c.streetId, disabled: c.disabled };
    },
    departments: () => {
      const d = row as Department;
      return {
        id: d.id,
        code: d.code,
        name: d.name,
        kind: d.kind,
        streetId: d.streetId,
        disabled: d.disabled,
        alertWebhook: d.alertWebhookHint,
      };
    },
    categories: () => {
      const c = row as Category;
      return {
        id: c.id,
        code: c.code,
        name: c.name,
        parentId: c.parentId,
        requestType: c.requestType,
        sortOrder: c.sortOrder,
        disabled: c.disabled,
      };
    },
    'routing-rules': () => {
      const r = row as RoutingRule;
      return {
        id: r.id,
        categoryId: r.categoryId,
        streetId: r.streetId,
        compoundId: r.compoundId,
        leadDepartmentId: r.leadDepartmentId,
        coHandlerIds: r.coHandlerIds,
        disabled: r.disabled,
      };
    },
  };
  return views[kind]() as DirectoryViews[K];
}
