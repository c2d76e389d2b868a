import type {
  ConcernDetailView,
  ConcernSummaryView,
  ConcernFollowView,
  CreateConcernInput,
  DuplicateCandidateView,
  FollowerRatingInput,
  FollowerRatingView,
  Page,
  RateConcernInput,
  ConcernRef,
  Items,
} from '@manyi/shared';

import { request } from './request';

// The resident's concern routes (docs/concerns.md), typed from @manyi/shared.

/** `key` is the draft's Idempotency-Key: the same one on every retry, so a lost answer never makes two concerns. */
export function submitConcern(input: CreateConcernInput, key: string): Promise<ConcernRef> {
  return request<ConcernRef>('/api/v1/concerns', { method: 'POST', body: input, headers: { 'Idempotency-Key': key } });
}

export function fetchDuplicates(compoundId: number, categoryId: number): Promise<Items<DuplicateCandidateView>> {
  return request<Items<DuplicateCandidateView>>('/api/v1/concerns/duplicates', { query: { compoundId, categoryId } });
}

export function fetchMyConcerns(cursor?: string): Promise<Page<ConcernSummaryView>> {
  return request<Page<ConcernSummaryView>>('/api/v1/concerns/mine', { query: { cursor } });
}

export function fetchConcern(id: number): Promise<ConcernDetailView> {
  return request<ConcernDetailView>(`/api/v1/concerns/${id}`);
}

export function withdrawConcern(id: number): Promise<ConcernRef> {
  return request<ConcernRef>(`/api/v1/concerns/${id}/withdraw`, { method: 'POST' });
}

export function rateConcern(id: number, input: RateConcernInput): Promise<ConcernRef> {
  return request<ConcernRef>(`/api/v1/concerns/${id}/rating`, { method: 'POST', body: input });
}

/** 附议 "我也遇到了": `compoundId` is the compound I report from (the service checks it is the concern's). */
export function followConcern(id: number, compoundId: number): Promise<ConcernFollowView> {
  return request<ConcernFollowView>(`/api/v1/concerns/${id}/follow`, { method: 'POST', body: { compoundId } });
}

export function unfollowConcern(id: number): Promise<ConcernFollowView> {
  return request<ConcernFollowView>(`/api/v1/concerns/${id}/follow`, { method: 'DELETE' });
}

/** A follower's own rating of the published reply, counted apart from the reporter's. */
export function rateAsFollower(id: number, input: FollowerRatingInput): Promise<FollowerRatingView> {
  return request<FollowerRatingView>(`/api/v1/concerns/${id}/follower-rating`, { method: 'POST', body: input });
}
