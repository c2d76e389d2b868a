import type { StreetView } from '@manyi/shared';

import { request } from './request';

// Typed endpoints of the public directory (DESIGN.md "Core routes"). Types come from
// @manyi/shared so the mini-program and the service cannot drift apart.

export interface ItemsResponse<T> {
  items: T[];
}

export function fetchStreets(): Promise<ItemsResponse<StreetView>> {
  return request<ItemsResponse<StreetView>>('/api/v1/streets');
}
