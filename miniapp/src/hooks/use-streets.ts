import type { StreetView } from '@manyi/shared';

import { fetchStreets } from '../services/directory.api';
import { useRequest, type UseRequestResult } from './use-request';

async function loadStreets(): Promise<StreetView[]> {
  const { items } = await fetchStreets();
  return items;
}

/** The district's streets and town, for the street picker. */
export function useStreets(): UseRequestResult<StreetView[]> {
  return useRequest(loadStreets);
}
