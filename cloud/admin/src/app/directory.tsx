import type { CategoryView, DepartmentView, StreetView } from '@manyi/shared';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { api } from '../api/endpoints';

/** The reference data every page names things with: loaded once per session from the directory routes. */
export interface Directory {
  streets: StreetView[];
  departments: DepartmentView[];
  /** Every category of the tree, parents before their children. */
  categories: CategoryView[];
  streetById: ReadonlyMap<number, StreetView>;
  departmentById: ReadonlyMap<number, DepartmentView>;
  categoryById: ReadonlyMap<number, CategoryView>;
}

export const EMPTY_DIRECTORY: Directory = buildDirectory([], [], []);

export function buildDirectory(streets: StreetView[], departments: DepartmentView[], tree: CategoryView[]): Directory {
  const categories: CategoryView[] = [];
  const walk = (items: CategoryView[]) => {
    for (const item of items) {
      categories.push(item);
      walk(item.children ?? []);
    }
  };
  walk(tree);
  return {
    streets,
    departments,
    categories,
    streetById: new Map(streets.map((s) => [s.id, s])),
    departmentById: new Map(departments.map((d) => [d.id, d])),
    categoryById: new Map(categories.map((c) => [c.id, c])),
  };
}

/** "恒益" for an id the directory knows, else "#12" — a name must never hide that something is there. */
export function nameOf(map: ReadonlyMap<number, { name: string }>, id: number | null | undefined): string {
  if (id == null) return '—';
  return map.get(id)?.name ?? `#${id}`;
}

export const DirectoryContext = createContext<Directory>(EMPTY_DIRECTORY);

export function DirectoryProvider({ children }: { children: ReactNode }) {
  const [directory, setDirectory] = useState<Directory>(EMPTY_DIRECTORY);
  useEffect(() => {
    let cancelled = false;
    Promise.all([api.streets(), api.departments(), api.categories()])
      .then(([streets, departments, categories]) => {
        if (!cancelled) setDirectory(buildDirectory(streets.items, departments.items, categories.items));
      })
      // Names fall back to "#id" until the directory loads; the pages still work without it.
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, []);
  return <DirectoryContext.Provider value={directory}>{children}</DirectoryContext.Provider>;
}

export function useDirectory(): Directory {
  return useContext(DirectoryContext);
}
