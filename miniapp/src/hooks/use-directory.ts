import type { CategoryView, CompoundView } from '@manyi/shared';

import { fetchCategories, fetchCompounds } from '../services/directory.api';
import { useRequest, type UseRequestResult } from './use-request';

async function loadCategories(): Promise<CategoryView[]> {
  return (await fetchCategories()).items;
}

/** The category tree for the report form. */
export function useCategories(): UseRequestResult<CategoryView[]> {
  return useRequest(loadCategories);
}

/** The compounds of one street; nothing to load until a street is chosen. */
export function useCompounds(streetCode: string | undefined): UseRequestResult<CompoundView[]> {
  return useRequest(async () => (streetCode ? (await fetchCompounds(streetCode)).items : []), streetCode ?? '');
}
