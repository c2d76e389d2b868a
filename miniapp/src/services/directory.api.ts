import type { CategoryView, CompoundView, StreetView } from '@manyi/shared';

import { request } from './request';

// Typed endpoints of the public directory (docs/development.md "The API"). Types come from
// @manyi/shared so the mini-program and the service cannot drift apart.

export interface ItemsResponse<T> {
  items: T[];
}

export function fetchStreets(): Promise<ItemsResponse<StreetView>> {
  return request<ItemsResponse<StreetView>>('/api/v1/streets');
}

export function fetchCompounds(streetCode: string): Promise<ItemsResponse<CompoundView>> {
  return request<ItemsResponse<CompoundView>>(`/api/v1/streets/${encodeURIComponent(streetCode)}/compounds`);
}

/** The category tree: roots with their children; only leaves (requestType set) can be reported. */
export function fetchCategories(): Promise<ItemsResponse<CategoryView>> {
  return request<ItemsResponse<CategoryView>>('/api/v1/categories');
}
