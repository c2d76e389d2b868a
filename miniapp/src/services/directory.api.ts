import type { CategoryView, CompoundView, StreetView, Items } from '@manyi/shared';

import { request } from './request';

// Typed endpoints of the public directory (docs/development.md "The API"). Types come from
// @manyi/shared so the mini-program and the service cannot drift apart.

export function fetchStreets(): Promise<Items<StreetView>> {
  return request<Items<StreetView>>('/api/v1/streets');
}

export function fetchCompounds(streetCode: string): Promise<Items<CompoundView>> {
  return request<Items<CompoundView>>(`/api/v1/streets/${encodeURIComponent(streetCode)}/compounds`);
}

/** The category tree: roots with their children; only leaves (requestType set) can be reported. */
export function fetchCategories(): Promise<Items<CategoryView>> {
  return request<Items<CategoryView>>('/api/v1/categories');
}
